import Foundation
import JSON

/// One feature read from a GeoJSON document.
public struct GeoJSONFeature: Sendable {
    /// 0-based position of the feature in its FeatureCollection.
    public var index: Int
    public var id: JSONValue?
    /// The feature's properties; `"properties": null` or a missing member reads as empty.
    public var properties: JSONObject
    /// The geometry in WGS 84 longitude/latitude, 2-D (Z and M values dropped).
    public var geometry: Geometry

    public init(index: Int, id: JSONValue? = nil, properties: JSONObject = JSONObject(), geometry: Geometry) {
        self.index = index
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}

/// A feature the reader rejected, with the reason.
public struct FeatureProblem: Sendable, Equatable, CustomStringConvertible {
    public var featureIndex: Int
    public var reason: String

    public init(featureIndex: Int, reason: String) {
        self.featureIndex = featureIndex
        self.reason = reason
    }

    public var description: String { "feature \(featureIndex): \(reason)" }
}

/// A feature whose `geometry` member is null.
public struct NullGeometryFeature: Sendable {
    public var index: Int
    public var id: JSONValue?
    public var properties: JSONObject
}

/// The result of reading a GeoJSON document: its usable features and what was left out.
public struct GeoJSONDocument: Sendable {
    public var features: [GeoJSONFeature] = []
    /// Features rejected for invalid positions or structure; see `FeatureProblem.reason`.
    public var problems: [FeatureProblem] = []
    /// Features whose geometry is null, with their properties; importers of areas skip them with a warning.
    public var nullGeometryFeatures: [NullGeometryFeature] = []
    /// The CRS that the source was converted from, or nil when it was already WGS 84.
    public var convertedFrom: String?
    /// Total number of features in the source.
    public var featureCount = 0
}

/// Reads RFC 7946 GeoJSON into value geometries, in Swift, one feature at a time.
///
/// Unlike GEOS's own GeoJSON reader, a bad or null geometry affects only
/// its own feature. Foreign members (such as a `centroid` member beside
/// `geometry`) are ignored. The legacy `crs` member is accepted when it
/// names CRS84 or EPSG:4326. Any other CRS requires the caller to name it
/// in `sourceCRS`, and PROJ converts the coordinates to WGS 84.
public enum GeoJSONReader {
    public static func read(contentsOf url: URL, sourceCRS: String? = nil) throws(GeometryError) -> GeoJSONDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try read(data, sourceCRS: sourceCRS)
    }

    public static func read(_ text: String, sourceCRS: String? = nil) throws(GeometryError) -> GeoJSONDocument {
        try read(Data(text.utf8), sourceCRS: sourceCRS)
    }

    /// Reads a FeatureCollection, a single Feature or a bare geometry.
    ///
    /// Throws for problems of the whole document (not JSON, not GeoJSON, an
    /// unsupported CRS). Problems of single features are returned in
    /// `GeoJSONDocument.problems` so a caller sees all of them at once.
    public static func read(_ data: Data, sourceCRS: String? = nil) throws(GeometryError) -> GeoJSONDocument {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data, allowsNonFiniteNumbers: true)
        } catch {
            throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: error.description)
        }
        guard let object = root.objectValue else {
            throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: "the document is a JSON \(root.typeName), expected an object")
        }

        let transform = try resolveCRS(declared: object["crs"], requested: sourceCRS)
        var document = GeoJSONDocument()
        document.convertedFrom = transform?.sourceCRS

        guard let type = object["type"]?.stringValue else {
            throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: "missing \"type\" member")
        }
        switch type {
        case "FeatureCollection":
            guard let features = object["features"]?.arrayValue else {
                throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: "a FeatureCollection needs a \"features\" array")
            }
            document.featureCount = features.count
            for (index, feature) in features.enumerated() {
                readFeature(feature, index: index, transform: transform, into: &document)
            }
            try checkProjectedInput(features, transform: transform)
        case "Feature":
            document.featureCount = 1
            readFeature(root, index: 0, transform: transform, into: &document)
        case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
            document.featureCount = 1
            let feature: JSONValue = ["type": "Feature", "geometry": root]
            readFeature(feature, index: 0, transform: transform, into: &document)
        default:
            throw GeometryError.invalidGeoJSON(featureIndex: nil, reason: "unknown GeoJSON type \"\(type)\"")
        }
        return document
    }

    private static func readFeature(_ value: JSONValue, index: Int, transform: CoordinateTransform?, into document: inout GeoJSONDocument) {
        guard let object = value.objectValue, object["type"]?.stringValue == "Feature" else {
            document.problems.append(FeatureProblem(featureIndex: index, reason: "not a GeoJSON Feature object"))
            return
        }

        var properties = JSONObject()
        switch object["properties"] {
        case nil, .null?: break
        case .object(let members)?: properties = members
        case let other?:
            document.problems.append(FeatureProblem(featureIndex: index, reason: "\"properties\" is a \(other.typeName), expected an object or null"))
            return
        }

        guard let geometryValue = object["geometry"] else {
            document.problems.append(FeatureProblem(featureIndex: index, reason: "missing \"geometry\" member"))
            return
        }
        if geometryValue.isNull {
            document.nullGeometryFeatures.append(NullGeometryFeature(index: index, id: object["id"], properties: properties))
            return
        }

        do throws(GeometryError) {
            var geometry = try GeometryParser(geographic: transform == nil).parse(geometryValue)
            if let transform {
                geometry = try transform.transform(geometry)
                try GeometryParser(geographic: true).checkRanges(geometry)
            }
            document.features.append(GeoJSONFeature(index: index, id: object["id"], properties: properties, geometry: geometry))
        } catch {
            let reason: String
            switch error {
            case .invalidGeoJSON(_, let text): reason = text
            default: reason = error.description
            }
            document.problems.append(FeatureProblem(featureIndex: index, reason: reason))
        }
    }

    // MARK: CRS

    /// Rejects a file named as projected (metres) whose every coordinate fits in degree ranges, because
    /// converting degrees as metres would silently put every feature near the projection's origin.
    private static func checkProjectedInput(_ features: [JSONValue], transform: CoordinateTransform?) throws(GeometryError) {
        guard let transform, transform.sourceIsProjected, !features.isEmpty else { return }
        var sawPosition = false
        func looksGeographic(_ value: JSONValue) -> Bool {
            guard let array = value.arrayValue else { return true }
            if let x = array.first?.doubleValue, array.count >= 2, let y = array[1].doubleValue {
                sawPosition = true
                return abs(x) <= 180 && abs(y) <= 90
            }
            return array.allSatisfy(looksGeographic)
        }
        let allInDegreeRange = features.allSatisfy { feature in
            guard let coordinates = feature["geometry"]?["coordinates"] else { return true }
            return looksGeographic(coordinates)
        }
        if sawPosition && allInDegreeRange {
            throw GeometryError.invalidGeoJSON(
                featureIndex: nil,
                reason: "every coordinate lies within ±180/±90, so the file looks like longitude/latitude degrees, not \(transform.sourceCRS) (a projected CRS in metres); drop --crs")
        }
    }

    /// Names under which GeoJSON files declare WGS 84 longitude/latitude.
    static let wgs84Names: Set<String> = [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:OGC:2:84", "CRS84", "OGC:CRS84",
        "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326", "WGS84",
    ]

    /// Returns true when `name` denotes WGS 84 longitude/latitude.
    public static func isWGS84(_ name: String) -> Bool {
        wgs84Names.contains(name) || normalisedCRSName(name) == "EPSG:4326"
    }

    /// Rewrites "urn:ogc:def:crs:EPSG:6.6:32643" or "…/EPSG/0/32643" as "EPSG:32643"; other names unchanged.
    static func normalisedCRSName(_ name: String) -> String {
        let lowered = name.lowercased()
        if lowered.hasPrefix("urn:ogc:def:crs:epsg:") || lowered.hasPrefix("http://www.opengis.net/def/crs/epsg/") {
            let separators = CharacterSet(charactersIn: ":/")
            if let code = name.components(separatedBy: separators).last, !code.isEmpty, code.allSatisfy(\.isNumber) {
                return "EPSG:\(code)"
            }
        }
        if lowered.hasPrefix("epsg:") { return "EPSG:" + name.dropFirst(5) }
        return name
    }

    private static func resolveCRS(declared: JSONValue?, requested: String?) throws(GeometryError) -> CoordinateTransform? {
        var declaredName: String? = nil
        if let declared, !declared.isNull {
            guard declared["type"]?.stringValue == "name", let name = declared["properties"]?["name"]?.stringValue else {
                throw GeometryError.unsupportedCRS(name: JSONWriter.string(declared))
            }
            declaredName = name
        }

        switch (declaredName, requested) {
        case (nil, nil):
            return nil
        case (let name?, nil):
            if isWGS84(name) { return nil }
            throw GeometryError.unsupportedCRS(name: name)
        case (nil, let source?):
            return isWGS84(source) ? nil : try CoordinateTransform(from: normalisedCRSName(source))
        case (let name?, let source?):
            let declaredCode = normalisedCRSName(name)
            let requestedCode = normalisedCRSName(source)
            if isWGS84(name) && isWGS84(source) { return nil }
            guard declaredCode == requestedCode else {
                throw GeometryError.conflictingCRS(declared: name, requested: source)
            }
            return try CoordinateTransform(from: requestedCode)
        }
    }
}

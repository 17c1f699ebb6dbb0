import Catchment
import Geometry
import HTTPServer
import JSON
import SakuraCore
import Store
import Synchronization

/// The catchments map layer of one city: full precision, or simplified for a web-map zoom level with
/// shared borders simplified once per language (so neighbours never overlap or open slivers).
final class CatchmentLayer: Sendable {
    private let catchments: [Catchment]
    private let schoolNames: [String: LocalizedName]
    private let isDemo: Bool
    /// Latitude of the middle of the city, for zoom tolerances (Web Mercator pixels shrink with latitude).
    private let referenceLatitude: Double
    /// A language group ("" for catchments without a language): its catchment indexes and the simplifier of its shared borders.
    typealias Group = (language: String, members: [Int], simplifier: CoverageSimplifier)
    /// The groups once `prepareSimplifiers()` has run; nil before. Building them takes most of a
    /// snapshot's build time and only zoomed requests need them, so a published plan's snapshot
    /// serves first and prepares them afterwards.
    private let groups = Mutex<[Group]?>(nil)
    private let simplified = PerThreadCache<Int, [Int: [Polygon]]>(capacity: 64)
    private let responses = PerThreadCache<String, HTTPResponse>(capacity: 128)

    init(snapshot: CitySnapshot) {
        catchments = snapshot.index.catchments
        isDemo = snapshot.city.isDemo
        referenceLatitude = snapshot.index.envelope?.center.y ?? 0
        var names: [String: LocalizedName] = [:]
        for (id, school) in snapshot.schools { names[id] = school.names }
        schoolNames = names
    }

    /// Builds the simplifier of each language group, once; later calls return at once.
    func prepareSimplifiers() {
        guard groups.withLock({ $0 == nil }) else { return }
        var byLanguage: [String: [Int]] = [:]
        for (index, catchment) in catchments.enumerated() { byLanguage[catchment.language ?? "", default: []].append(index) }
        let catchments = self.catchments
        let built = byLanguage.keys.sorted().map { language -> Group in
            let members = byLanguage[language]!
            return (language, members, CoverageSimplifier(areas: members.map { catchments[$0].polygons }))
        }
        groups.withLock { if $0 == nil { $0 = built } }
    }

    /// True once zoomed requests get simplified outlines.
    var isPrepared: Bool { groups.withLock { $0 != nil } }

    /// Returns the polygons of every catchment at a zoom level (nil for full precision), keyed by catchment index.
    private func polygons(zoom: Int?) -> [Int: [Polygon]] {
        guard let zoom else {
            var all: [Int: [Polygon]] = [:]
            for (index, catchment) in catchments.enumerated() { all[index] = catchment.polygons }
            return all
        }
        // Until the simplifiers are ready, zoomed requests get full precision, which is correct but larger.
        guard let groups = groups.withLock({ $0 }) else { return polygons(zoom: nil) }
        return simplified.value(for: zoom) {
            var all: [Int: [Polygon]] = [:]
            let tolerance = CoverageSimplifier.tolerance(forZoom: zoom, latitude: self.referenceLatitude)
            for group in groups {
                for (position, areas) in group.simplifier.simplified(tolerance: tolerance).enumerated() {
                    all[group.members[position]] = areas
                }
            }
            return all
        }
    }

    /// Renders the layer as GeoJSON, filtered by language, school and bounding box.
    /// Requests without a box or school filter are answered from a per-thread cache with the gzip body ready.
    func response(language: String?, school: String?, bbox: Envelope?, zoom: Int?) -> HTTPResponse {
        let build = { () -> HTTPResponse in
            let polygonsByIndex = self.polygons(zoom: zoom)
            var features: [JSONValue] = []
            for (index, catchment) in self.catchments.enumerated() {
                if let language, catchment.language != language { continue }
                if let school, catchment.schoolID != school { continue }
                if let bbox, !(catchment.envelope.map(bbox.intersects) ?? false) { continue }
                let polygons = polygonsByIndex[index] ?? catchment.polygons
                var properties = JSONObject()
                properties["key"] = .string(catchment.key)
                properties["language"] = .optional(catchment.language)
                properties["school"] = .optional(catchment.schoolID)
                if let id = catchment.schoolID, let names = self.schoolNames[id] {
                    properties["school_name"] = ["kk": .string(names.kk), "ru": .string(names.ru), "en": .string(names.en)]
                }
                properties["version"] = .number(Double(catchment.version))
                let geometry: Geometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
                features.append(GeoJSONWriter.feature(geometry, properties: properties))
            }
            var collection = GeoJSONWriter.featureCollection(features).objectValue!
            if self.isDemo { collection["demo_data"] = true }
            if let zoom { collection["zoom"] = .number(Double(zoom)) }
            return HTTPResponse.json(.object(collection), isCacheable: true, contentType: "application/geo+json")
        }
        guard bbox == nil, school == nil, zoom == nil || isPrepared else { return build() }
        return responses.value(for: "\(language ?? "*")|\(zoom.map(String.init) ?? "full")") {
            var response = build()
            response.entityTag = EntityTag.of(response.body)
            response.gzippedBody = Gzip.compress(response.body)
            return response
        }
    }
}

import Foundation
import Geometry
import JSON

/// Imports streets and addresses (GeoJSON or CSV), replacing the city's streets or addresses in one transaction.
///
/// Addresses from GeoJSON use OpenStreetMap tags by default: `addr:street`
/// and `addr:housenumber`, as properties or inside a `tags` object (as
/// Overpass exports them); a building polygon gives a point inside it.
/// Features without both tags (roads, unaddressed buildings) are counted
/// and left out. Addresses from CSV need the columns `street`, `house`,
/// `lat` and `lon`.
///
/// Streets from GeoJSON are the named LineString and MultiLineString
/// features; they read `name:ru` (else `name`), `name:kk`, and
/// `old_name`, `alt_name`, `official_name`, `short_name` as aliases;
/// features with the same names are merged into one street. Streets from
/// CSV need `name_ru` or `name_kk`, and may have `type`, `district` and
/// `aliases` (separated by `;`).
public struct AddressImporter {
    public let store: SakuraStore
    public var options: ImportOptions
    /// Address property names for GeoJSON.
    public var streetProperty = "addr:street"
    public var houseProperty = "addr:housenumber"

    public init(store: SakuraStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    static func isCSV(_ file: URL) -> Bool { file.pathExtension.lowercased() == "csv" }

    /// Returns the OpenStreetMap tags of a feature: the `tags` object of an Overpass export, else the properties themselves.
    static func tags(_ properties: JSONObject) -> JSONObject {
        properties["tags"]?.objectValue ?? properties
    }

    // MARK: Addresses

    public func runAddresses(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        var summary = ImportSummary(kind: "addresses", source: file.path, cityID: cityID)
        let addresses = Self.isCSV(file) ? try csvAddresses(file, summary: &summary) : try geoJSONAddresses(file, summary: &summary)
        if !summary.skipped.isEmpty && !options.skipInvalid { throw ImportRejected(summary: summary) }
        summary.imported = addresses.count
        summary.committed = true
        try commit(summary, started: started) { try store.replaceAddresses(cityID: cityID, addresses) }
        return summary
    }

    private func geoJSONAddresses(_ file: URL, summary: inout ImportSummary) throws -> [AddressRecord] {
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.skipped = document.problems
        summary.nullGeometry = document.nullGeometryFeatures.map(\.index)
        var addresses: [AddressRecord] = []
        for feature in document.features {
            let properties = Self.tags(feature.properties)
            guard let street = text(properties, streetProperty), let house = text(properties, houseProperty) else {
                summary.notAddresses += 1
                continue
            }
            do throws(GeometryError) {
                let location: Position
                switch feature.geometry {
                case .point(let point): location = point
                case .polygon, .multiPolygon: location = try NativeGeometry(feature.geometry).pointOnSurface()
                default: throw GeometryError.unexpectedType(expected: "a Point or a building polygon", found: feature.geometry.typeName)
                }
                addresses.append(AddressRecord(id: addresses.count + 1, street: street, house: house, location: location, properties: properties))
            } catch {
                summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: error.description))
            }
        }
        return addresses
    }

    private func csvAddresses(_ file: URL, summary: inout ImportSummary) throws -> [AddressRecord] {
        let table = try CSVTable(text: try String(contentsOf: file, encoding: .utf8))
        let street = try table.requiredColumn("street"), house = try table.requiredColumn("house")
        let lat = try table.requiredColumn("lat"), lon = try table.requiredColumn("lon")
        summary.read = table.rows.count
        var addresses: [AddressRecord] = []
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            let streetName = row[street].trimmingCharacters(in: .whitespaces), houseText = row[house].trimmingCharacters(in: .whitespaces)
            guard !streetName.isEmpty else { summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column street: empty")); continue }
            guard !houseText.isEmpty else { summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column house: empty")); continue }
            guard let latitude = Double(row[lat].trimmingCharacters(in: .whitespaces)), (-90...90).contains(latitude) else {
                summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column lat: \"\(row[lat])\" is not a latitude in degrees"))
                continue
            }
            guard let longitude = Double(row[lon].trimmingCharacters(in: .whitespaces)), (-180...180).contains(longitude) else {
                summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column lon: \"\(row[lon])\" is not a longitude in degrees"))
                continue
            }
            addresses.append(AddressRecord(id: addresses.count + 1, street: streetName, house: houseText, location: Position(x: longitude, y: latitude)))
        }
        return addresses
    }

    // MARK: Streets

    public func runStreets(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        var summary = ImportSummary(kind: "streets", source: file.path, cityID: cityID)
        let streets = Self.isCSV(file) ? try csvStreets(file, summary: &summary) : try geoJSONStreets(file, summary: &summary)
        if !summary.skipped.isEmpty && !options.skipInvalid { throw ImportRejected(summary: summary) }
        summary.imported = streets.count
        summary.committed = true
        try commit(summary, started: started) { try store.replaceStreets(cityID: cityID, streets) }
        return summary
    }

    private func geoJSONStreets(_ file: URL, summary: inout ImportSummary) throws -> [StreetRecord] {
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.skipped = document.problems
        var streets: [StreetRecord] = []
        var byNames: [String: Int] = [:]
        for feature in document.features {
            let properties = Self.tags(feature.properties)
            let nameRU = text(properties, "name:ru") ?? text(properties, "name")
            let nameKK = text(properties, "name:kk")
            // Only named lines are streets: a named polygon is a building or an area (a school, a park).
            let isLine: Bool
            switch feature.geometry {
            case .lineString, .multiLineString: isLine = true
            default: isLine = false
            }
            guard nameRU != nil || nameKK != nil, isLine else {
                summary.notAddresses += 1
                continue
            }
            let aliases = ["old_name", "alt_name", "official_name", "short_name", "old_name:ru", "old_name:kk", "name:en"]
                .compactMap { text(properties, $0) }
                .flatMap { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
            let identity = (nameRU ?? "") + "\u{1F}" + (nameKK ?? "")
            var lines: [[Position]] = []
            switch feature.geometry {
            case .lineString(let line): lines = [line]
            case .multiLineString(let parts): lines = parts
            default: break
            }
            if let existing = byNames[identity] {
                for alias in aliases where !streets[existing].aliases.contains(alias) { streets[existing].aliases.append(alias) }
                if case .multiLineString(let parts)? = streets[existing].geometry { streets[existing].geometry = .multiLineString(parts + lines) }
                continue
            }
            byNames[identity] = streets.count
            streets.append(StreetRecord(id: streets.count + 1, nameRU: nameRU, nameKK: nameKK, aliases: aliases,
                                        type: text(properties, "type"), district: text(properties, "district"),
                                        geometry: lines.isEmpty ? nil : .multiLineString(lines)))
        }
        return streets
    }

    private func csvStreets(_ file: URL, summary: inout ImportSummary) throws -> [StreetRecord] {
        let table = try CSVTable(text: try String(contentsOf: file, encoding: .utf8))
        let nameRU = table.column("name_ru"), nameKK = table.column("name_kk")
        guard nameRU != nil || nameKK != nil else {
            throw StoreError.invalidInput(field: "CSV column name_ru", reason: "missing, and no name_kk either; the header has \(table.header.joined(separator: ", "))")
        }
        let type = table.column("type"), district = table.column("district"), aliases = table.column("aliases")
        summary.read = table.rows.count
        var streets: [StreetRecord] = []
        for (position, row) in table.rows.enumerated() {
            func value(_ column: Int?) -> String? {
                guard let column else { return nil }
                let text = row[column].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard value(nameRU) != nil || value(nameKK) != nil else {
                summary.skipped.append(FeatureProblem(featureIndex: table.lineNumbers[position], reason: "line \(table.lineNumbers[position]): both name_ru and name_kk are empty"))
                continue
            }
            let aliasList = value(aliases)?.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
            streets.append(StreetRecord(id: streets.count + 1, nameRU: value(nameRU), nameKK: value(nameKK), aliases: aliasList,
                                        type: value(type), district: value(district)))
        }
        return streets
    }

    private func commit(_ summary: ImportSummary, started: String, _ replace: () throws -> Void) throws {
        try store.database.transaction {
            try store.ensureCity(id: summary.cityID)
            try replace()
            try store.recordImportRun(ImportRun(
                cityID: summary.cityID, kind: summary.kind, source: summary.source, startedAt: started, finishedAt: Timestamp.now(),
                readCount: summary.read, importedCount: summary.imported, repairedCount: 0,
                skippedCount: summary.skipped.count + summary.notAddresses, report: summary.json))
        }
    }
}

import Catchment
import Foundation
import Geometry
import JSON

/// Imports schools from GeoJSON into a city, replacing the city's schools in one transaction.
///
/// Properties read by default (each optional except the key): `id`,
/// `number`, `name_kk`, `name_ru`, `name_en`, `languages` (comma-separated
/// codes or an array), `type`, `ownership`, `district`, `address_kk`,
/// `address_ru`, `grades`, `shifts`, `capacity`, `enrollment`, `director`,
/// `phone`, `email`, `website`, `founded`, `profile`, `programmes`,
/// `accessibility`. A Point gives the location; a polygon (a school
/// building or site) gives a point inside it; a null geometry gives a
/// school without a location.
public struct SchoolImporter {
    public let store: SakuraStore
    public var options: ImportOptions

    public static let typeCodes = ["general", "gymnasium", "lyceum", "school_gymnasium", "specialised", "small_rural", "correctional", "evening"]
    public static let ownershipCodes = ["state", "private"]

    public init(store: SakuraStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    public func run(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        if let language = options.language { try LanguageCode.validate(language, field: "--language") }
        var summary = ImportSummary(kind: "schools", source: file.path, cityID: cityID)
        let entries = AddressImporter.isCSV(file) ? try csvEntries(file, summary: &summary) : try geoJSONEntries(file, summary: &summary)
        return try store(entries, file: file, cityID: cityID, started: started, summary: summary)
    }

    private typealias Entry = (index: Int, id: JSONValue?, properties: JSONObject, location: Position?)

    private func geoJSONEntries(_ file: URL, summary: inout ImportSummary) throws -> [Entry] {
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.skipped = document.problems

        var entries: [Entry] = []
        for feature in document.features {
            do throws(GeometryError) {
                entries.append((feature.index, feature.id, feature.properties, try location(of: feature.geometry)))
            } catch {
                summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: error.description))
            }
        }
        for feature in document.nullGeometryFeatures {
            entries.append((feature.index, feature.id, feature.properties, nil))
        }
        return entries.sorted { $0.index < $1.index }
    }

    /// Rows of a CSV file as entries; `lat` and `lon` columns (through the mapping) give the location,
    /// and a row with both empty is a school without one. Entries are numbered by file line.
    private func csvEntries(_ file: URL, summary: inout ImportSummary) throws -> [Entry] {
        let table = try CSVTable(text: try String(contentsOf: file, encoding: .utf8))
        summary.read = table.rows.count
        let latColumn = table.column(column("lat")), lonColumn = table.column(column("lon"))
        var entries: [Entry] = []
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            var properties = JSONObject()
            for (index, name) in table.header.enumerated() where !row[index].isEmpty { properties[name] = .string(row[index]) }
            let latText = latColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            let lonText = lonColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            var location: Position? = nil
            if !latText.isEmpty || !lonText.isEmpty {
                guard let latitude = Double(latText), (-90...90).contains(latitude) else {
                    summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column \(column("lat")): \"\(latText)\" is not a latitude in degrees"))
                    continue
                }
                guard let longitude = Double(lonText), (-180...180).contains(longitude) else {
                    summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column \(column("lon")): \"\(lonText)\" is not a longitude in degrees"))
                    continue
                }
                location = Position(longitude: longitude, latitude: latitude)
            }
            entries.append((line, nil, properties, location))
        }
        return entries
    }

    /// The source property or column that holds a passport field, after `--map`.
    private func column(_ field: String) -> String {
        options.columnMapping[field] ?? field
    }

    private func store(_ entries: [Entry], file: URL, cityID: String, started: String, summary input: ImportSummary) throws -> ImportSummary {
        var summary = input
        var schools: [School] = []
        var featureOfID: [String: Int] = [:]
        for entry in entries {
            do throws(StoreError) {
                let school = try makeSchool(properties: entry.properties, id: entry.id, location: entry.location)
                if let first = featureOfID[school.id] {
                    summary.skipped.append(FeatureProblem(featureIndex: entry.index, reason: "school id \(school.id) already used by feature \(first)"))
                    continue
                }
                featureOfID[school.id] = entry.index
                if school.location == nil { summary.withoutLocation.append(school.id) }
                schools.append(school)
            } catch {
                summary.skipped.append(FeatureProblem(featureIndex: entry.index, reason: error.description))
            }
        }

        if !summary.skipped.isEmpty && !options.skipInvalid { throw ImportRejected(summary: summary) }

        summary.imported = schools.count
        summary.committed = true
        let finalSummary = summary
        try store.database.transaction {
            try store.ensureCity(id: cityID)
            try store.replaceSchools(cityID: cityID, schools)
            try relinkCatchments(cityID: cityID, schools: schools)
            try store.recordImportRun(ImportRun(
                cityID: cityID, kind: "schools", source: file.path, startedAt: started, finishedAt: Timestamp.now(),
                readCount: finalSummary.read, importedCount: finalSummary.imported, repairedCount: 0,
                skippedCount: finalSummary.skipped.count, report: finalSummary.json))
        }
        return summary
    }

    /// Points the city's existing catchments at the new schools, so the import order of schools and catchments does not matter.
    private func relinkCatchments(cityID: String, schools: [School]) throws {
        let matcher = SchoolMatcher(schools: schools)
        // Every version is relinked, so an earlier plan read back names the same school ids as the current one.
        let update = try store.database.prepare("UPDATE catchment_versions SET school_id = ?3 WHERE city_id = ?1 AND school_key = ?2")
        let references = try store.database.prepare("SELECT DISTINCT school_key FROM catchment_versions WHERE city_id = ?1 AND school_key IS NOT NULL")
            .rows([.text(cityID)]) { $0.text(0) }
        for reference in references {
            try update.run([.text(cityID), .text(reference), .optional(matcher.match(reference))])
        }
    }

    private func location(of geometry: Geometry) throws(GeometryError) -> Position {
        switch geometry {
        case .point(let position):
            return position
        case .polygon, .multiPolygon:
            return try NativeGeometry(geometry).pointOnSurface()
        default:
            throw GeometryError.unexpectedType(expected: "a Point or a polygon for a school location", found: geometry.typeName)
        }
    }

    private func makeSchool(properties: JSONObject, id featureID: JSONValue?, location: Position?) throws(StoreError) -> School {
        let keyName = options.keyProperty ?? column("id")
        guard let id = text(properties, keyName) ?? featureID?.scalarText else {
            throw StoreError.invalidInput(field: "property \(keyName)", reason: "missing school id (name the id property with --key-property)")
        }
        let fallbackName = text(properties, options.nameProperty) ?? id
        let names = LocalizedName(
            kk: text(properties, column("name_kk")) ?? fallbackName,
            ru: text(properties, column("name_ru")) ?? fallbackName,
            en: text(properties, column("name_en")) ?? fallbackName)

        var languages: [String] = []
        if let language = options.language {
            languages = [language]
        } else if let array = properties[column("languages")]?.arrayValue {
            languages = array.compactMap(\.stringValue)
        } else if let list = text(properties, column("languages")) {
            languages = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for language in languages { try LanguageCode.validate(language, field: "school \(id): property languages") }

        let type = text(properties, column("type"))
        if let type, !Self.typeCodes.contains(type) {
            throw StoreError.invalidInput(field: "school \(id): property type", reason: "unknown school type \"\(type)\"; use one of \(Self.typeCodes.joined(separator: ", "))")
        }
        let ownership = text(properties, column("ownership"))
        if let ownership, !Self.ownershipCodes.contains(ownership) {
            throw StoreError.invalidInput(field: "school \(id): property ownership", reason: "unknown ownership \"\(ownership)\"; use state or private")
        }

        var school = School(id: id, number: try integer(properties, column("number"), school: id), names: names, languages: languages,
                            type: type, ownership: ownership, district: text(properties, column("district")),
                            addressKK: text(properties, column("address_kk")), addressRU: text(properties, column("address_ru")), location: location)
        school.grades = text(properties, column("grades"))
        school.shifts = try integer(properties, column("shifts"), school: id)
        school.capacity = try integer(properties, column("capacity"), school: id)
        school.enrollment = try integer(properties, column("enrollment"), school: id)
        school.director = text(properties, column("director"))
        school.phone = text(properties, column("phone"))
        school.email = text(properties, column("email"))
        school.website = text(properties, column("website"))
        school.founded = try integer(properties, column("founded"), school: id)
        school.profile = text(properties, column("profile"))
        school.programmes = text(properties, column("programmes"))
        school.accessibility = text(properties, column("accessibility"))
        school.freePlaces = try freePlaces(properties[column("free_places")], school: id)
        school.properties = properties
        return school
    }

    /// Reads free places per grade from a JSON object {"1": 25} or text "1=25;2=0" (also as a JSON string).
    private func freePlaces(_ value: JSONValue?, school: String) throws(StoreError) -> [Int: Int]? {
        guard let value, !value.isNull else { return nil }
        var pairs: [(String, String)] = []
        if let object = value.objectValue {
            pairs = object.members.map { ($0.key, $0.value.scalarText ?? "") }
        } else if let text = value.stringValue {
            if let object = (try? JSONParser.parse(text))?.objectValue {
                pairs = object.members.map { ($0.key, $0.value.scalarText ?? "") }
            } else {
                for item in text.split(separator: ";") where !item.trimmingCharacters(in: .whitespaces).isEmpty {
                    let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    pairs.append((parts[0], parts.count == 2 ? parts[1] : ""))
                }
            }
        } else {
            throw StoreError.invalidInput(field: "school \(school): property \(column("free_places"))", reason: "expected an object such as {\"1\": 25} or text such as 1=25;2=0")
        }
        var places: [Int: Int] = [:]
        for (grade, count) in pairs {
            guard let gradeNumber = Int(grade), (0...12).contains(gradeNumber), let places2 = Int(count), places2 >= 0 else {
                throw StoreError.invalidInput(field: "school \(school): property \(column("free_places"))",
                                              reason: "\"\(grade)=\(count)\" is not a grade from 0 to 12 with a whole number of places")
            }
            places[gradeNumber] = places2
        }
        return places
    }

    private func integer(_ properties: JSONObject, _ name: String, school: String) throws(StoreError) -> Int? {
        guard let raw = text(properties, name) else { return nil }
        guard let value = Int(raw), value >= 0 else {
            throw StoreError.invalidInput(field: "school \(school): property \(name)", reason: "\"\(raw)\" is not a whole non-negative number")
        }
        return value
    }
}

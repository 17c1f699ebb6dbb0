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
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        var summary = ImportSummary(kind: "schools", source: file.path, cityID: cityID)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.skipped = document.problems

        var entries: [(index: Int, id: JSONValue?, properties: JSONObject, location: Position?)] = []
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
        entries.sort { $0.index < $1.index }

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
        let update = try store.database.prepare("UPDATE catchments SET school_id = ?3 WHERE city_id = ?1 AND school_key = ?2")
        let references = try store.database.prepare("SELECT DISTINCT school_key FROM catchments WHERE city_id = ?1 AND school_key IS NOT NULL")
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
        let keyName = options.keyProperty ?? "id"
        guard let id = text(properties, keyName) ?? featureID?.scalarText else {
            throw StoreError.invalidInput(field: "property \(keyName)", reason: "missing school id (name the id property with --key-property)")
        }
        let fallbackName = text(properties, options.nameProperty) ?? id
        let names = LocalizedName(
            kk: text(properties, "name_kk") ?? fallbackName,
            ru: text(properties, "name_ru") ?? fallbackName,
            en: text(properties, "name_en") ?? fallbackName)

        var languages: [String] = []
        if let language = options.language {
            languages = [language]
        } else if let array = properties["languages"]?.arrayValue {
            languages = array.compactMap(\.stringValue)
        } else if let list = text(properties, "languages") {
            languages = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for language in languages { try LanguageCode.validate(language, field: "school \(id): property languages") }

        let type = text(properties, "type")
        if let type, !Self.typeCodes.contains(type) {
            throw StoreError.invalidInput(field: "school \(id): property type", reason: "unknown school type \"\(type)\"; use one of \(Self.typeCodes.joined(separator: ", "))")
        }
        let ownership = text(properties, "ownership")
        if let ownership, !Self.ownershipCodes.contains(ownership) {
            throw StoreError.invalidInput(field: "school \(id): property ownership", reason: "unknown ownership \"\(ownership)\"; use state or private")
        }

        var school = School(id: id, number: try integer(properties, "number", school: id), names: names, languages: languages,
                            type: type, ownership: ownership, district: text(properties, "district"),
                            addressKK: text(properties, "address_kk"), addressRU: text(properties, "address_ru"), location: location)
        school.grades = text(properties, "grades")
        school.shifts = try integer(properties, "shifts", school: id)
        school.capacity = try integer(properties, "capacity", school: id)
        school.enrollment = try integer(properties, "enrollment", school: id)
        school.director = text(properties, "director")
        school.phone = text(properties, "phone")
        school.email = text(properties, "email")
        school.website = text(properties, "website")
        school.founded = try integer(properties, "founded", school: id)
        school.profile = text(properties, "profile")
        school.programmes = text(properties, "programmes")
        school.accessibility = text(properties, "accessibility")
        school.properties = properties
        return school
    }

    private func integer(_ properties: JSONObject, _ name: String, school: String) throws(StoreError) -> Int? {
        guard let raw = text(properties, name) else { return nil }
        guard let value = Int(raw), value >= 0 else {
            throw StoreError.invalidInput(field: "school \(school): property \(name)", reason: "\"\(raw)\" is not a whole non-negative number")
        }
        return value
    }
}

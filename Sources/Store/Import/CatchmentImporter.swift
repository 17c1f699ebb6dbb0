import Catchment
import Foundation
import Geometry
import JSON

/// Imports catchments from GeoJSON into a city, replacing the city's catchments in one transaction.
public struct CatchmentImporter {
    public let store: SakuraStore
    public var options: ImportOptions

    public init(store: SakuraStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    /// Reads, checks and stores the file. Throws `ImportRejected` (writing nothing) when a feature is
    /// rejected and `skipInvalid` is off.
    public func run(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        if let language = options.language { try LanguageCode.validate(language, field: "--language") }
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        var summary = ImportSummary(kind: "catchments", source: file.path, cityID: cityID)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.nullGeometry = document.nullGeometryFeatures.map(\.index)
        summary.skipped = document.problems

        let cleaner = PolygonCleaner(options: CleaningOptions(fix: options.fix, closeOpenRings: options.closeRings))
        var catchments: [Catchment] = []
        var properties: [JSONObject] = []
        var featureOfKey: [String: Int] = [:]
        for feature in document.features {
            guard let key = text(feature.properties, options.keyProperty ?? "key") ?? feature.id?.scalarText else {
                summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: "missing key: no property \"\(options.keyProperty ?? "key")\" and no feature id (name the key with --key-property)"))
                continue
            }
            let language = options.language ?? text(feature.properties, options.languageProperty ?? "language")
            if let language {
                do throws(StoreError) {
                    try LanguageCode.validate(language, field: "property \(options.languageProperty ?? "language")")
                } catch {
                    summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: "\(key): \(error)"))
                    continue
                }
            }
            let identity = key + "\u{1F}" + (language ?? "")
            if let first = featureOfKey[identity] {
                summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: "key \(key) already used by feature \(first)"))
                continue
            }

            switch cleaner.clean(feature.geometry) {
            case .rejected(let problems):
                for problem in problems {
                    summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: "\(key): \(problem)"))
                }
            case .accepted(let polygons, let repairs):
                featureOfKey[identity] = feature.index
                if !repairs.isEmpty { summary.repaired.append((feature.index, key, repairs)) }
                let schoolKey = text(feature.properties, options.schoolProperty ?? "school")
                catchments.append(Catchment(key: key, schoolKey: schoolKey, language: language, polygons: polygons))
                properties.append(feature.properties)
            }
        }

        if !summary.skipped.isEmpty && !options.skipInvalid {
            throw ImportRejected(summary: summary)
        }

        // Link catchments to schools: exact id first, then a case-insensitive match on id or any name.
        let schools = try store.schools(cityID: cityID)
        let matcher = SchoolMatcher(schools: schools)
        var unmatched = Set<String>()
        for index in catchments.indices {
            guard let reference = catchments[index].schoolKey else { continue }
            if let id = matcher.match(reference) { catchments[index].schoolID = id } else { unmatched.insert(reference) }
        }
        summary.unmatchedSchoolKeys = unmatched.sorted()

        // Check the index builds before anything is written.
        _ = try CatchmentIndex(catchments: catchments)

        summary.imported = catchments.count
        summary.committed = true
        let finalSummary = summary
        try store.database.transaction {
            try store.ensureCity(id: cityID)
            try store.replaceCatchments(cityID: cityID, catchments, properties: properties)
            try store.recordImportRun(ImportRun(
                cityID: cityID, kind: "catchments", source: file.path, startedAt: started, finishedAt: Timestamp.now(),
                readCount: finalSummary.read, importedCount: finalSummary.imported, repairedCount: finalSummary.repaired.count,
                skippedCount: finalSummary.skipped.count + finalSummary.nullGeometry.count, report: finalSummary.json))
        }
        return summary
    }
}

/// Resolves a school reference from a catchment file to a school id.
struct SchoolMatcher {
    private var exact: [String: String] = [:]
    private var folded: [String: String] = [:]

    init(schools: [School]) {
        for school in schools {
            exact[school.id] = school.id
            for name in [school.id, school.names.kk, school.names.ru, school.names.en] where !name.isEmpty {
                let key = Self.fold(name)
                if folded[key] == nil { folded[key] = school.id }
            }
        }
    }

    func match(_ reference: String) -> String? {
        exact[reference] ?? folded[Self.fold(reference)]
    }

    static func fold(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

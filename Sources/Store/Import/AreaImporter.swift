import Foundation
import Geometry
import JSON

/// Imports a city boundary or the city's districts from GeoJSON.
public struct AreaImporter {
    public let store: SakuraStore
    public var options: ImportOptions

    public init(store: SakuraStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    /// Imports the boundary: the union of every selected polygonal feature.
    public func runBoundary(file: URL, cityID: String, names: LocalizedName? = nil, isDemo: Bool = false) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        var (summary, features) = try cleanFeatures(file: file, cityID: cityID, kind: "boundary")
        guard summary.skipped.isEmpty || options.skipInvalid else { throw ImportRejected(summary: summary) }
        guard !features.isEmpty else {
            summary.skipped.append(FeatureProblem(featureIndex: 0, reason: "no polygon selected for the boundary"))
            throw ImportRejected(summary: summary)
        }

        var polygons = features.flatMap(\.polygons)
        if polygons.count > 1 {
            polygons = try NativeGeometry.union(of: polygons).polygonalParts().map(RingOrientation.oriented)
        }
        summary.imported = features.count
        summary.committed = true
        let finalSummary = summary
        try store.database.transaction {
            if let names {
                try store.saveCity(City(id: cityID, names: names, isDemo: isDemo))
            } else {
                try store.ensureCity(id: cityID)
            }
            try store.setBoundary(cityID: cityID, polygons: polygons)
            try record(finalSummary, started: started)
        }
        return summary
    }

    /// Imports districts, replacing the city's districts; properties `id`, `name_kk`, `name_ru`, `name_en`.
    public func runDistricts(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        var (summary, features) = try cleanFeatures(file: file, cityID: cityID, kind: "districts")
        var districts: [District] = []
        for feature in features {
            guard let id = text(feature.properties, options.keyProperty ?? "id") else {
                summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: "missing district id property \"\(options.keyProperty ?? "id")\""))
                continue
            }
            let fallback = text(feature.properties, options.nameProperty) ?? id
            let names = LocalizedName(kk: text(feature.properties, "name_kk") ?? fallback,
                                      ru: text(feature.properties, "name_ru") ?? fallback,
                                      en: text(feature.properties, "name_en") ?? fallback)
            districts.append(District(id: id, names: names, polygons: feature.polygons))
        }
        guard summary.skipped.isEmpty || options.skipInvalid else { throw ImportRejected(summary: summary) }
        summary.imported = districts.count
        summary.committed = true
        let finalSummary = summary
        try store.database.transaction {
            try store.ensureCity(id: cityID)
            try store.replaceDistricts(cityID: cityID, districts)
            try record(finalSummary, started: started)
        }
        return summary
    }

    private func record(_ summary: ImportSummary, started: String) throws {
        try store.recordImportRun(ImportRun(
            cityID: summary.cityID, kind: summary.kind, source: summary.source, startedAt: started, finishedAt: Timestamp.now(),
            readCount: summary.read, importedCount: summary.imported, repairedCount: summary.repaired.count,
            skippedCount: summary.skipped.count + summary.nullGeometry.count, report: summary.json))
    }

    private func cleanFeatures(file: URL, cityID: String, kind: String) throws -> (ImportSummary, [(index: Int, properties: JSONObject, polygons: [Polygon])]) {
        let document = try GeoJSONReader.read(contentsOf: file, sourceCRS: options.sourceCRS)
        var summary = ImportSummary(kind: kind, source: file.path, cityID: cityID)
        summary.read = document.featureCount
        summary.convertedFrom = document.convertedFrom
        summary.nullGeometry = document.nullGeometryFeatures.map(\.index)
        summary.skipped = document.problems

        let cleaner = PolygonCleaner(options: CleaningOptions(fix: options.fix, closeOpenRings: options.closeRings))
        var features: [(index: Int, properties: JSONObject, polygons: [Polygon])] = []
        for feature in document.features {
            if let select = options.select, text(feature.properties, select.property) != select.value { continue }
            switch cleaner.clean(feature.geometry) {
            case .rejected(let problems):
                for problem in problems { summary.skipped.append(FeatureProblem(featureIndex: feature.index, reason: problem.description)) }
            case .accepted(let polygons, let repairs):
                if !repairs.isEmpty { summary.repaired.append((feature.index, "\(feature.index)", repairs)) }
                features.append((feature.index, feature.properties, polygons))
            }
        }
        if let select = options.select, features.isEmpty, summary.skipped.isEmpty {
            summary.skipped.append(FeatureProblem(featureIndex: 0, reason: "no feature has \(select.property) = \(select.value)"))
        }
        return (summary, features)
    }
}

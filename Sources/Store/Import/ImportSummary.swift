import Foundation
import Geometry
import JSON

/// The record of an import: what it read, stored, repaired and left out.
public struct ImportSummary: Sendable, CustomStringConvertible {
    public var kind: String
    public var source: String
    public var cityID: String
    public var read = 0
    public var imported = 0
    /// Repairs per feature: the feature index, its key, and each repair made.
    public var repaired: [(featureIndex: Int, key: String, repairs: [String])] = []
    /// Features left out, with the reason; with `skipInvalid` off any entry here stops the import.
    public var skipped: [FeatureProblem] = []
    /// Features skipped because their geometry is null (a warning, not an error).
    public var nullGeometry: [Int] = []
    /// Catchment school references that matched no school of the city.
    public var unmatchedSchoolKeys: [String] = []
    /// Features that are not what the import reads (roads in an address file, unnamed ways in a street file).
    public var notAddresses = 0
    /// Schools imported without a location.
    public var withoutLocation: [String] = []
    /// The CRS converted from, when it was not WGS 84.
    public var convertedFrom: String?
    /// True when the data was written; false when problems stopped the import.
    public var committed = false

    public var description: String {
        var lines: [String] = []
        let status = committed ? "imported" : "NOT imported (nothing was written)"
        lines.append("\(kind) from \(source) into city \(cityID): \(status)")
        if let convertedFrom { lines.append("  converted from \(convertedFrom) to WGS 84") }
        let skippedCount = committed ? skipped.count + nullGeometry.count : 0
        lines.append("  read: \(read), imported: \(imported), repaired: \(repaired.count), skipped: \(skippedCount)\(committed ? "" : ", rejected: \(skipped.count)")")
        if notAddresses > 0 {
            lines.append("  \(notAddresses) feature(s) without the \(kind == "streets" ? "name" : "address") properties left out")
        }
        if !nullGeometry.isEmpty {
            lines.append("  warning: \(nullGeometry.count) feature(s) with null geometry skipped: \(list(nullGeometry.map(String.init)))")
        }
        for entry in repaired {
            for repair in entry.repairs { lines.append("  repaired feature \(entry.featureIndex) (\(entry.key)): \(repair)") }
        }
        for problem in skipped {
            // CSV problems already name their line; GeoJSON problems name their feature.
            let text = problem.reason.hasPrefix("line ") ? problem.reason : problem.description
            lines.append("  \(committed ? "skipped" : "rejected") \(text)")
        }
        if !unmatchedSchoolKeys.isEmpty {
            lines.append("  \(unmatchedSchoolKeys.count) school reference(s) matched no school: \(list(unmatchedSchoolKeys))")
        }
        if !withoutLocation.isEmpty {
            lines.append("  \(withoutLocation.count) school(s) without a location (listed, but left off maps and distance queries): \(list(withoutLocation))")
        }
        if !committed && !skipped.isEmpty {
            let hasPolygons = ["catchments", "boundary", "districts"].contains(kind)
            lines.append(hasPolygons
                ? "  fix the features above, or pass --fix to repair invalid polygons, or --skip-invalid to import the rest"
                : "  fix the rows above, or pass --skip-invalid to import the rest")
        }
        return lines.joined(separator: "\n")
    }

    private func list(_ items: [String]) -> String {
        items.count <= 20 ? items.joined(separator: ", ") : items.prefix(20).joined(separator: ", ") + ", … (\(items.count - 20) more)"
    }

    /// The summary as JSON, for the import log.
    public var json: JSONValue {
        var object = JSONObject()
        object["repaired"] = .array(repaired.map { ["feature": .number(Double($0.featureIndex)), "key": .string($0.key), "repairs": .array($0.repairs.map { .string($0) })] })
        object["skipped"] = .array(skipped.map { ["feature": .number(Double($0.featureIndex)), "reason": .string($0.reason)] })
        object["null_geometry"] = .array(nullGeometry.map { .number(Double($0)) })
        object["unmatched_school_keys"] = .array(unmatchedSchoolKeys.map { .string($0) })
        object["without_location"] = .array(withoutLocation.map { .string($0) })
        object["converted_from"] = .optional(convertedFrom)
        return .object(object)
    }
}

/// An import stopped before writing anything; the summary lists every problem.
public struct ImportRejected: Error, CustomStringConvertible {
    public var summary: ImportSummary
    public var description: String { summary.description }
}

/// Options shared by the importers.
public struct ImportOptions: Sendable {
    /// The source CRS when it is not WGS 84, for example "EPSG:32643".
    public var sourceCRS: String?
    /// Repair invalid polygons with make-valid instead of rejecting them.
    public var fix = false
    /// Import the valid features and skip the rest instead of importing nothing.
    public var skipInvalid = false
    /// Close unclosed rings instead of rejecting them.
    public var closeRings = false
    /// Property holding the feature's key (catchment key or school id); the feature `id` when absent.
    public var keyProperty: String?
    /// Property holding a name used for every language when no per-language name exists.
    public var nameProperty: String?
    /// Property holding the catchment's school reference.
    public var schoolProperty: String?
    /// Property holding the catchment's language of instruction.
    public var languageProperty: String?
    /// A language of instruction given to every imported catchment or school.
    public var language: String?
    /// Source property or CSV column per passport field, for sources with other names (`--map name_ru=Наименование`).
    public var columnMapping: [String: String] = [:]
    /// Only features whose property equals the value are imported (boundaries from multi-area files).
    public var select: (property: String, value: String)?

    public init() {}
}

/// Codes of the languages of instruction.
public enum LanguageCode {
    public static let all: [String] = ["kk", "ru", "en", "mixed", "ug", "uz", "tg"]

    public static func validate(_ code: String, field: String) throws(StoreError) {
        guard all.contains(code) else {
            throw StoreError.invalidInput(field: field, reason: "unknown language code \"\(code)\"; use one of \(all.joined(separator: ", "))")
        }
    }
}

/// Reads a property as text, or nil when missing or null.
func text(_ properties: JSONObject, _ name: String?) -> String? {
    guard let name, let value = properties[name], let text = value.scalarText else { return nil }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
}

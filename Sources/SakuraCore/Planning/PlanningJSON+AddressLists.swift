import Gazetteer
import Geometry
import JSON
import Planning

extension PlanningJSON {
    /// The report of an address-list import: every problem with its line number.
    public static func addressListReport(_ report: AddressListReport) -> JSONValue {
        func house(_ house: GazetteerHouse) -> JSONValue {
            ["address": .string("\(house.street), \(house.house)"), "location": point(house.points.first)]
        }
        var object = JSONObject()
        object["clean"] = .bool(report.isClean)
        object["unreadable_lines"] = .array(report.unreadableLines.map {
            ["line": .number(Double($0.line)), "text": .string($0.text), "problem": .string($0.kind.rawValue), "detail": .optional($0.detail)]
        })
        object["unresolved_schools"] = .array(report.unresolvedSections.map {
            ["line": .number(Double($0.line)), "heading": .string($0.heading.text), "reason": .string($0.reason.rawValue),
             "candidates": .array($0.candidates.map { .string($0) })]
        })
        object["unmatched_streets"] = .array(report.unmatchedStreets.map {
            ["line": .number(Double($0.line)), "text": .string($0.text), "street": .string($0.street), "school": .string($0.schoolID),
             "reason": .string($0.reason.rawValue), "near_miss": .optional($0.nearMiss?.street)]
        })
        object["approximate_streets"] = .array(report.approximateStreets.map {
            ["line": .number(Double($0.line)), "written": .string($0.writtenStreet), "matched": .string($0.street.street), "score": .number(rounded($0.street.score * 100) / 100)]
        })
        object["lines_without_houses"] = .array(report.linesWithoutHouses.map { ["line": .number(Double($0.line)), "text": .string($0.text)] })
        object["houses_claimed_twice"] = .array(report.conflicts.map { conflict in
            var entry = house(conflict.house).objectValue!
            entry["language"] = .optional(conflict.language)
            entry["claims"] = .array(conflict.claims.map { ["school": .string($0.schoolID), "line": .number(Double($0.line))] })
            entry["kept_by"] = .string(conflict.keptBy)
            return .object(entry)
        })
        object["shared_buildings"] = .array(report.sharedBuildings.map {
            ["location": point($0.location), "language": .optional($0.language), "kept_by": .string($0.keptBy),
             "claims": .array($0.claims.map { ["address": .string("\($0.house.street), \($0.house.house)"), "school": .string($0.schoolID)] })]
        })
        object["unclaimed_houses"] = .array(report.unclaimed.map {
            ["language": .optional($0.language), "count": .number(Double($0.count)), "houses": .array($0.houses.map(house))]
        })
        object["claimed_outside_boundary"] = .array(report.outsideBoundary.map(house))
        return .object(object)
    }
}

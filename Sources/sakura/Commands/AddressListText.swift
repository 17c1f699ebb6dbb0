import Foundation
import Planning
import SakuraCore

/// The text form of an address-list import for the command line.
enum AddressListText {
    static func render(_ outcome: AddressListOutcome, dryRun: Bool) -> String {
        let report = outcome.result.report
        var lines: [String] = []
        let verb = dryRun ? "would build" : (outcome.edit == nil ? "built nothing for" : "built")
        lines.append("\(verb) \(outcome.result.catchments.count) catchment(s): " + outcome.result.catchments.map { "\($0.key) (\($0.houses.count) houses)" }.joined(separator: ", "))
        if let edit = outcome.edit { lines.append("written into plan \(edit.plan.id) as revision \(edit.plan.revision)") }
        if !outcome.replaced.isEmpty { lines.append("replaced: " + outcome.replaced.map(\.description).joined(separator: ", ")) }

        lines.append("unreadable lines: \(report.unreadableLines.count)")
        for problem in report.unreadableLines { lines.append("  line \(problem.line): \(problem.kind.rawValue): \(problem.text)") }
        lines.append("school headings not resolved: \(report.unresolvedSections.count)")
        for section in report.unresolvedSections {
            lines.append("  line \(section.line): \(section.heading.text) (\(section.reason.rawValue)\(section.candidates.isEmpty ? "" : ": " + section.candidates.joined(separator: ", ")))")
        }
        lines.append("lines matching no street: \(report.unmatchedStreets.count)")
        for street in report.unmatchedStreets {
            lines.append("  line \(street.line): \(street.text)" + (street.nearMiss.map { " (closest: \($0.street))" } ?? ""))
        }
        lines.append("streets matched approximately: \(report.approximateStreets.count)")
        for entry in report.approximateStreets { lines.append("  line \(entry.line): \(entry.writtenStreet) → \(entry.street.street)") }
        lines.append("lines claiming no house: \(report.linesWithoutHouses.count)")
        for entry in report.linesWithoutHouses { lines.append("  line \(entry.line): \(entry.text)") }
        lines.append("houses claimed by two or more schools: \(report.conflicts.count)")
        for conflict in report.conflicts {
            let claims = conflict.claims.map { "\($0.schoolID) (line \($0.line))" }.joined(separator: ", ")
            lines.append("  \(conflict.house.street), \(conflict.house.house): \(claims); kept by \(conflict.keptBy)")
        }
        for group in report.unclaimed {
            lines.append("houses claimed by no school\(group.language.map { " [\($0)]" } ?? ""): \(group.count)")
            for house in group.houses.prefix(20) { lines.append("  \(house.street), \(house.house)") }
            if group.count > 20 { lines.append("  … \(group.count - 20) more (see --json)") }
        }
        if !report.outsideBoundary.isEmpty { lines.append("claimed houses outside the city boundary: \(report.outsideBoundary.count)") }
        return lines.joined(separator: "\n")
    }
}

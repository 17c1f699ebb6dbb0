import Catchment
import Foundation
import Geometry
import JSON
import SakuraCore
import Store

enum CheckCommand {
    static let help = """
        Usage: sakura check [--db PATH] [--city ID] [--min-area M2] [--json]

        Checks the city's catchments and lists: invalid geometries (with GEOS's reason and location),
        pairs of catchments of the same language that overlap (area in m²), gaps (areas inside the
        city boundary that no catchment of a language covers; without a boundary, holes enclosed by
        the catchments), catchment areas outside the boundary, addresses covered by no catchment of
        a language or inside two, and schools outside every catchment or outside their own. Areas are geodesic, on the WGS 84 ellipsoid.
        Checks the plan in force today; sakura plan check reports on any plan.
        Exits with 0 when there is no invalid geometry, overlap, gap or badly covered address, and
        with 1 otherwise.

        Options:
          --db PATH     SQLite database made by sakura import (default: the demo city)
          --city ID     city id (default: the only city in the database)
          --min-area M2 leave out overlaps, gaps and outside areas smaller than M2 square metres and
                        only count them (default 1; 0 lists every sliver, including rounding noise)
          --json        write the report as one JSON object (overlaps and gaps with GeoJSON geometry)
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help", "json"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        let store = try SakuraStore(path: try args.databasePath(requireExisting: true))
        let cityID = try args.cityID(in: store)
        let asJSON = args.flag("json")
        var minimumArea = 1.0
        if let text = args.option("min-area") {
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw UsageError(message: "--min-area must be a number of square metres, 0 or more, got \"\(text)\"")
            }
            minimumArea = value
        }
        try args.rejectUnknown()
        guard args.positional.isEmpty else { throw UsageError(message: "sakura check takes no positional arguments") }

        guard let city = try store.city(id: cityID) else {
            throw SakuraError.unknownCity(id: cityID, hint: "known cities: \(try store.cities().map(\.id).joined(separator: ", "))")
        }
        let report = try CoverageAnalyzer().analyze(
            catchments: try store.catchments(cityID: cityID),
            boundary: city.boundary,
            schools: try store.schools(cityID: cityID).map(\.site),
            addresses: try PlanService(store: store).addressPoints(cityID: cityID)
        ).filtered(minimumArea: minimumArea)
        let label = city.isDemo ? "\(cityID) (generated demo city, not real data)" : cityID
        printLine(asJSON ? JSONWriter.string(json(report, cityID: cityID)) : text(report, cityID: label))
        return report.hasErrors ? 1 : 0
    }

    static func text(_ report: CoverageReport, cityID: String) -> String {
        var lines = ["check of city \(cityID): \(report.catchmentCount) catchments"]
        func place(_ position: Position?) -> String {
            guard let position else { return "" }
            return String(format: " near lat %.6f, lon %.6f", position.y, position.x)
        }
        func area(_ squareMetres: Double) -> String {
            squareMetres >= 1 ? String(format: "%.1f m²", squareMetres) : String(format: "%.3g m²", squareMetres)
        }
        func language(_ code: String?) -> String { code.map { "[\($0)] " } ?? "" }

        lines.append("invalid geometries: \(report.invalid.count)")
        for entry in report.invalid { lines.append("  \(language(entry.language))\(entry.key): \(entry.reason)\(place(entry.location))") }
        lines.append("overlapping pairs: \(report.overlaps.count)")
        for overlap in report.overlaps {
            lines.append("  \(language(overlap.language))\(overlap.firstKey) × \(overlap.secondKey): \(area(overlap.areaSquareMetres))\(place(overlap.location))")
        }
        let gapKind = report.usedBoundary ? "inside the city boundary" : "enclosed by catchments (no city boundary imported)"
        lines.append("gaps \(gapKind): \(report.gaps.count)")
        for gap in report.gaps { lines.append("  \(language(gap.language))\(area(gap.areaSquareMetres))\(place(gap.location))") }
        if report.negligibleOverlaps + report.negligibleGaps + report.negligibleOutside > 0 {
            lines.append("left out as negligible: \(report.negligibleOverlaps) overlap(s), \(report.negligibleGaps) gap(s) and \(report.negligibleOutside) outside area(s) below --min-area (pass --min-area 0 to list them)")
        }
        if report.usedBoundary {
            lines.append("areas outside the city boundary: \(report.outsideBoundary.count)")
            for outside in report.outsideBoundary { lines.append("  \(language(outside.language))\(area(outside.areaSquareMetres))\(place(outside.location))") }
        }
        if let addresses = report.addresses {
            let shown = 20
            lines.append("addresses covered by no catchment of a language: \(addresses.uncovered.count) of \(addresses.addressCount)")
            for entry in addresses.uncovered.prefix(shown) { lines.append("  \(language(entry.language))\(entry.address.label)\(place(entry.address.location))") }
            if addresses.uncovered.count > shown { lines.append("  … \(addresses.uncovered.count - shown) more (see --json)") }
            lines.append("addresses inside two catchments of a language: \(addresses.multiplyCovered.count)")
            for entry in addresses.multiplyCovered.prefix(shown) {
                lines.append("  \(language(entry.language))\(entry.address.label): \(entry.catchmentKeys.joined(separator: ", "))\(place(entry.address.location))")
            }
            if addresses.multiplyCovered.count > shown { lines.append("  … \(addresses.multiplyCovered.count - shown) more (see --json)") }
        }
        lines.append("schools outside every catchment: \(report.schoolsOutsideEveryCatchment.count)")
        for id in report.schoolsOutsideEveryCatchment { lines.append("  \(id)") }
        lines.append("schools outside their own catchment: \(report.schoolsOutsideOwnCatchment.count)")
        for entry in report.schoolsOutsideOwnCatchment { lines.append("  \(entry.schoolID) (catchments \(entry.catchmentKeys.joined(separator: ", ")))") }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: CoverageReport, cityID: String) -> JSONValue {
        PlanningJSON.coverage(report, cityID: cityID)
    }
}

// The planner benchmarks, run with `tools/bench-plans.sh` (release build):
//
//   sakura-bench plan-city --db PATH --city ID [--catchments N] [--languages kk,ru] [--addresses N] [--seed N]
//       writes the generated city of `PlanCity` into a database, its catchments as the plan in force
//   sakura-bench plan-coverage --db PATH --city ID [--plan ID]
//       times the coverage report of a plan (default: the plan in force), as publishing computes it

import Catchment
import Foundation
import Geometry
import SakuraCore
import Store

enum PlanBenchmarks {
    static func cityCommand(_ arguments: [String]) throws {
        guard let path = option("--db", in: arguments), let cityID = option("--city", in: arguments) else {
            throw BenchError("usage: sakura-bench plan-city --db PATH --city ID [--catchments N] [--languages kk,ru] [--addresses N] [--seed N]")
        }
        let catchmentCount = try integerOption("--catchments", in: arguments) ?? 7_000
        let addressCount = try integerOption("--addresses", in: arguments) ?? 20_000
        let seed = try integerOption("--seed", in: arguments) ?? 2026
        let languages = (option("--languages", in: arguments) ?? "kk,ru").split(separator: ",").map(String.init)
        let city = try PlanCity(catchments: catchmentCount, languages: languages, seed: UInt64(seed))

        let store = try SakuraStore(path: path)
        var catchments: [Catchment] = []
        let writeSeconds = try seconds { catchments = try city.write(to: store, cityID: cityID, addressCount: addressCount) }

        // The generator's cells must be valid, so GEOS checks each one and a change that breaks them cannot go unnoticed.
        var invalid: [String] = []
        for catchment in catchments {
            let validity = try NativeGeometry(catchment.geometry).validity()
            if !validity.isValid { invalid.append("\(catchment.key) [\(catchment.language ?? "")]: \(validity.reason ?? "invalid")") }
        }
        guard invalid.isEmpty else { throw BenchError("generated \(invalid.count) invalid catchments, first: \(invalid[0])") }

        let vertexCounts = catchments.map { $0.polygons[0].shell.count - 1 }.sorted()
        let boundaryVertices = city.boundary().shell.count - 1
        print("plan city \(cityID): \(catchments.count) catchments (\(city.columns) × \(city.rows) cells for each of \(languages.joined(separator: ", "))), "
              + "\(city.schoolCount) schools, \(addressCount) addresses, boundary of \(boundaryVertices) vertices")
        print("vertices per catchment: min \(vertexCounts.first!), median \(vertexCounts[vertexCounts.count / 2]), max \(vertexCounts.last!), "
              + "total \(vertexCounts.reduce(0, +))")
        print(String(format: "written to %@ in %.2f s", path, writeSeconds))
    }

    static func coverageCommand(_ arguments: [String]) throws {
        guard let path = option("--db", in: arguments), let cityID = option("--city", in: arguments) else {
            throw BenchError("usage: sakura-bench plan-coverage --db PATH --city ID [--plan ID]")
        }
        let service = PlanService(store: try SakuraStore(path: path))
        let plan: Plan
        if let id = try integerOption("--plan", in: arguments) {
            plan = try service.plan(cityID: cityID, id: id)
        } else {
            guard let inForce = try service.planInForce(cityID: cityID) else { throw BenchError("city \(cityID) has no plan in force") }
            plan = inForce
        }

        // The measured figure: the whole report as publishing computes it, reading included.
        var measured: CoverageReport?
        let totalSeconds = try seconds { measured = try service.coverage(of: plan) }
        let report = measured!

        // Two parts run once more on their own to show where the time goes. The schools check has no
        // entry point of its own, so only a profile shows its share.
        var catchments: [Catchment] = []
        let readSeconds = try seconds { catchments = try service.store.catchments(planID: plan.id) }
        let boundary = try service.store.city(id: cityID)?.boundary
        let schools = try service.store.schools(cityID: cityID)
        let addresses = try service.addressPoints(cityID: cityID)
        let geometrySeconds = try seconds { _ = try CoverageAnalyzer().analyze(catchments: catchments, boundary: boundary) }
        let addressesSeconds = try seconds { _ = try AddressCoverage.check(addresses, index: try CatchmentIndex(catchments: catchments)) }

        let vertices = catchments.reduce(0) { $0 + $1.polygons.reduce(0) { $0 + $1.vertexCount } }
        print("coverage of plan \(plan.id) of \(cityID): \(report.catchmentCount) catchments (\(vertices) vertices), \(schools.count) schools, "
              + "\(addresses.count) addresses, boundary \(boundary == nil ? "absent" : "used")")
        let uncovered = report.addresses?.uncovered.count ?? 0
        let doublyCovered = report.addresses?.multiplyCovered.count ?? 0
        let negligible = "negligible: \(report.negligibleOverlaps) overlaps, \(report.negligibleGaps) gaps, \(report.negligibleOutside) outside"
        print("report: \(report.invalid.count) invalid, \(report.overlaps.count) overlaps, \(report.gaps.count) gaps, "
              + "\(report.outsideBoundary.count) areas outside the boundary (\(negligible))")
        print("  \(uncovered) uncovered and \(doublyCovered) doubly covered addresses, "
              + "\(report.schoolsOutsideEveryCatchment.count) schools outside every catchment, "
              + "\(report.schoolsOutsideOwnCatchment.count) outside their own; errors: \(report.hasErrors)")
        print(String(format: "coverage report (PlanService.coverage): %.2f s", totalSeconds))
        print(String(format: "  parts run separately: reading the catchments %.2f s; validity, overlaps, gaps and areas outside "
                     + "the boundary %.2f s; addresses (index build and check) %.2f s", readSeconds, geometrySeconds, addressesSeconds))
    }

    private static func integerOption(_ name: String, in arguments: [String]) throws -> Int? {
        guard let text = option(name, in: arguments) else { return nil }
        guard let value = Int(text), value >= 0 else { throw BenchError("\(name) needs a whole number, got \"\(text)\"") }
        return value
    }
}

/// A failed planner benchmark, with the message `sakura-bench` prints.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

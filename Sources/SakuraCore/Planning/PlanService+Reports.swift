import Catchment
import Foundation
import Geometry
import Store

/// The difference between two versions of a catchment: the area only the newer one covers and the area only the older one covers.
public struct CatchmentDifference: Sendable {
    public var from: CatchmentVersion
    public var to: CatchmentVersion
    /// Polygons covered by `to` and not by `from`, with their area in square metres.
    public var added: [Polygon]
    public var addedArea: Double
    /// Polygons covered by `from` and not by `to`.
    public var removed: [Polygon]
    public var removedArea: Double
}

extension PlanService {
    /// Returns the addresses of a city as coverage and impact checks use them.
    public func addressPoints(cityID: String) throws -> [AddressPoint] {
        try store.addresses(cityID: cityID).map { AddressPoint(label: "\($0.street), \($0.house)", location: $0.location) }
    }

    /// The coverage report of a plan: invalid catchments, same-language overlaps, gaps inside the city
    /// boundary, addresses covered by no catchment or by two, schools outside their own catchment.
    /// Overlaps, gaps and outside areas under `minimumArea` are only counted.
    ///
    /// The report of a plan's current revision is kept until the next one, so a publish right after
    /// a check does not compute it again. A write by another connection (an import) drops it.
    public func coverage(of plan: Plan, revision: Int? = nil) throws -> CoverageReport {
        let at = revision ?? plan.revision
        let key = CoverageCacheEntry.Key(planID: plan.id, revision: at, minimumArea: minimumArea, dataVersion: try store.database.dataVersion())
        if let cached = coverageCache, cached.key == key { return cached.report }

        let catchments = try self.catchments(of: plan, revision: revision).compactMap(\.catchment)
        let city = try store.city(id: plan.cityID)
        let report = try CoverageAnalyzer().analyze(
            catchments: catchments, boundary: city?.boundary,
            schools: try store.schools(cityID: plan.cityID).map(\.site),
            addresses: try addressPoints(cityID: plan.cityID)
        ).filtered(minimumArea: minimumArea)
        coverageCache = CoverageCacheEntry(key: key, report: report)
        return report
    }

    /// Lists the addresses whose school changes between `base` (by default the plan in force today) and `plan`.
    /// The returned base is nil when the city has no plan in force, and the comparison is then against no catchments.
    public func impact(of plan: Plan, against base: Plan? = nil) throws -> (base: Plan?, report: ImpactReport) {
        let basePlan = try base ?? planInForce(cityID: plan.cityID)
        let before = try CatchmentIndex(catchments: try basePlan.map { try store.catchments(planID: $0.id) } ?? [])
        let after = try CatchmentIndex(catchments: try store.catchments(planID: plan.id))
        return (basePlan, try ImpactAnalyzer.compare(try addressPoints(cityID: plan.cityID), before: before, after: after))
    }

    /// Computes the difference between two versions of a catchment.
    public func difference(cityID: String, _ identity: CatchmentIdentity, from: Int, to: Int) throws -> CatchmentDifference {
        let older = try version(cityID: cityID, identity, version: from)
        let newer = try version(cityID: cityID, identity, version: to)
        return try GEOSContext.current.withGeometryErrors {
            func native(_ polygons: [Polygon]) throws -> NativeGeometry? {
                polygons.isEmpty ? nil : try NativeGeometry.union(of: polygons)
            }
            let a = try native(older.polygons)
            let b = try native(newer.polygons)
            let added: [Polygon]
            let removed: [Polygon]
            switch (a, b) {
            case let (a?, b?):
                added = try b.difference(a).polygonalParts()
                removed = try a.difference(b).polygonalParts()
            case (nil, _?):
                added = newer.polygons
                removed = []
            case (_?, nil):
                added = []
                removed = older.polygons
            case (nil, nil):
                added = []
                removed = []
            }
            let addedOriented = added.map(RingOrientation.oriented)
            let removedOriented = removed.map(RingOrientation.oriented)
            return CatchmentDifference(
                from: older, to: newer,
                added: addedOriented, addedArea: addedOriented.reduce(0) { $0 + PlanarEdgeArea.area(of: $1) },
                removed: removedOriented, removedArea: removedOriented.reduce(0) { $0 + PlanarEdgeArea.area(of: $1) })
        }
    }
}

/// A coverage report with what it was computed from.
struct CoverageCacheEntry {
    struct Key: Equatable {
        var planID: Int
        var revision: Int
        var minimumArea: Double
        /// SQLite's `PRAGMA data_version`, which changes when another connection commits.
        var dataVersion: Int
    }

    var key: Key
    var report: CoverageReport
}

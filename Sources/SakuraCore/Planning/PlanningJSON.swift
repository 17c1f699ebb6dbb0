import Catchment
import Geometry
import JSON
import Store

/// JSON forms of plans, catchment versions and planning reports, the same for the API and the command line.
public enum PlanningJSON {
    public static func plan(_ plan: Plan, inForceToday: Bool? = nil) -> JSONValue {
        var object = JSONObject()
        object["id"] = .number(Double(plan.id))
        object["city"] = .string(plan.cityID)
        object["school_year"] = plan.schoolYear.isEmpty ? .null : .string(plan.schoolYear)
        object["name"] = .string(plan.name)
        object["status"] = .string(plan.status.rawValue)
        object["revision"] = .number(Double(plan.revision))
        object["based_on"] = .optional(plan.basedOn.map(Double.init))
        object["effective_from"] = .optional(plan.effectiveFrom?.description)
        object["created_by"] = .string(plan.createdBy)
        object["created_at"] = .string(plan.createdAt)
        object["published_by"] = .optional(plan.publishedBy)
        object["published_at"] = .optional(plan.publishedAt)
        object["override_reason"] = .optional(plan.overrideReason)
        if let inForceToday { object["in_force_today"] = .bool(inForceToday) }
        return .object(object)
    }

    /// A catchment version as a GeoJSON Feature; a deletion has a null geometry.
    public static func feature(_ version: CatchmentVersion) -> JSONValue {
        var properties = version.properties
        properties["key"] = .string(version.key)
        properties["language"] = .optional(version.language)
        properties["school_id"] = .optional(version.schoolID)
        properties["school_key"] = .optional(version.schoolKey)
        properties["version"] = .number(Double(version.version))
        properties["operation"] = .string(version.operation)
        properties["author"] = .string(version.author)
        properties["comment"] = .string(version.comment)
        properties["created_at"] = .string(version.createdAt)
        properties["plan"] = .optional(version.planID.map(Double.init))
        let geometry: Geometry? = version.polygons.isEmpty ? nil : (version.polygons.count == 1 ? .polygon(version.polygons[0]) : .multiPolygon(version.polygons))
        let id = version.language.map { "\(version.key)/\($0)" } ?? version.key
        return GeoJSONWriter.feature(geometry, properties: properties, id: .string(id))
    }

    public static func revision(_ revision: PlanRevision) -> JSONValue {
        ["revision": .number(Double(revision.revision)), "operation": .string(revision.operation), "author": .string(revision.author),
         "comment": .string(revision.comment), "created_at": .string(revision.createdAt)]
    }

    public static func warning(_ warning: EditWarning) -> JSONValue {
        ["code": .string(warning.code), "other_key": .optional(warning.otherKey), "area_m2": .number(rounded(warning.areaSquareMetres)),
         "location": point(warning.location)]
    }

    public static func problem(_ problem: GeometryProblem) -> JSONValue {
        ["reason": .string(problem.reason), "location": point(problem.location)]
    }

    static func point(_ position: Position?) -> JSONValue {
        guard let position else { return .null }
        return ["lat": .number(position.y), "lon": .number(position.x)]
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// The coverage report with overlaps and gaps as GeoJSON geometries.
    public static func coverage(_ report: CoverageReport, cityID: String) -> JSONValue {
        var object = JSONObject()
        object["city"] = .string(cityID)
        object["catchments"] = .number(Double(report.catchmentCount))
        object["has_errors"] = .bool(report.hasErrors)
        object["invalid"] = .array(report.invalid.map { ["key": .string($0.key), "language": .optional($0.language), "reason": .string($0.reason), "location": point($0.location)] })
        object["overlaps"] = .array(report.overlaps.map {
            ["first": .string($0.firstKey), "second": .string($0.secondKey), "language": .optional($0.language),
             "area_m2": .number($0.areaSquareMetres), "location": point($0.location), "geometry": GeoJSONWriter.json($0.geometry)]
        })
        object["gaps"] = .array(report.gaps.map {
            ["language": .optional($0.language), "area_m2": .number($0.areaSquareMetres), "location": point($0.location), "geometry": GeoJSONWriter.json($0.geometry)]
        })
        object["outside_boundary"] = .array(report.outsideBoundary.map { ["language": .optional($0.language), "area_m2": .number($0.areaSquareMetres), "location": point($0.location)] })
        object["schools_outside_every_catchment"] = .array(report.schoolsOutsideEveryCatchment.map { .string($0) })
        object["schools_outside_own_catchment"] = .array(report.schoolsOutsideOwnCatchment.map { ["school": .string($0.schoolID), "catchments": .array($0.catchmentKeys.map { .string($0) })] })
        if let addresses = report.addresses {
            object["addresses_checked"] = .number(Double(addresses.addressCount))
            object["addresses_uncovered"] = .array(addresses.uncovered.map {
                ["address": .string($0.address.label), "language": .optional($0.language), "location": point($0.address.location)]
            })
            object["addresses_in_two_catchments"] = .array(addresses.multiplyCovered.map {
                ["address": .string($0.address.label), "language": .optional($0.language), "catchments": .array($0.catchmentKeys.map { .string($0) }),
                 "location": point($0.address.location)]
            })
        }
        object["boundary_used"] = .bool(report.usedBoundary)
        object["negligible_overlaps"] = .number(Double(report.negligibleOverlaps))
        object["negligible_gaps"] = .number(Double(report.negligibleGaps))
        object["negligible_outside_boundary"] = .number(Double(report.negligibleOutside))
        return .object(object)
    }

    /// The impact report; `limit` caps the listed changes (the total is always given).
    public static func impact(_ report: ImpactReport, plan: Plan, base: Plan?, limit: Int = .max) -> JSONValue {
        var object = JSONObject()
        object["plan"] = .number(Double(plan.id))
        object["against"] = .optional(base.map { Double($0.id) })
        object["addresses"] = .number(Double(report.addressCount))
        object["changed"] = .number(Double(report.changes.count))
        object["changes"] = .array(report.changes.prefix(limit).map {
            ["address": .string($0.address.label), "location": point($0.address.location), "language": .optional($0.language),
             "from": .array($0.from.map { .string($0) }), "to": .array($0.to.map { .string($0) })]
        })
        object["schools"] = .array(report.schools.filter { $0.gained > 0 || $0.lost > 0 || $0.before != $0.after }.map {
            ["school": .string($0.school), "before": .number(Double($0.before)), "after": .number(Double($0.after)),
             "difference": .number(Double($0.difference)), "gained": .number(Double($0.gained)), "lost": .number(Double($0.lost))]
        })
        return .object(object)
    }

    public static func difference(_ difference: CatchmentDifference) -> JSONValue {
        func features(_ polygons: [Polygon], change: String) -> [JSONValue] {
            polygons.map { GeoJSONWriter.feature(.polygon($0), properties: JSONObject(["change": .string(change), "area_m2": .number(rounded(PlanarEdgeArea.area(of: $0)))])) }
        }
        var collection = GeoJSONWriter.featureCollection(features(difference.added, change: "added") + features(difference.removed, change: "removed")).objectValue!
        collection["key"] = .string(difference.to.key)
        collection["language"] = .optional(difference.to.language)
        collection["from_version"] = .number(Double(difference.from.version))
        collection["to_version"] = .number(Double(difference.to.version))
        collection["added_area_m2"] = .number(rounded(difference.addedArea))
        collection["removed_area_m2"] = .number(rounded(difference.removedArea))
        return .object(collection)
    }
}

import Catchment
import Geometry
import Store

/// The object of a precondition or rollback error.
public enum PlanningTarget: Sendable, Equatable, CustomStringConvertible {
    case plan(Int)
    case catchment(CatchmentIdentity)

    public var description: String {
        switch self {
        case .plan(let id): return "plan \(id)"
        case .catchment(let identity): return "catchment \(identity)"
        }
    }
}

/// Errors of `PlanService` operations, each naming what failed so the API and the command line can
/// tell the planner what to do.
public enum PlanServiceError: Error, CustomStringConvertible {
    case planNotFound(id: String, cityID: String)
    case catchmentNotFound(CatchmentIdentity, planID: Int)
    /// A key exists under several languages and the request named none.
    case ambiguousKey(key: String, languages: [String])
    case versionNotFound(CatchmentIdentity, version: Int)
    /// The plan's status does not allow the operation, for example an edit of a published plan.
    case planNotEditable(planID: Int, status: Plan.Status, operation: String)
    case catchmentExists(CatchmentIdentity, planID: Int)
    /// The `If-Match` version is not the current one: someone changed the catchment or plan since it was read.
    case versionMismatch(target: PlanningTarget, expected: [Int], current: Int)
    /// The geometry failed validation; every problem is listed.
    case invalidGeometry([GeometryProblem])
    /// A field of the request that cannot be used, with the fix.
    case invalidInput(field: String, reason: String)
    /// Publishing was refused because the coverage report has errors and no override reason was given.
    case coverageErrors(CoverageReport)
    /// A rollback found the plan or catchment already in the requested state.
    case nothingToRollBack(target: PlanningTarget)

    public var description: String {
        switch self {
        case .planNotFound(let id, let cityID): return "plan \(id) not found in city \(cityID)"
        case .catchmentNotFound(let identity, let planID): return "catchment \(identity) not found in plan \(planID)"
        case .ambiguousKey(let key, let languages): return "catchment key \(key) exists for languages \(languages.joined(separator: ", ")); name one with language"
        case .versionNotFound(let identity, let version): return "catchment \(identity) has no version \(version)"
        case .planNotEditable(let planID, let status, let operation): return "plan \(planID) is \(status.rawValue), so \(operation) is not allowed"
        case .catchmentExists(let identity, let planID): return "catchment \(identity) already exists in plan \(planID)"
        case .versionMismatch(let target, let expected, let current):
            return "\(target) is at version \(current), not \(expected.map(String.init).joined(separator: " or ")); read it again and reapply the change"
        case .invalidGeometry(let problems): return "invalid geometry: " + problems.map(\.description).joined(separator: "; ")
        case .invalidInput(let field, let reason): return "\(field): \(reason)"
        case .coverageErrors(let report):
            return "the coverage report has errors (\(report.invalid.count) invalid, \(report.overlaps.count) overlaps, \(report.gaps.count) gaps, "
                + "\(report.addresses?.uncovered.count ?? 0) uncovered and \(report.addresses?.multiplyCovered.count ?? 0) doubly covered addresses); "
                + "fix them or publish with an override reason"
        case .nothingToRollBack(let target): return "\(target) already has the requested state"
        }
    }
}

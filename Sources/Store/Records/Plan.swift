import Catchment
import Geometry
import JSON

/// A catchment plan: the set of catchments in force for a school year.
///
/// A planner edits a draft, copied from the plan in force; publishing makes it the plan in force
/// from `effectiveFrom`. Every change raises `revision`, and the plan's state at any revision can
/// be read back.
public struct Plan: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Editable, seen only by planners.
        case draft
        /// In force from `effectiveFrom`; read-only except for a rollback.
        case published
        /// Published once and taken out of force.
        case withdrawn
        /// A draft given up without publishing.
        case discarded
    }

    public var id: Int
    public var cityID: String
    /// "2027-2028", or empty for the plan made from catchments imported without one.
    public var schoolYear: String
    public var name: String
    public var status: Status
    /// The plan this one was copied from.
    public var basedOn: Int?
    /// Raised by every change; 0 is the state right after the copy.
    public var revision: Int
    /// The first day the plan is in force; nil for a published plan in force since always.
    public var effectiveFrom: CalendarDay?
    public var createdBy: String
    public var createdAt: String
    public var publishedBy: String?
    public var publishedAt: String?
    /// The reason given for publishing despite errors in the coverage report.
    public var overrideReason: String?

    /// Checks a school year: "YYYY-YYYY" with consecutive years.
    public static func validate(schoolYear: String) throws(StoreError) {
        let parts = schoolYear.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }), let first = Int(parts[0]), let second = Int(parts[1]),
              second == first + 1, (1900...9998).contains(first) else {
            throw StoreError.invalidInput(field: "school_year", reason: "\"\(schoolYear)\" is not a school year; write it as two consecutive years, for example 2027-2028")
        }
    }
}

/// One saved state of a catchment: each change writes a new version, and a deletion is a version without geometry.
public struct CatchmentVersion: Sendable {
    public var key: String
    public var language: String?
    public var version: Int
    /// The operation that made the version: "import", "create", "replace", "attributes", "split", "merge", "delete", "rollback", "address-list".
    public var operation: String
    public var schoolKey: String?
    public var schoolID: String?
    /// Valid polygons in WGS 84; empty for a deletion.
    public var polygons: [Polygon]
    public var properties: JSONObject
    /// The plan the change was made in.
    public var planID: Int?
    public var author: String
    public var comment: String
    public var createdAt: String

    public var isDeletion: Bool { polygons.isEmpty }

    /// True when both versions hold the same geometry, school and properties, whatever their numbers.
    public func hasSameContent(as other: CatchmentVersion) -> Bool {
        polygons == other.polygons && schoolID == other.schoolID && schoolKey == other.schoolKey && properties == other.properties
    }

    /// The catchment as this version has it; nil for a deletion.
    public var catchment: Catchment? {
        guard !polygons.isEmpty else { return nil }
        return Catchment(key: key, schoolKey: schoolKey, schoolID: schoolID, language: language, polygons: polygons, version: version)
    }
}

/// One change of a plan: the operation, its author and the reason.
public struct PlanRevision: Sendable, Equatable {
    public var planID: Int
    public var revision: Int
    public var operation: String
    public var author: String
    public var comment: String
    public var createdAt: String
}

/// A change to write into a plan: a catchment to store as a new version, or one to delete.
public enum CatchmentChange: Sendable {
    /// Stores the catchment as a new version (its `version` field is ignored), with extra GeoJSON properties.
    case put(Catchment, properties: JSONObject)
    case delete(key: String, language: String?)

    var identity: CatchmentIdentity {
        switch self {
        case .put(let catchment, _): return CatchmentIdentity(key: catchment.key, language: catchment.language)
        case .delete(let key, let language): return CatchmentIdentity(key: key, language: language)
        }
    }
}

/// The key and language that identify a catchment within a city.
public struct CatchmentIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var key: String
    public var language: String?

    public init(key: String, language: String?) {
        self.key = key
        self.language = language.flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func < (a: CatchmentIdentity, b: CatchmentIdentity) -> Bool {
        a.key != b.key ? a.key < b.key : (a.language ?? "") < (b.language ?? "")
    }

    public var description: String { language.map { "\(key) [\($0)]" } ?? key }
}

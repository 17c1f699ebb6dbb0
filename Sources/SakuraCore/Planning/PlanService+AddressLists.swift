import Catchment
import Foundation
import Gazetteer
import Geometry
import JSON
import Planning
import Store

/// The result of importing a published address list into a draft.
public struct AddressListOutcome: Sendable {
    /// The catchments built from the list and the report of its problems.
    public var result: AddressListImport
    /// The change written into the plan; nil for a dry run or when nothing could be built.
    public var edit: EditOutcome?
    /// Catchments of the same schools and languages that the built ones replaced.
    public var replaced: [CatchmentIdentity]
}

extension PlanService {
    /// Builds catchments from an address list (one section per school: street lines and house
    /// ranges) and writes them into a draft in one revision.
    ///
    /// Each built catchment is keyed "<school>-<language>" and replaces the draft's catchments of
    /// the same school and language; other schools' catchments stay. The list's problems (lines
    /// matching no street, houses claimed twice, houses claimed by none) come back in the report
    /// and do not stop the import, because a planner fixes them in the draft. `dryRun` only reports.
    public func importAddressList(_ text: String, into plan: Plan, dryRun: Bool, comment: String, actor: Actor) throws -> AddressListOutcome {
        try requireDraft(plan, operation: "importing an address list")
        guard let city = try store.city(id: plan.cityID) else { throw PlanServiceError.planNotFound(id: String(plan.id), cityID: plan.cityID) }
        guard let boundary = city.boundary else {
            throw PlanServiceError.invalidInput(field: "boundary", reason: "city \(plan.cityID) has no boundary; import one with sakura import boundary first, so catchments can be kept inside the city")
        }

        // Only the gazetteer and the schools are needed, not a whole lookup snapshot.
        let gazetteer = CitySnapshot.gazetteer(streets: try store.streets(cityID: plan.cityID), addresses: try store.addresses(cityID: plan.cityID))
        let schools = try store.schools(cityID: plan.cityID).sorted { $0.id < $1.id }.map {
            PlanningSchool(id: $0.id, number: $0.number, names: [$0.names.ru, $0.names.kk, $0.names.en], languages: $0.languages)
        }
        let result: AddressListImport
        do {
            result = try AddressListImporter(gazetteer: gazetteer, schools: schools, boundary: boundary).run(AddressList(parsing: text))
        } catch {
            throw PlanServiceError.invalidInput(field: "boundary", reason: error.description)
        }
        guard !dryRun, !result.catchments.isEmpty else { return AddressListOutcome(result: result, edit: nil, replaced: []) }

        let current = try catchments(of: plan)
        var changes: [CatchmentChange] = []
        var replaced: [CatchmentIdentity] = []
        let built = Set(result.catchments.map { CatchmentIdentity(key: $0.key, language: $0.language) })
        for catchment in result.catchments {
            for version in current where version.schoolID == catchment.schoolID && version.language == catchment.language {
                let identity = CatchmentIdentity(key: version.key, language: version.language)
                guard !built.contains(identity), !replaced.contains(identity) else { continue }
                replaced.append(identity)
                changes.append(.delete(key: version.key, language: version.language))
            }
            changes.append(.put(catchment.catchment, properties: JSONObject(["houses": .number(Double(catchment.houses.count))])))
        }
        let edit = try write(changes, plan: plan, operation: "address-list", comment: comment, actor: actor, repairs: [])
        return AddressListOutcome(result: result, edit: edit, replaced: replaced.sorted())
    }
}

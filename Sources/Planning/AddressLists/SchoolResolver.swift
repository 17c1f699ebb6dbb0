import Gazetteer

/// Finds the school that a section heading names.
struct SchoolResolver {
    private let byID: [String: PlanningSchool]
    private let byNumber: [Int: [PlanningSchool]]
    /// Each school's names folded by `TextFolding.fold`.
    private let foldedNames: [String: [String]]
    private let schools: [PlanningSchool]

    init(schools: [PlanningSchool]) {
        var byID: [String: PlanningSchool] = [:]
        var byNumber: [Int: [PlanningSchool]] = [:]
        var foldedNames: [String: [String]] = [:]
        for school in schools {
            byID[school.id] = school
            if let number = school.number {
                byNumber[number, default: []].append(school)
            }
            foldedNames[school.id] = school.names.map(TextFolding.fold).filter { !$0.isEmpty }
        }
        self.byID = byID
        self.byNumber = byNumber
        self.foldedNames = foldedNames
        self.schools = schools
    }

    /// Returns the school of the heading, or the reason there is not exactly one.
    ///
    /// An id directive must name a school id. A number picks the schools with that number;
    /// when there are several, those whose names contain every school word of the heading
    /// ("гимназия" in "Школа-гимназия № 12"). A heading without a number matches a school
    /// whose folded name it contains.
    func resolve(_ heading: SchoolHeading) -> Result<PlanningSchool, ResolutionFailure> {
        if let id = heading.id {
            guard let school = byID[id] else {
                return .failure(ResolutionFailure(reason: .notFound, candidates: []))
            }
            return .success(school)
        }

        var candidates: [PlanningSchool]
        if let number = heading.number {
            candidates = byNumber[number] ?? []
            if candidates.count > 1 {
                let narrowed = candidates.filter { school in
                    heading.kindWords.allSatisfy { word in foldedNames[school.id, default: []].contains { $0.contains(word) } }
                }
                if !narrowed.isEmpty {
                    candidates = narrowed
                }
            }
        } else {
            let folded = TextFolding.fold(heading.text)
            candidates = schools.filter { school in foldedNames[school.id, default: []].contains { folded.contains($0) } }
        }

        switch candidates.count {
        case 1:
            return .success(candidates[0])
        case 0:
            return .failure(ResolutionFailure(reason: .notFound, candidates: []))
        default:
            return .failure(ResolutionFailure(reason: .ambiguous, candidates: candidates.map(\.id).sorted()))
        }
    }
}

struct ResolutionFailure: Error {
    var reason: UnresolvedSection.Reason
    var candidates: [String]
}

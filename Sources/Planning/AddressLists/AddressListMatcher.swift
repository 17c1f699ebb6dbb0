import Gazetteer

/// The claims of schools on houses, per language of instruction.
struct ClaimTable {
    /// The languages in the order the list first names them; nil for schools with none recorded.
    private(set) var languages: [String?] = []
    /// Language → address index → claims in file order.
    private(set) var claims: [String?: [Int: [HouseClaim]]] = [:]

    mutating func add(_ claim: HouseClaim, address: Int, language: String?) {
        if claims[language] == nil {
            languages.append(language)
            claims[language] = [:]
        }
        claims[language, default: [:]][address, default: []].append(claim)
    }

    /// Address index → the school that keeps it (its first claim), for one language.
    func owners(language: String?) -> [Int: String] {
        (claims[language] ?? [:]).compactMapValues { $0.first?.schoolID }
    }
}

/// Matches the sections of an address list to schools, and their lines to streets and houses.
struct AddressListMatcher {
    let gazetteer: GazetteerIndex
    let resolver: SchoolResolver
    let options: AddressListImporter.Options

    /// Matches every section and line, adds what fails to `report` and returns the matched lines
    /// with the claims they make.
    func match(_ list: AddressList, report: inout AddressListReport) -> (entries: [MatchedEntry], claims: ClaimTable) {
        var entries: [MatchedEntry] = []
        var claims = ClaimTable()
        var streetCache: [StreetKey: [StreetMatch]] = [:]

        for section in list.sections {
            let school: PlanningSchool
            switch resolver.resolve(section.heading) {
            case .success(let found):
                school = found
            case .failure(let failure):
                report.unresolvedSections.append(UnresolvedSection(line: section.line, heading: section.heading, reason: failure.reason, candidates: failure.candidates))
                continue
            }

            let languages: [String?] = !section.languages.isEmpty ? section.languages : (!school.languages.isEmpty ? school.languages : [nil])
            for entry in section.entries {
                let key = StreetKey(entry.street)
                let candidates = streetCache[key] ?? gazetteer.matchStreets(entry.street, limit: options.candidateCount)
                streetCache[key] = candidates

                guard let street = chooseStreet(candidates, entry: entry, schoolID: school.id, report: &report) else {
                    continue
                }
                let houses = gazetteer.houses(onStreet: street.streetIndex).filter { entry.contains($0.house) }.map(\.index)
                let matched = MatchedEntry(line: entry.line, text: entry.text, schoolID: school.id, languages: languages,
                                           writtenStreet: entry.street.display, street: street, selections: entry.selections, houses: houses)
                entries.append(matched)
                if street.score < 1 {
                    report.approximateStreets.append(matched)
                }
                if houses.isEmpty {
                    report.linesWithoutHouses.append(matched)
                }
                for address in houses {
                    for language in languages {
                        claims.add(HouseClaim(schoolID: school.id, line: entry.line), address: address, language: language)
                    }
                }
            }
        }
        return (entries, claims)
    }

    /// Returns the street of a line: the only exact match, or else the best candidate when it
    /// scores at least the minimum and no other comes within the ambiguity margin. Otherwise it
    /// reports the line and returns nil.
    private func chooseStreet(_ candidates: [StreetMatch], entry: AddressListEntry, schoolID: String, report: inout AddressListReport) -> StreetMatch? {
        func unmatched(_ reason: UnmatchedStreet.Reason, _ listed: [StreetMatch]) -> StreetMatch? {
            report.unmatchedStreets.append(UnmatchedStreet(line: entry.line, text: entry.text, street: entry.street.display,
                                                           schoolID: schoolID, reason: reason, candidates: listed))
            return nil
        }

        guard let best = candidates.first, best.score >= options.minimumStreetScore else {
            return unmatched(.notFound, candidates)
        }
        // A street whose name matches every word exactly wins over near matches: "мкр. 2" is
        // "микрорайон 2", not "Самал-2".
        let exact = candidates.filter { $0.score >= 1 }
        if exact.count == 1 {
            return exact[0]
        }
        let rivals = candidates.filter { $0.score > best.score - options.ambiguityMargin }
        guard rivals.count == 1 else {
            return unmatched(.ambiguous, rivals)
        }
        return best
    }
}

/// A street name as the gazetteer matches it: its key and type.
private struct StreetKey: Hashable {
    let key: String
    let type: StreetType?

    init(_ name: StreetName) {
        key = name.key
        type = name.type
    }
}

import Geometry

/// Which addresses change school between two sets of catchments, and how many addresses each school gains and loses.
public struct ImpactReport: Sendable {
    /// An address whose schools for one language differ between the two sets.
    public struct Change: Sendable, Equatable {
        public var address: AddressPoint
        public var language: String?
        /// The schools before and after, ascending; a catchment linked to no school appears as "catchment:<key>".
        public var from: [String]
        public var to: [String]
    }

    /// The addresses a school serves before and after, counting an address once per language.
    public struct SchoolCount: Sendable, Equatable {
        public var school: String
        public var before = 0
        public var after = 0
        /// Addresses that move to the school, and away from it.
        public var gained = 0
        public var lost = 0

        public var difference: Int { after - before }
    }

    public var addressCount = 0
    public var changes: [Change] = []
    /// Every school that serves an address in either set, by id.
    public var schools: [SchoolCount] = []
}

/// Compares the schools two catchment indexes give each address.
public enum ImpactAnalyzer {
    /// Compares `before` with `after` for every address, per language of instruction present in either.
    public static func compare(_ addresses: [AddressPoint], before: CatchmentIndex, after: CatchmentIndex) throws(CatchmentError) -> ImpactReport {
        var report = ImpactReport()
        report.addressCount = addresses.count
        let languages = Set(before.catchments.map(\.language)).union(after.catchments.map(\.language)).sorted { ($0 ?? "") < ($1 ?? "") }
        var counts: [String: ImpactReport.SchoolCount] = [:]

        for address in addresses {
            let old = try schools(at: address.location, in: before)
            let new = try schools(at: address.location, in: after)
            for language in languages {
                let from = old[language] ?? []
                let to = new[language] ?? []
                for school in from { counts[school, default: .init(school: school)].before += 1 }
                for school in to { counts[school, default: .init(school: school)].after += 1 }
                guard from != to else { continue }
                for school in to where !from.contains(school) { counts[school, default: .init(school: school)].gained += 1 }
                for school in from where !to.contains(school) { counts[school, default: .init(school: school)].lost += 1 }
                report.changes.append(.init(address: address, language: language, from: from, to: to))
            }
        }
        report.schools = counts.values.sorted { $0.school < $1.school }
        return report
    }

    /// The schools of the catchments covering a point, ascending, per language.
    private static func schools(at position: Position, in index: CatchmentIndex) throws(CatchmentError) -> [String?: [String]] {
        var result: [String?: [String]] = [:]
        for member in try index.covering(position) {
            let catchment = index.catchments[member]
            let school = catchment.schoolID ?? "catchment:\(catchment.key)"
            if result[catchment.language, default: []].contains(school) { continue }
            result[catchment.language, default: []].append(school)
        }
        for key in result.keys { result[key]!.sort() }
        return result
    }
}

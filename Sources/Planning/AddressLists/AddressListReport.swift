import Gazetteer
import Geometry

/// A school as the address-list import needs it.
public struct PlanningSchool: Sendable, Hashable {
    public var id: String
    /// The school number ("25" for "Школа № 25"), which headings usually name; nil when it has none.
    public var number: Int?
    /// Official names in any language, to tell apart two schools with the same number and to
    /// find a school whose heading has no number.
    public var names: [String]
    /// Language-of-instruction codes; a section that names no language applies to each of them.
    public var languages: [String]

    public init(id: String, number: Int? = nil, names: [String] = [], languages: [String] = []) {
        self.id = id
        self.number = number
        self.names = names
        self.languages = languages
    }
}

/// Everything in an address list that the planner must look at before the catchments are used.
public struct AddressListReport: Sendable, Equatable {
    /// Lines the parser could not read, from ``AddressList/problems``.
    public var unreadableLines: [AddressListProblem] = []
    /// Sections whose heading names no school of the city, or several.
    public var unresolvedSections: [UnresolvedSection] = []
    /// Street lines whose street matched no street of the city, or several equally well.
    public var unmatchedStreets: [UnmatchedStreet] = []
    /// Street lines matched to a street only approximately (a typo, a missing word), to confirm.
    public var approximateStreets: [MatchedEntry] = []
    /// Street lines whose street was found but that claim none of its houses.
    public var linesWithoutHouses: [MatchedEntry] = []
    /// Houses claimed by two or more schools of one language, in address order.
    public var conflicts: [HouseConflict] = []
    /// Buildings with several addresses that different schools of one language claim: the cell
    /// of the building can go to one school only.
    public var sharedBuildings: [SharedBuilding] = []
    /// For each language of the list, the houses that no school of that language claims.
    public var unclaimed: [UnclaimedHouses] = []
    /// Claimed houses whose buildings all lie outside the city boundary, so no catchment covers them.
    public var outsideBoundary: [GazetteerHouse] = []

    public init() {}

    /// Whether the list has no problem that leaves a house without its school or a line unused.
    /// Unclaimed houses count, so a list that covers only part of the city is never clean.
    public var isClean: Bool {
        unreadableLines.isEmpty && unresolvedSections.isEmpty && unmatchedStreets.isEmpty && linesWithoutHouses.isEmpty
            && conflicts.isEmpty && sharedBuildings.isEmpty && unclaimed.allSatisfy(\.houses.isEmpty) && outsideBoundary.isEmpty
    }
}

/// A section heading that names no school, or more than one.
public struct UnresolvedSection: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// No school has the id, number or name of the heading.
        case notFound = "not_found"
        /// Several schools fit the heading; `candidates` lists them.
        case ambiguous
    }

    /// The line number of the heading.
    public var line: Int
    public var heading: SchoolHeading
    public var reason: Reason
    /// Ids of the schools that fit, for `ambiguous`.
    public var candidates: [String]
}

/// A street line whose street could not be matched to one street of the city.
public struct UnmatchedStreet: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// No street fits well enough. `candidates` contains the nearest misses, possibly none.
        case notFound = "not_found"
        /// Several streets fit about equally well ("Достык" without a type, when there is an
        /// avenue and a street Достык); `candidates` lists them.
        case ambiguous
    }

    public var line: Int
    /// The whole line as written.
    public var text: String
    /// The street as written on the line.
    public var street: String
    public var schoolID: String
    public var reason: Reason
    /// The streets closest to the name, best first.
    public var candidates: [StreetMatch]

    /// The best near miss, when any street came close.
    public var nearMiss: StreetMatch? { candidates.first }
}

/// A street line matched to a street of the city.
public struct MatchedEntry: Sendable, Equatable {
    public var line: Int
    public var text: String
    public var schoolID: String
    /// The languages the line's section applies to; `[nil]` for a school with none recorded.
    public var languages: [String?]
    /// The street as written on the line.
    public var writtenStreet: String
    public var street: StreetMatch
    public var selections: [HouseSelection]
    /// Indices of the gazetteer addresses that the line claims.
    public var houses: [Int]
}

/// One school's claim on a house: the school and the line that names the house.
public struct HouseClaim: Sendable, Hashable {
    public var schoolID: String
    public var line: Int

    public init(schoolID: String, line: Int) {
        self.schoolID = schoolID
        self.line = line
    }
}

/// A house claimed by two or more schools of one language.
public struct HouseConflict: Sendable, Equatable {
    public var house: GazetteerHouse
    /// The language of instruction; nil for schools with none recorded.
    public var language: String?
    /// Every claim in file order; at least two schools.
    public var claims: [HouseClaim]
    /// The school whose polygon got the house: the first claim in the file.
    public var keptBy: String
}

/// A building whose addresses different schools of one language claim.
public struct SharedBuilding: Sendable, Equatable {
    /// An address of the building and the school that claims it.
    public struct Claim: Sendable, Equatable {
        public var house: GazetteerHouse
        public var schoolID: String
    }

    public var location: Position
    public var language: String?
    /// The claimed addresses of the building, in address order.
    public var claims: [Claim]
    /// The school whose polygon got the building: the owner of its first claimed address.
    public var keptBy: String
}

/// The houses that no school of one language claims.
public struct UnclaimedHouses: Sendable, Equatable {
    public var language: String?
    /// In address order.
    public var houses: [GazetteerHouse]

    public var count: Int { houses.count }
}

/// A published list of school micro-districts: one section per school, each a list of streets
/// with the houses that the school admits.
///
/// The text format, one item per line (line numbers count from 1):
///
/// - A school heading starts a section: a line with a school word ("школа", "гимназия",
///   "лицей", "мектеп", "СОШ", …) and usually a number, such as "Школа № 25",
///   "КГУ «Школа-гимназия № 12»:" or "1. КГУ «Общеобразовательная школа № 150» отдела
///   образования". The directive "# school: ID" (also "# школа: ID", "# мектеп: ID") starts a
///   section for the school with that id.
/// - A language line names the section's languages of instruction: "язык: казахский",
///   "язык обучения: русский", "оқыту тілі: қазақ", "# language: kk, ru". A heading that
///   mentions the language ("… с казахским языком обучения") does the same.
/// - Every other line is a street line: a street and the houses of it that the school admits,
///   for example "ул. Абая, 1–25 (нечётные)", "ул. Абая, чётная сторона с 2 по 40",
///   "ул. Абая, 44 и далее", "ул. Абая (все дома)", "мкр. Самал-2, дома 1–58",
///   "ул. Абая, 1, 3, 5А, 7/1" or "Абай көшесі, 2-ден 40-қа дейін (жұп)". A line may name
///   several streets, separated by commas or semicolons ("ул. Абая, 1–25; ул. Сатпаева, 2–10"),
///   and a street without house numbers means all its houses. A line with house numbers only
///   continues the street of the line before it.
/// - Empty lines and lines starting with "#" (other than the directives) are ignored; a
///   leading item number ("1.", "2)") or bullet ("-", "•") is skipped.
///
/// Parsing never fails: every line that cannot be read becomes an ``AddressListProblem`` with
/// its line number and text, and contributes nothing to the sections. A value type, safe to
/// share between threads.
public struct AddressList: Sendable, Equatable {
    /// The sections in file order; one school may have several.
    public var sections: [AddressListSection]
    /// Every line that could not be read, in file order.
    public var problems: [AddressListProblem]

    public init(sections: [AddressListSection], problems: [AddressListProblem]) {
        self.sections = sections
        self.problems = problems
    }

    /// Parses the text of an address list. See the type's documentation for the format.
    public init(parsing text: String) {
        self = AddressListParser.parse(text)
    }
}

/// The school that a section belongs to, as its heading names it.
public struct SchoolHeading: Sendable, Hashable {
    /// The heading line as written, without a leading item number and a trailing colon.
    public var text: String
    /// The school id given by a "# school: ID" directive; nil for a written heading.
    public var id: String?
    /// The school number ("25" in "Школа № 25"); nil when the heading has none.
    public var number: Int?
    /// The school-type words of the heading, folded by ``TextFolding/fold(_:)`` ("школа",
    /// "гимназия"), to tell apart two schools with the same number.
    public var kindWords: [String]

    public init(text: String, id: String? = nil, number: Int? = nil, kindWords: [String] = []) {
        self.text = text
        self.id = id
        self.number = number
        self.kindWords = kindWords
    }
}

/// One school's part of an address list.
public struct AddressListSection: Sendable, Equatable {
    public var heading: SchoolHeading
    /// The line number of the heading.
    public var line: Int
    /// Language-of-instruction codes ("kk", "ru", "en", "ug", "uz", "tg") that the section
    /// names, in the order written; empty when it names none.
    public var languages: [String]
    /// The street lines, in file order.
    public var entries: [AddressListEntry]

    public init(heading: SchoolHeading, line: Int, languages: [String] = [], entries: [AddressListEntry] = []) {
        self.heading = heading
        self.line = line
        self.languages = languages
        self.entries = entries
    }
}

/// One street of a street line and the houses of it that the line claims.
public struct AddressListEntry: Sendable, Equatable {
    /// The line number.
    public var line: Int
    /// The whole line as written, trimmed.
    public var text: String
    /// The street as written on the line (or on the line before, for a continuation line), parsed.
    public var street: StreetName
    /// The houses claimed; never empty. A street written without houses gets `.all(parity: nil)`.
    public var selections: [HouseSelection]

    public init(line: Int, text: String, street: StreetName, selections: [HouseSelection]) {
        self.line = line
        self.text = text
        self.street = street
        self.selections = selections
    }

    /// Returns whether the entry claims the house.
    public func contains(_ house: HouseNumber) -> Bool {
        selections.contains { $0.contains(house) }
    }
}

/// A line of an address list that could not be read, or a section that says nothing.
public struct AddressListProblem: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Part of a street line is neither a street nor house numbers; `detail` is that part.
        case unreadableHouses = "unreadable_houses"
        /// House numbers with no street before them on the line or on the line before.
        case missingStreet = "missing_street"
        /// A range whose end comes before its start ("25–1"); `detail` is the range.
        case reversedRange = "reversed_range"
        /// A street line before the first school heading.
        case outsideSection = "outside_section"
        /// A language line with a word that names no known language; `detail` is the word.
        case unknownLanguage = "unknown_language"
        /// A "# school:" directive without an id.
        case missingSchoolID = "missing_school_id"
        /// A school heading with no street lines after it.
        case emptySection = "empty_section"
    }

    public var kind: Kind
    /// The line number, from 1.
    public var line: Int
    /// The whole line as written, trimmed.
    public var text: String
    /// The part of the line at fault, when it is not the whole line.
    public var detail: String?

    public init(kind: Kind, line: Int, text: String, detail: String? = nil) {
        self.kind = kind
        self.line = line
        self.text = text
        self.detail = detail
    }
}

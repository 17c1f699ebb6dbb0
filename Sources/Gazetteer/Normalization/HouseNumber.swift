/// A house number as used in Kazakh addresses: a number with an optional letter, fraction,
/// building (корпус) and structure (строение).
///
/// Values are ordered by number, then letter, fraction, building and structure, where a
/// missing part sorts before any present one: 12 < 12с1 < 12к1 < 12/1 < 12А < 12А/1 < 12Б < 13.
/// A value type, safe to share between threads.
public struct HouseNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The main number, 1 to 99 999.
    public let number: Int
    /// One upper-case Russian letter ("А" in "12А"), or nil.
    public let letter: String?
    /// The number after the slash ("1" in "12/1"), 1 to 9 999, or nil.
    public let fraction: Int?
    /// The корпус number ("2" in "12 корп. 2"), 1 to 9 999, or nil.
    public let building: Int?
    /// The строение number ("1" in "12 стр. 1"), 1 to 9 999, or nil.
    public let structure: Int?

    /// The maximum length of text that ``init(_:)`` reads, in characters.
    public static let maximumTextLength = 48

    /// Parses a house number, or returns nil when the whole text is not one.
    ///
    /// Accepted forms, with parts in any order after the number:
    /// - the number, optionally after "д.", "дом" or "№", or before the Kazakh "үй" ("150 үй", "150-үй");
    /// - a letter written together, after a space or after a hyphen ("12а", "12 А", "12-а"), or
    ///   after "литера", "литер" or "лит." ("5 лит. Б");
    /// - a fraction after a slash ("12/1");
    /// - a building after "к", "к.", "корп.", "корпус" ("12к2", "12 к 2", "12 корпус 2");
    /// - a structure after "с", "стр.", "строение" ("12с1", "12 стр. 1").
    ///
    /// Latin letters that look the same as Russian ones are read as Russian: "12A", "12a" and
    /// "12а" are equal (see ``FoldingTables/cyrillicLookalikes``). A Latin letter with no such
    /// twin, a Kazakh letter, "Й", "Ъ", "Ы" or "Ь" makes the text unreadable. So does number 0,
    /// a number over 99 999, a part over 9 999, a part given twice, anything left over
    /// ("12-1", "12 аб") and text longer than ``maximumTextLength`` characters.
    public init?(_ text: String) {
        guard text.count <= Self.maximumTextLength else {
            return nil
        }
        let tokens = AddressLexer.lex(text).tokens
        guard let parsed = HouseNumberParser.parse(tokens[...]) else {
            return nil
        }
        self = parsed
    }

    /// Creates a value from parts already checked by ``HouseNumberParser``.
    init(number: Int, letter: String?, fraction: Int?, building: Int?, structure: Int?) {
        self.number = number
        self.letter = letter
        self.fraction = fraction
        self.building = building
        self.structure = structure
    }

    /// The canonical form: number, letter, "/" and fraction, "к" and building, "с" and structure,
    /// with no spaces ("12", "12А", "12/1", "12к2", "12с1", "15Ак3"). ``init(_:)`` reads it back
    /// to an equal value.
    public var description: String {
        var result = String(number)
        if let letter {
            result += letter
        }
        if let fraction {
            result += "/\(fraction)"
        }
        if let building {
            result += "к\(building)"
        }
        if let structure {
            result += "с\(structure)"
        }
        return result
    }

    public static func < (lhs: HouseNumber, rhs: HouseNumber) -> Bool {
        if lhs.number != rhs.number {
            return lhs.number < rhs.number
        }
        if lhs.letter != rhs.letter {
            return isOrdered(lhs.letter, before: rhs.letter)
        }
        if lhs.fraction != rhs.fraction {
            return isOrdered(lhs.fraction, before: rhs.fraction)
        }
        if lhs.building != rhs.building {
            return isOrdered(lhs.building, before: rhs.building)
        }
        return isOrdered(lhs.structure, before: rhs.structure)
    }

    /// Orders two different optional parts, nil first. Letters compare by code point, which is
    /// alphabetical order for the Russian letters allowed here because "Ё" is read as "Е".
    private static func isOrdered<Part: Comparable>(_ lhs: Part?, before rhs: Part?) -> Bool {
        switch (lhs, rhs) {
        case let (left?, right?):
            return left < right
        case (nil, _?):
            return true
        default:
            return false
        }
    }
}

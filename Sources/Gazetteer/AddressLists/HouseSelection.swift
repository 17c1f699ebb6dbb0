/// The side of a street: houses with odd or with even numbers.
public enum HouseParity: String, Sendable, Hashable {
    case odd
    case even

    /// Returns whether the house number is on this side. Only the main number counts, so 12А and 12/1 are even.
    public func contains(_ number: Int) -> Bool {
        (number % 2 == 1) == (self == .odd)
    }
}

/// The houses of one street that an address-list line claims.
///
/// Ranges compare the main number only, so "1–25" claims 12А, 12/1 and 12к2
/// as well as 12. A single house claims exactly the house written, so "12"
/// does not claim 12А. A value type, safe to share between threads.
public enum HouseSelection: Sendable, Hashable, CustomStringConvertible {
    /// Every house of the street ("все дома"), or of one side ("нечётная сторона").
    case all(parity: HouseParity?)
    /// Houses whose main number lies from `from` to `to`, both included; `to` is nil for an
    /// open range ("44 и далее"). `parity` limits the range to one side.
    case range(from: Int, to: Int?, parity: HouseParity?)
    /// One house, compared with every part: number, letter, fraction, building and structure.
    case house(HouseNumber)

    /// Returns whether the selection claims the house.
    public func contains(_ house: HouseNumber) -> Bool {
        switch self {
        case .all(let parity):
            return parity?.contains(house.number) ?? true
        case .range(let from, let to, let parity):
            guard house.number >= from, house.number <= (to ?? Int.max) else {
                return false
            }
            return parity?.contains(house.number) ?? true
        case .house(let number):
            return number == house
        }
    }

    /// The selection written back in the list's own notation, for reports: "1–25 (нечётные)", "44 и далее", "12А".
    public var description: String {
        switch self {
        case .all(nil):
            return "все дома"
        case .all(.odd?):
            return "нечётная сторона"
        case .all(.even?):
            return "чётная сторона"
        case .range(let from, let to, let parity):
            let span = to.map { "\(from)–\($0)" } ?? "\(from) и далее"
            switch parity {
            case .odd?: return span + " (нечётные)"
            case .even?: return span + " (чётные)"
            case nil: return span
            }
        case .house(let number):
            return number.description
        }
    }
}

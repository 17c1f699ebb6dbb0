import Geometry

/// A house address as coverage and impact checks see it: a label for people and a point.
public struct AddressPoint: Sendable, Hashable {
    /// The address as people read it, for example "ул. Абая, 12А".
    public var label: String
    public var location: Position

    public init(label: String, location: Position) {
        self.label = label
        self.location = location
    }
}

/// The catchments that cover each address, grouped by language of instruction.
///
/// A catchment whose boundary passes exactly through the address covers it too (covers, not
/// contains), but such a touch does not make the address covered twice: the address is
/// `multiplyCovered` only when at least two catchments of one language have it strictly inside.
public struct AddressCoverage: Sendable {
    /// An address covered by no catchment of a language.
    public struct Uncovered: Sendable, Equatable {
        public var address: AddressPoint
        public var language: String?
    }

    /// An address inside two or more catchments of one language.
    public struct MultiplyCovered: Sendable, Equatable {
        public var address: AddressPoint
        public var language: String?
        public var catchmentKeys: [String]
    }

    public var addressCount = 0
    public var uncovered: [Uncovered] = []
    public var multiplyCovered: [MultiplyCovered] = []

    public init() {}

    /// Checks every address against the index, for each language the index's catchments have.
    public static func check(_ addresses: [AddressPoint], index: CatchmentIndex) throws(CatchmentError) -> AddressCoverage {
        var result = AddressCoverage()
        result.addressCount = addresses.count
        let languages = Set(index.catchments.map(\.language)).sorted { ($0 ?? "") < ($1 ?? "") }

        for address in addresses {
            let covering = try index.covering(address.location)
            for language in languages {
                let members = covering.filter { index.catchments[$0].language == language }
                if members.isEmpty {
                    result.uncovered.append(Uncovered(address: address, language: language))
                    continue
                }
                let inside = members.filter { !index.isOnBoundary(address.location, of: $0) }
                if inside.count >= 2 {
                    result.multiplyCovered.append(MultiplyCovered(address: address, language: language, catchmentKeys: inside.map { index.catchments[$0].key }))
                }
            }
        }
        return result
    }
}

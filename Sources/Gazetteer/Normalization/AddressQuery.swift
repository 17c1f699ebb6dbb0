/// Free address text split into a street name and a house number.
///
/// A value type, safe to share between threads.
public struct AddressQuery: Sendable, Equatable {
    /// The street part, or nil when the text has only a house number or nothing readable.
    public let street: StreetName?
    /// The house number, or nil when the text has none.
    public let house: HouseNumber?

    /// Parses text such as "ул. Абая, 150а", "Абая 150 кв 5", "мкр. Самал-2, д. 58",
    /// "Қабанбай батыр 12/1", "Абай даңғылы, 150 үй" or "Абая".
    ///
    /// Steps:
    /// 1. The apartment is removed: "кв", "кв.", "квартира" or "пәтер" with the number after it,
    ///    or "пәтер" with the number before it ("12 пәтер").
    /// 2. The house number is the longest tail of the text that ``HouseNumber`` reads in full,
    ///    starting at a number or at "д."/"дом" before a number. A number cannot start it when
    ///    it is joined to a word by a hyphen ("Самал-2"), or when it comes right after a
    ///    microdistrict or residential-area type word that opens the text ("мкр. 5, 12" is
    ///    house 12 in microdistrict 5). A number written together with a word can ("абая150").
    /// 3. Everything before the house number, or before "д."/"дом", is the street.
    ///
    /// So "Самал-2, 58", "Самал2 58" and "мкр Самал-2 58" give the street key "самал 2" and
    /// house 58. A number after a bare name is read as the house: "Самал 2" and "Самал2" are
    /// house 2 on "Самал", because nothing in the text marks 2 as part of the name. City names,
    /// "г." and "город" are not removed and stay in the street part. A house number written
    /// before the street ("12 Абая") is not found.
    public init(_ text: String) {
        let lexed = AddressLexer.lex(text)
        let tokens = Self.removingApartment(from: lexed.tokens)
        let typeMatches = StreetTypeWords.matches(in: tokens)

        var streetEnd = tokens.count
        var house: HouseNumber?
        for start in tokens.indices where Self.canStartHouse(at: start, in: tokens, typeMatches: typeMatches) {
            if let parsed = HouseNumberParser.parse(tokens[start...]) {
                streetEnd = start
                house = parsed
                break
            }
        }

        let streetTokens = Array(tokens[..<streetEnd])
        if let first = streetTokens.first, let last = streetTokens.last {
            let source = lexed.source
            var end = last.range.upperBound
            // Keep the full stop of an abbreviation that ends the street: "Абая ул., 150".
            if !last.isNumber && end < source.endIndex && source[end] == "." {
                end = source.index(after: end)
            }
            let display = source[first.range.lowerBound..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            self.street = StreetName(tokens: streetTokens, display: display)
        } else {
            self.street = nil
        }
        self.house = house
    }

    private static let apartmentWords: Set<String> = ["кв", "квартира", "патер"]
    private static let houseWords: Set<String> = ["д", "дом"]

    /// Removes apartment markers and their numbers ("кв. 12", "кв12", "12 пәтер") and returns the
    /// remaining tokens. A letter written together with the apartment number is removed too ("кв 12а").
    private static func removingApartment(from tokens: [AddressToken]) -> [AddressToken] {
        var result = tokens
        var index = 0
        while index < result.count {
            let token = result[index]
            guard !token.isNumber, apartmentWords.contains(token.folded) else {
                index += 1
                continue
            }

            var start = index
            var end = index + 1
            if end < result.count && result[end].isNumber {
                end += 1
                if end < result.count && !result[end].isNumber && result[end].separatorBefore == .joined && result[end].folded.count == 1 {
                    end += 1
                }
            } else if token.folded == "патер" && index > 0 && result[index - 1].isNumber {
                // Kazakh puts the number first: "12 пәтер", "12-пәтер".
                start = index - 1
            }
            result.removeSubrange(start..<end)
            index = start
        }
        return result
    }

    /// Returns whether a house number may start at `index`: at a number, or at "д."/"дом" before one.
    private static func canStartHouse(at index: Int, in tokens: [AddressToken], typeMatches: [StreetTypeMatch]) -> Bool {
        let token = tokens[index]
        if !token.isNumber {
            return houseWords.contains(token.folded) && index + 1 < tokens.count && tokens[index + 1].isNumber
        }
        guard index > 0 else {
            return true
        }

        let previous = tokens[index - 1]
        if !previous.isNumber && token.separatorBefore == .hyphen {
            return false
        }
        // "мкр. 5, 12": the 5 names the microdistrict. In "5 мкр., 12" the name comes first, so 12 may start.
        let namesArea = typeMatches.contains { match in
            match.tokens.lowerBound == 0 && match.tokens.upperBound == index
                && (match.type == .microdistrict || match.type == .district)
        }
        return !namesArea
    }
}

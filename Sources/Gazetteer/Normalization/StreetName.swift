/// A street name parsed into its type and a matching key.
///
/// "улица Абая", "Абая ул.", "Абай көшесі" and "ул. Абай" all get the key "абай" and the type
/// ``StreetType/street``, while "проспект Абая" and "Абай даңғылы" get the same key with
/// ``StreetType/avenue``. Indexing and querying build keys the same way, so these spellings
/// meet. Equality compares all three properties, so compare ``key`` to match names.
/// A value type, safe to share between threads.
public struct StreetName: Sendable, Hashable {
    /// The name as written, with white space trimmed and collapsed, for display.
    public let display: String
    /// The type named by the first type word in the text, or nil when the text has none.
    /// A type word kept as the name, as in "Тупик", names no type.
    public let type: StreetType?
    /// The matching key: the words of the name in order, folded by ``TextFolding/fold(_:)``,
    /// reduced by ``baseForm(of:)`` and joined by single spaces.
    ///
    /// Type words ("улица", "пр-т", "көшесі", "мкр."), initials followed by a full stop
    /// ("Д." in "ул. Д. Кунаева"), "им."/"имени", and ordinal endings after a number
    /// ("-я" in "1-я линия") are left out. Letters and digits written together are split,
    /// so "Самал-2", "Самал 2" and "Самал2" all give "самал 2". When every word is a type
    /// word, the first full word other than "улица" or "көшесі" is kept as the name
    /// ("Набережная улица", "Тупик"). Without one the key is empty ("ул.", "мкр.").
    ///
    /// NOTE: Kazakh and Russian spellings that differ in more than the folded letters
    /// ("Әуезов" and "Ауэзов", "Сәтбаев" and "Сатпаев") still get different keys.
    public let key: String

    /// Parses a street name with type words in any position ("улица Абая", "Абая ул.",
    /// "Абай көшесі", "пр-т Абая", "мкр. Самал-2").
    public init(_ text: String) {
        let display = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self.init(tokens: AddressLexer.lex(text).tokens, display: display)
    }

    /// Builds the name from tokens already split by ``AddressLexer``.
    init(tokens: [AddressToken], display: String) {
        var typeMatches = StreetTypeWords.matches(in: tokens)
        let typeWordCount = typeMatches.reduce(0) { $0 + $1.tokens.count }
        if typeWordCount == tokens.count, let kept = typeMatches.firstIndex(where: \.mayBeName) {
            typeMatches.remove(at: kept)
        }

        var isTypeWord = [Bool](repeating: false, count: tokens.count)
        for match in typeMatches {
            for index in match.tokens {
                isTypeWord[index] = true
            }
        }

        var words: [String] = []
        for (index, token) in tokens.enumerated() where !isTypeWord[index] {
            if Self.isInitial(at: index, in: tokens) || Self.isNameNoise(at: index, in: tokens) || Self.isOrdinalEnding(at: index, in: tokens) {
                continue
            }
            words.append(token.isNumber ? token.folded : Self.baseForm(of: token.folded))
        }

        self.display = display
        self.type = typeMatches.first?.type
        self.key = words.joined(separator: " ")
    }

    /// Returns whether the token is an initial: a single letter followed by a full stop and a word,
    /// as in "Д. Кунаева" or "Ш.Уалиханова".
    private static func isInitial(at index: Int, in tokens: [AddressToken]) -> Bool {
        let token = tokens[index]
        guard !token.isNumber, token.folded.unicodeScalars.count == 1, index + 1 < tokens.count else {
            return false
        }
        let next = tokens[index + 1]
        return next.separatorBefore == .dot && !next.isNumber && next.folded.unicodeScalars.count >= 2
    }

    /// Returns whether the token is "им." or "имени" before another word ("ул. им. Абая").
    private static func isNameNoise(at index: Int, in tokens: [AddressToken]) -> Bool {
        index + 1 < tokens.count && (tokens[index].folded == "им" || tokens[index].folded == "имени")
    }

    /// Folded Russian and Kazakh ordinal endings written after a number: "1-я", "2-й", "3-го", "1-ші".
    private static let ordinalEndings: Set<String> = [
        "я", "й", "ая", "ой", "ый", "ий", "го", "ого", "ему", "ом",
        "ши", "шы", "инши", "ынши",
    ]

    private static func isOrdinalEnding(at index: Int, in tokens: [AddressToken]) -> Bool {
        let token = tokens[index]
        guard index > 0, !token.isNumber, tokens[index - 1].isNumber else {
            return false
        }
        return (token.separatorBefore == .hyphen || token.separatorBefore == .joined) && ordinalEndings.contains(token.folded)
    }
}

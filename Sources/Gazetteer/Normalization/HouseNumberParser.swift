/// The house-number grammar over address tokens, shared by ``HouseNumber/init(_:)`` and ``AddressQuery``.
enum HouseNumberParser {
    static let maximumNumber = 99_999
    static let maximumPart = 9_999

    /// Letters allowed after a house number: the Russian alphabet without "Ё" (read as "Е"),
    /// "Й", "Ъ", "Ы" and "Ь", which do not occur as house letters.
    private static let allowedLetters = Set("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ")

    private static let prefixWords: Set<String> = ["Д", "ДОМ"]
    private static let suffixWords: Set<String> = ["ҮЙ", "УЙ"]
    private static let buildingWords: Set<String> = ["К", "КОРП", "КОРПУС"]
    private static let structureWords: Set<String> = ["С", "СТР", "СТРОЕНИЕ"]
    private static let letterWords: Set<String> = ["ЛИТ", "ЛИТЕР", "ЛИТЕРА"]
    /// Separators allowed before a bare letter: "12а", "12 а", "12-а", but not "12/а" or "12, а".
    private static let letterSeparators: Set<AddressToken.Separator> = [.joined, .space, .hyphen]

    /// Parses all of `tokens` as one house number, or returns nil when any token is not part of it.
    static func parse(_ tokens: ArraySlice<AddressToken>) -> HouseNumber? {
        var index = tokens.startIndex
        let end = tokens.endIndex

        if index + 1 < end, tokens[index + 1].isNumber, prefixWords.contains(form(of: tokens[index])) {
            index += 1
        }
        guard index < end, let number = value(of: tokens[index], maximum: maximumNumber) else {
            return nil
        }
        index += 1

        var parts = Parts()
        while index < end {
            guard let consumed = parts.read(tokens, at: index) else {
                return nil
            }
            index += consumed
        }
        return HouseNumber(number: number, letter: parts.letter, fraction: parts.fraction, building: parts.building, structure: parts.structure)
    }

    /// The parts after the number, each read at most once.
    private struct Parts {
        var letter: String?
        var fraction: Int?
        var building: Int?
        var structure: Int?

        /// Reads one part starting at `index` and returns how many tokens it took, or nil when none fits.
        mutating func read(_ tokens: ArraySlice<AddressToken>, at index: Int) -> Int? {
            let token = tokens[index]
            let next = index + 1 < tokens.endIndex ? tokens[index + 1] : nil

            if token.isNumber {
                guard token.separatorBefore == .slash, fraction == nil, let value = value(of: token, maximum: maximumPart) else {
                    return nil
                }
                fraction = value
                return 1
            }

            let word = form(of: token)
            if let next, next.isNumber, let value = value(of: next, maximum: maximumPart) {
                if buildingWords.contains(word) {
                    return set(&building, to: value) ? 2 : nil
                }
                if structureWords.contains(word) {
                    return set(&structure, to: value) ? 2 : nil
                }
                // A letter written together with a building or structure marker: "15Ак3", "12Бс1".
                if next.separatorBefore == .joined, word.count == 2, let houseLetter = readLetter(String(word.prefix(1))) {
                    let marker = String(word.suffix(1))
                    if buildingWords.contains(marker) && building == nil {
                        return set(&letter, to: houseLetter) && set(&building, to: value) ? 2 : nil
                    }
                    if structureWords.contains(marker) && structure == nil {
                        return set(&letter, to: houseLetter) && set(&structure, to: value) ? 2 : nil
                    }
                }
            }
            if letterWords.contains(word), let next, !next.isNumber, let houseLetter = readLetter(form(of: next)) {
                return set(&letter, to: houseLetter) ? 2 : nil
            }
            if let houseLetter = readLetter(word), letterSeparators.contains(token.separatorBefore) {
                return set(&letter, to: houseLetter) ? 1 : nil
            }
            if suffixWords.contains(word) && next == nil {
                return 1
            }
            return nil
        }

        private func set<Value>(_ part: inout Value?, to value: Value) -> Bool {
            guard part == nil else {
                return false
            }
            part = value
            return true
        }
    }

    /// Returns the token in upper case, with Latin lookalikes read as Russian letters and "Ё" as "Е".
    static func form(of token: AddressToken) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in token.text.unicodeScalars {
            scalars.append(FoldingTables.cyrillicLookalikes[scalar] ?? scalar)
        }
        return String(String(scalars).uppercased().map { $0 == "Ё" ? "Е" : $0 })
    }

    /// Returns `word` when it is a single allowed house letter, else nil.
    private static func readLetter(_ word: String) -> String? {
        guard word.count == 1, let letter = word.first, allowedLetters.contains(letter) else {
            return nil
        }
        return word
    }

    /// Returns the token's value when it is a number from 1 to `maximum`, else nil.
    private static func value(of token: AddressToken, maximum: Int) -> Int? {
        guard token.isNumber, token.text.count <= String(maximum).count, let value = Int(token.text), (1...maximum).contains(value) else {
            return nil
        }
        return value
    }
}

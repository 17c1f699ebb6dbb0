/// Recognition of school headings and language lines in address lists.
enum SchoolHeadingParser {
    /// Reads a school heading, or returns nil when the line is not one.
    ///
    /// A heading has a school word ("школа", "гимназия", "мектеп", "СОШ", …) that is not next to
    /// a street-type word, so "Мектеп көшесі, 5" and "ул. Школа, 5" stay street lines. The
    /// number is the one after "№", else one next to a school word ("школа 25", "25 мектеп").
    static func heading(in line: LexedLine, text: String) -> SchoolHeading? {
        let tokens = line.tokens
        let typeMatches = StreetTypeWords.matches(in: tokens)
        let schoolWords = tokens.indices.filter { index in
            !tokens[index].isNumber && AddressListWords.schoolKinds.contains(tokens[index].folded)
                && !typeMatches.contains { $0.tokens.upperBound == index || $0.tokens.lowerBound == index + 1 }
        }
        guard !schoolWords.isEmpty else {
            return nil
        }

        var number: Int?
        if let afterSign = tokens.indices.first(where: { tokens[$0].isNumber && line.gap(before: $0, contains: ["№"]) }) {
            number = Int(tokens[afterSign].text)
        } else {
            let neighbours = schoolWords.flatMap { [$0 - 1, $0 + 1] }.filter { tokens.indices.contains($0) && tokens[$0].isNumber }
            number = neighbours.first.flatMap { Int(tokens[$0].text) }
        }

        var kindWords: [String] = []
        for index in schoolWords where !kindWords.contains(tokens[index].folded) {
            kindWords.append(tokens[index].folded)
        }
        return SchoolHeading(text: text, number: number, kindWords: kindWords)
    }

    /// Language codes that a heading names together with "язык" or "тілі" ("… с казахским
    /// языком обучения", "… қазақ тілінде"); empty when it names none.
    static func languages(inHeading line: LexedLine) -> [String] {
        let words = line.tokens.filter { !$0.isNumber }.map(\.folded)
        guard words.contains(where: { $0.hasPrefix("язык") || $0.hasPrefix("тил") }) else {
            return []
        }
        var codes: [String] = []
        for word in words {
            if let code = AddressListWords.languageCode(of: word), !codes.contains(code) {
                codes.append(code)
            }
        }
        return codes
    }

    /// The words after the colon of a language line ("язык: казахский", "оқыту тілі: қазақ"), or nil
    /// when the line is not one.
    static func languageLineValue(_ text: String) -> Substring? {
        guard let colon = text.firstIndex(of: ":") else {
            return nil
        }
        let label = TextFolding.fold(String(text[..<colon]))
        guard AddressListWords.languageLabels.contains(label) else {
            return nil
        }
        return text[text.index(after: colon)...]
    }

    /// Reads the language codes of a language line's value and the words that name no language.
    static func languageCodes(in value: Substring) -> (codes: [String], unknown: [String]) {
        var codes: [String] = []
        var unknown: [String] = []
        for token in AddressLexer.lex(String(value)).tokens {
            if AddressListWords.languageFillers.contains(token.folded) {
                continue
            }
            if let code = AddressListWords.languageCode(of: token.folded) {
                if !codes.contains(code) {
                    codes.append(code)
                }
            } else {
                unknown.append(token.text)
            }
        }
        return (codes, unknown)
    }
}

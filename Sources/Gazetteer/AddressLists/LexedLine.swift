/// One line of an address list split into address tokens, with the text between them kept.
///
/// The address lexer reduces the characters between two tokens to one separator class, which
/// loses a dash written between spaces ("1 – 25") and brackets. Address lists need both, so
/// the gaps are kept as written.
struct LexedLine {
    /// The line in Unicode normalization form C, which token ranges index.
    let source: String
    let tokens: [AddressToken]
    /// `gaps[i]` is the text before token `i`; `gaps[tokens.count]` is the text after the last token.
    let gaps: [Substring]

    init(_ text: String) {
        let lexed = AddressLexer.lex(text)
        var gaps: [Substring] = []
        var previousEnd = lexed.source.startIndex
        for token in lexed.tokens {
            gaps.append(lexed.source[previousEnd..<token.range.lowerBound])
            previousEnd = token.range.upperBound
        }
        gaps.append(lexed.source[previousEnd...])
        self.source = lexed.source
        self.tokens = lexed.tokens
        self.gaps = gaps
    }

    /// Returns whether the gap before token `index` contains any of the characters.
    func gap(before index: Int, contains characters: Set<Character>) -> Bool {
        gaps[index].contains { characters.contains($0) }
    }

    /// Returns whether the gap before token `index` contains a hyphen, dash or minus sign.
    func hasDash(before index: Int) -> Bool {
        gaps[index].unicodeScalars.contains { FoldingTables.dashes.contains($0) }
    }

    /// The folded word at `index`, or nil for a number or an index past the end of `range`.
    func word(at index: Int, in range: Range<Int>) -> String? {
        guard range.contains(index), !tokens[index].isNumber else {
            return nil
        }
        return tokens[index].folded
    }

    /// The text of the tokens in `range` as written, with white space collapsed. A full stop
    /// right after the last token is kept when it ends an abbreviation ("Абая ул.").
    func text(of range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else {
            return ""
        }
        var end = tokens[last].range.upperBound
        if !tokens[last].isNumber && end < source.endIndex && source[end] == "." {
            end = source.index(after: end)
        }
        return source[tokens[first].range.lowerBound..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The street name made of the tokens in `range`.
    func streetName(_ range: Range<Int>) -> StreetName {
        StreetName(tokens: Array(tokens[range]), display: text(of: range))
    }
}

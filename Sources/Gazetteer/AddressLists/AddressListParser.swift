/// Reads the text of an address list into sections and problems, line by line.
enum AddressListParser {
    static func parse(_ text: String) -> AddressList {
        var state = State()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            state.read(rawLine, number: index + 1)
        }
        state.closeSection()
        // An empty section is reported when the next one opens, after the lines between them.
        let problems = state.problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return AddressList(sections: state.sections, problems: problems)
    }

    /// Directive names before the colon of "# school: ID".
    private static let schoolDirectives: Set<String> = ["school", "школа", "мектеп"]

    private struct State {
        var sections: [AddressListSection] = []
        var problems: [AddressListProblem] = []
        /// Whether the current section has had a street line, readable or not.
        var sectionHasStreetLines = false
        /// The street that a line of house numbers only continues: the last street of the line
        /// before, when that line was a readable street line of the current section.
        var continuedStreet: StreetName?
        /// Whether the last entry names a street without houses ("ул. Абая:"), so it claims all
        /// houses only until a continuation line gives them.
        var lastEntryClaimsAllImplicitly = false

        mutating func read(_ rawLine: Substring, number: Int) {
            var text = rawLine.trimmed(of: [" ", "\t", "\u{FEFF}", "\u{00A0}"])
            if text.isEmpty {
                return
            }

            if text.hasPrefix("#") {
                readDirective(text.dropFirst(), line: number, text: text)
                return
            }
            text = AddressListParser.removingItemNumber(text)
            if text.isEmpty {
                return
            }

            if let value = SchoolHeadingParser.languageLineValue(text) {
                readLanguages(value, line: number, text: text)
                return
            }

            let lexed = LexedLine(text)
            if var heading = SchoolHeadingParser.heading(in: lexed, text: AddressListParser.removingTrailingColon(text)) {
                heading.number = heading.number.flatMap { $0 > 0 ? $0 : nil }
                openSection(AddressListSection(heading: heading, line: number, languages: SchoolHeadingParser.languages(inHeading: lexed)))
                return
            }

            guard !sections.isEmpty else {
                problems.append(AddressListProblem(kind: .outsideSection, line: number, text: text))
                return
            }
            sectionHasStreetLines = true
            readStreetLine(lexed, line: number, text: text)
        }

        /// Reads "# school: ID" and "# language: kk"; any other line starting with "#" is a comment.
        private mutating func readDirective(_ body: Substring, line: Int, text: String) {
            guard let colon = body.firstIndex(of: ":") else {
                return
            }
            let name = TextFolding.fold(String(body[..<colon]))
            let value = body[body.index(after: colon)...]
            if AddressListParser.schoolDirectives.contains(name) {
                guard let id = value.split(whereSeparator: \.isWhitespace).first else {
                    problems.append(AddressListProblem(kind: .missingSchoolID, line: line, text: text))
                    return
                }
                openSection(AddressListSection(heading: SchoolHeading(text: text, id: String(id)), line: line))
            } else if AddressListWords.languageLabels.contains(name) {
                readLanguages(value, line: line, text: text)
            }
        }

        private mutating func readLanguages(_ value: Substring, line: Int, text: String) {
            guard !sections.isEmpty else {
                problems.append(AddressListProblem(kind: .outsideSection, line: line, text: text))
                return
            }
            let (codes, unknown) = SchoolHeadingParser.languageCodes(in: value)
            for word in unknown {
                problems.append(AddressListProblem(kind: .unknownLanguage, line: line, text: text, detail: word))
            }
            for code in codes where !sections[sections.count - 1].languages.contains(code) {
                sections[sections.count - 1].languages.append(code)
            }
        }

        private mutating func openSection(_ section: AddressListSection) {
            closeSection()
            sections.append(section)
            sectionHasStreetLines = false
            continuedStreet = nil
            lastEntryClaimsAllImplicitly = false
        }

        /// Reports the current section when no street line followed its heading.
        mutating func closeSection() {
            guard let section = sections.last, !sectionHasStreetLines else {
                return
            }
            problems.append(AddressListProblem(kind: .emptySection, line: section.line, text: section.heading.text))
        }

        private mutating func readStreetLine(_ lexed: LexedLine, line: Int, text: String) {
            let parsed: ParsedStreetLine
            do {
                parsed = try StreetLineParser.parse(lexed)
            } catch {
                problems.append(AddressListProblem(kind: error.kind, line: line, text: text, detail: error.detail))
                continuedStreet = nil
                return
            }

            let current = sections.count - 1
            if !parsed.continuation.isEmpty {
                guard let street = continuedStreet else {
                    problems.append(AddressListProblem(kind: .missingStreet, line: line, text: text))
                    return
                }
                if lastEntryClaimsAllImplicitly {
                    sections[current].entries.removeLast()
                }
                var continued = ParsedStreetLine.Street(name: street, selections: [], claimsAllImplicitly: false)
                for piece in parsed.continuation {
                    StreetLineParser.add(piece, to: &continued)
                }
                sections[current].entries.append(AddressListEntry(line: line, text: text, street: street, selections: continued.selections))
                lastEntryClaimsAllImplicitly = false
            }
            for street in parsed.streets {
                sections[current].entries.append(AddressListEntry(line: line, text: text, street: street.name, selections: street.selections))
                lastEntryClaimsAllImplicitly = street.claimsAllImplicitly
                continuedStreet = street.name
            }
        }
    }

    /// Removes a leading item number ("1.", "2)", "1.2.") or bullet ("-", "•", "*") followed by white space.
    static func removingItemNumber(_ text: String) -> String {
        var rest = Substring(text)
        if let first = rest.first, "-–—•*·".contains(first) {
            let after = rest.dropFirst()
            if after.first?.isWhitespace == true {
                return after.trimmed(of: [" ", "\t"])
            }
            return text
        }

        var sawNumber = false
        while let digitEnd = rest.firstIndex(where: { !$0.isASCII || !$0.isNumber }), digitEnd > rest.startIndex,
              rest.distance(from: rest.startIndex, to: digitEnd) <= 3, ".)".contains(rest[digitEnd]) {
            rest = rest[rest.index(after: digitEnd)...]
            sawNumber = true
        }
        guard sawNumber, rest.first?.isWhitespace == true else {
            return text
        }
        return rest.trimmed(of: [" ", "\t"])
    }

    static func removingTrailingColon(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == ":" || last.isWhitespace {
            result = result.dropLast()
        }
        return String(result)
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimmed(of characters: Set<Character>) -> String {
        guard let first = firstIndex(where: { !characters.contains($0) }), let last = lastIndex(where: { !characters.contains($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

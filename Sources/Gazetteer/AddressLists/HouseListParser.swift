/// Why a piece of a street line is not a list of house numbers.
enum HouseListFailure: Error, Equatable {
    /// A word or number that has no place in a house list.
    case unreadable
    /// A range whose end comes before its start, as written in the reports ("25–1").
    case reversedRange(String)
}

/// The houses named by one piece of a street line (the text between two commas or semicolons).
struct HousePiece: Equatable {
    var selections: [HouseSelection]
    /// A side of the street named at the end of the piece with no range to apply it to
    /// ("нечётная сторона"); the caller applies it to the range before the piece, or to the whole street.
    var trailingParity: HouseParity?
}

/// The grammar of house lists over address tokens.
///
/// A piece is a sequence of items, each of them:
/// - a house number, read by ``HouseNumberParser`` ("5А", "7/1", "12 корп. 2");
/// - a range: two numbers with a dash ("1–25", "1 - 25", "1—25"), "с 10 по 20", "от 10 до 20",
///   or the Kazakh "2-ден 40-қа дейін";
/// - an open range: a number and "и далее", "до конца", "и выше", "бастап", "және одан әрі",
///   or a number after "с"/"от" with no end ("с 44");
/// - "все дома", "полностью", "барлық үйлер", "толық": every house.
///
/// A side word ("нечётные", "чётная сторона", "тақ", "жұп") written before an item applies to
/// it, and one written after a range or "все дома" applies to that. Fillers ("дома", "№",
/// "сторона", "үйлер", "включительно") are skipped; items may be joined by "и" or "және".
enum HouseListParser {
    /// Reads the tokens in `range` as one piece, or throws when any token does not fit the grammar.
    static func parse(_ line: LexedLine, _ range: Range<Int>) throws(HouseListFailure) -> HousePiece {
        var reader = Reader(line: line, range: range, index: range.lowerBound)
        return try reader.read()
    }

    /// The most tokens one house number takes: "12", "А", "корп", "2", "стр", "1".
    private static let maximumHouseTokens = 6

    /// Words that end a house number when written after it with a space: "1 и 3" is two houses, not "1И".
    private static let wordsAfterHouse: Set<String> = ["и", "по", "до", "от"]

    private struct Reader {
        let line: LexedLine
        let range: Range<Int>
        var index: Int
        var selections: [HouseSelection] = []
        /// Whether the last selection is a range or "every house" without a side, so a side word after it applies to it.
        var lastTakesParity = false
        var pendingParity: HouseParity?
        var pendingRangeStart = false

        init(line: LexedLine, range: Range<Int>, index: Int) {
            self.line = line
            self.range = range
            self.index = index
        }

        mutating func read() throws(HouseListFailure) -> HousePiece {
            while index < range.upperBound {
                if line.tokens[index].isNumber {
                    try readNumberItem()
                    continue
                }

                let word = line.tokens[index].folded
                if AddressListWords.fillers.contains(word) {
                    index += 1
                } else if let parity = AddressListWords.parity(of: word) {
                    try take(parity)
                    index += 1
                } else if AddressListWords.everyHouse.contains(word) {
                    append(.all(parity: pendingParity))
                    pendingParity = nil
                    index += 1
                } else if AddressListWords.rangeStarts.contains(word) && isNumber(index + 1) {
                    pendingRangeStart = true
                    index += 1
                } else if AddressListWords.conjunctions.contains(word) {
                    lastTakesParity = false
                    index += 1
                } else {
                    throw .unreadable
                }
            }
            return HousePiece(selections: selections, trailingParity: pendingParity)
        }

        /// Reads a house number and whatever turns it into a range or an open range.
        private mutating func readNumberItem() throws(HouseListFailure) {
            let start = try readHouse()
            var startMarked = pendingRangeStart
            pendingRangeStart = false
            if let ending = caseEnding(), AddressListWords.ablativeEndings.contains(ending) {
                startMarked = true
                index += 1
            }

            var end: HouseNumber?
            var isOpen = false
            if let length = openEndingLength() {
                isOpen = true
                index += length
            } else {
                if line.word(at: index, in: range) == AddressListWords.startingFrom {
                    startMarked = true
                    index += 1
                }
                if isNumber(index) && (line.hasDash(before: index) || startMarked) {
                    end = try readHouse()
                } else if let word = line.word(at: index, in: range), AddressListWords.rangeEnds.contains(word), isNumber(index + 1) {
                    index += 1
                    end = try readHouse()
                }
            }

            if end != nil {
                if let ending = caseEnding(), AddressListWords.dativeEndings.contains(ending) {
                    index += 1
                }
                if let word = line.word(at: index, in: range), AddressListWords.upTo.contains(word) {
                    index += 1
                }
            } else if startMarked && !isOpen {
                // "с 44" and "44-тен бастап" with no end run to the end of the street.
                isOpen = true
            }

            let parity = pendingParity
            pendingParity = nil
            if let end {
                guard end.number >= start.number else {
                    throw .reversedRange("\(start)–\(end)")
                }
                append(.range(from: start.number, to: end.number, parity: parity))
            } else if isOpen {
                append(.range(from: start.number, to: nil, parity: parity))
            } else {
                // A side word before one house ("чётные 12") has no clear meaning.
                guard parity == nil else {
                    throw .unreadable
                }
                append(.house(start))
            }
        }

        /// Reads the longest run of tokens from `index` that is one house number.
        private mutating func readHouse() throws(HouseListFailure) -> HouseNumber {
            let first = index
            var end = min(range.upperBound, first + HouseListParser.maximumHouseTokens)
            while end > first {
                if canBeOneHouse(first..<end), let house = HouseNumberParser.parse(line.tokens[first..<end]) {
                    index = end
                    return house
                }
                end -= 1
            }
            throw .unreadable
        }

        /// Returns whether the tokens may form one house number: no dash before a number inside them
        /// (that is a range) and no "и", "по", "до" or "от" after a space.
        private func canBeOneHouse(_ tokens: Range<Int>) -> Bool {
            for position in tokens.dropFirst() {
                let token = line.tokens[position]
                if token.isNumber && line.hasDash(before: position) {
                    return false
                }
                if !token.isNumber && token.separatorBefore == .space && HouseListParser.wordsAfterHouse.contains(token.folded) {
                    return false
                }
            }
            return true
        }

        /// The folded word at `index` when it is written onto the number before it ("2-ден", "40қа"), else nil.
        private func caseEnding() -> String? {
            guard let word = line.word(at: index, in: range), index > range.lowerBound, line.tokens[index - 1].isNumber else {
                return nil
            }
            let separator = line.tokens[index].separatorBefore
            return separator == .hyphen || separator == .joined ? word : nil
        }

        /// The number of tokens of the open-range phrase at `index`, or nil when none starts there.
        private func openEndingLength() -> Int? {
            for phrase in AddressListWords.openEndings where index + phrase.count <= range.upperBound {
                let matches = phrase.indices.allSatisfy { offset in
                    line.word(at: index + offset, in: range) == phrase[offset]
                }
                if matches {
                    return phrase.count
                }
            }
            return nil
        }

        private func isNumber(_ position: Int) -> Bool {
            range.contains(position) && line.tokens[position].isNumber
        }

        private mutating func append(_ selection: HouseSelection) {
            selections.append(selection)
            switch selection {
            case .all(nil), .range(_, _, nil):
                lastTakesParity = true
            default:
                lastTakesParity = false
            }
        }

        /// Applies a side word to the selection before it, or keeps it for the next item.
        private mutating func take(_ parity: HouseParity) throws(HouseListFailure) {
            if lastTakesParity, let last = selections.popLast() {
                selections.append(last.withParity(parity))
                lastTakesParity = false
                return
            }
            if let pendingParity, pendingParity != parity {
                throw .unreadable
            }
            pendingParity = parity
        }
    }
}

extension HouseSelection {
    /// The selection limited to one side; a single house is returned unchanged.
    func withParity(_ parity: HouseParity) -> HouseSelection {
        switch self {
        case .all:
            return .all(parity: parity)
        case .range(let from, let to, _):
            return .range(from: from, to: to, parity: parity)
        case .house:
            return self
        }
    }
}

/// A street line read into streets and house selections.
struct ParsedStreetLine: Equatable {
    struct Street: Equatable {
        var name: StreetName
        var selections: [HouseSelection]
        /// Whether the line named no houses for the street, so it claims all of them.
        var claimsAllImplicitly: Bool
    }

    /// Houses written before any street, piece by piece: they continue the street of the line before.
    var continuation: [HousePiece]
    var streets: [Street]
}

/// The reason a street line could not be read.
struct StreetLineFailure: Error, Equatable {
    var kind: AddressListProblem.Kind
    /// The part of the line at fault.
    var detail: String?
}

/// Reads one street line: pieces separated by commas, semicolons or colons, each either a
/// street with optional houses ("ул. Абая 1–25", "ул. Абая (все дома)") or houses of the
/// street before it ("3", "5А", "нечётная сторона").
enum StreetLineParser {
    static func parse(_ line: LexedLine) throws(StreetLineFailure) -> ParsedStreetLine {
        var result = ParsedStreetLine(continuation: [], streets: [])
        for piece in pieces(of: line) {
            switch houses(in: piece, of: line) {
            case .success(let houses):
                guard !houses.selections.isEmpty || houses.trailingParity != nil else {
                    throw StreetLineFailure(kind: .unreadableHouses, detail: line.text(of: piece))
                }
                if result.streets.isEmpty {
                    result.continuation.append(houses)
                } else {
                    add(houses, to: &result.streets[result.streets.count - 1])
                }
            case .failure(.reversedRange(let text)):
                throw StreetLineFailure(kind: .reversedRange, detail: text)
            case .failure(.unreadable):
                try checkStreetStart(piece, of: line, isFirst: result.streets.isEmpty && result.continuation.isEmpty)
                let (street, streetHouses) = try split(piece, of: line)
                var entry = ParsedStreetLine.Street(name: street, selections: [], claimsAllImplicitly: false)
                if let streetHouses {
                    add(streetHouses, to: &entry)
                }
                result.streets.append(entry)
            }
        }

        for index in result.streets.indices where result.streets[index].selections.isEmpty {
            result.streets[index].selections = [.all(parity: nil)]
            result.streets[index].claimsAllImplicitly = true
        }
        return result
    }

    /// Rejects a piece that cannot start a street, so text that is neither a street nor houses
    /// ("дом сто", "кроме 7") is reported instead of read as a street name.
    ///
    /// After a comma a new street needs a type word ("ул. Абая, 1–25, пр. Достык"); at the start
    /// of the line or after a semicolon a bare name will do ("ул. Абая, 1–25; Сатпаева, 2").
    /// A piece may not start with a house word or a range, and no piece may hold an exclusion
    /// ("кроме"), which lists do not support.
    private static func checkStreetStart(_ piece: Range<Int>, of line: LexedLine, isFirst: Bool) throws(StreetLineFailure) {
        let failure = StreetLineFailure(kind: .unreadableHouses, detail: line.text(of: piece))
        if line.tokens[piece].contains(where: { !$0.isNumber && AddressListWords.exclusions.contains($0.folded) }) {
            throw failure
        }

        let first = line.tokens[piece.lowerBound]
        if first.isNumber {
            let second = piece.lowerBound + 1
            if piece.contains(second) && line.tokens[second].isNumber && line.hasDash(before: second) {
                throw failure
            }
        } else if AddressListWords.isHouseWord(first.folded) && !isNamePart(at: piece.lowerBound, in: piece, of: line) {
            throw failure
        }

        let startsSegment = isFirst || line.gap(before: piece.lowerBound, contains: [";"])
        if !startsSegment && StreetTypeWords.matches(in: Array(line.tokens[piece])).isEmpty {
            throw failure
        }
    }

    /// Returns whether a word that usually labels houses is part of a street name here: an
    /// initial ("Д." in "Д. Кунаева", "С." in "С.Сейфуллина") or a letter written onto a number
    /// ("Д-35", "Д35").
    private static func isNamePart(at index: Int, in piece: Range<Int>, of line: LexedLine) -> Bool {
        let next = index + 1
        guard line.tokens[index].folded.count == 1, piece.contains(next) else {
            return false
        }
        let separator = line.tokens[next].separatorBefore
        if line.tokens[next].isNumber {
            return separator == .hyphen || separator == .joined
        }
        return separator == .dot
    }

    private static func houses(in range: Range<Int>, of line: LexedLine) -> Result<HousePiece, HouseListFailure> {
        do {
            return .success(try HouseListParser.parse(line, range))
        } catch {
            return .failure(error)
        }
    }

    /// Token ranges between commas, semicolons and colons; empty pieces are dropped.
    private static func pieces(of line: LexedLine) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for index in line.tokens.indices where index > start && line.gap(before: index, contains: [",", ";", ":"]) {
            result.append(start..<index)
            start = index
        }
        if start < line.tokens.count {
            result.append(start..<line.tokens.count)
        }
        return result
    }

    /// Adds houses to a street: a trailing side word applies to the last range or "every house"
    /// without a side, and otherwise claims that whole side of the street.
    static func add(_ houses: HousePiece, to street: inout ParsedStreetLine.Street) {
        street.selections += houses.selections
        guard let parity = houses.trailingParity else {
            return
        }
        if let last = street.selections.last, last.acceptsParity {
            street.selections[street.selections.count - 1] = last.withParity(parity)
        } else {
            street.selections.append(.all(parity: parity))
        }
    }

    /// Splits a piece into the street and the houses after it, at the first token where the rest
    /// reads as houses. A piece with no such token is a street with no houses.
    private static func split(_ piece: Range<Int>, of line: LexedLine) throws(StreetLineFailure) -> (StreetName, HousePiece?) {
        let typeMatches = StreetTypeWords.matches(in: Array(line.tokens[piece]))
        // "мкр Самал 2": inside a microdistrict's piece a bare number belongs to the name.
        let namesArea = typeMatches.contains { $0.tokens.lowerBound == 0 && ($0.type == .microdistrict || $0.type == .district) }

        for start in piece.dropFirst() where canStartHouses(at: start, in: piece, of: line, namesArea: namesArea) {
            let houses: HousePiece
            switch Self.houses(in: start..<piece.upperBound, of: line) {
            case .success(let piece):
                houses = piece
            case .failure(.reversedRange(let text)):
                throw StreetLineFailure(kind: .reversedRange, detail: text)
            case .failure(.unreadable):
                continue
            }
            guard !houses.selections.isEmpty || houses.trailingParity != nil else {
                continue
            }
            // "ул. Д-35": with nothing left of the name, the "Д" belongs to it.
            let street = line.streetName(piece.lowerBound..<start)
            if !street.key.isEmpty {
                return (street, houses)
            }
        }

        let street = line.streetName(piece)
        guard !street.key.isEmpty else {
            throw StreetLineFailure(kind: .unreadableHouses, detail: line.text(of: piece))
        }
        return (street, nil)
    }

    /// Returns whether the houses of a street may start at token `index`. They may start after a
    /// bracket or "№", at a number not written with a hyphen onto a word ("Самал-2"), or at a
    /// word that opens a house list ("дома", "все", "нечётная", "с 10").
    private static func canStartHouses(at index: Int, in piece: Range<Int>, of line: LexedLine, namesArea: Bool) -> Bool {
        if line.gap(before: index, contains: ["(", "№"]) {
            return true
        }
        let token = line.tokens[index]
        if token.isNumber {
            let previous = line.tokens[index - 1]
            if !previous.isNumber && token.separatorBefore == .hyphen {
                return false
            }
            return !namesArea
        }
        let word = token.folded
        if AddressListWords.houseOpeners.contains(word) || AddressListWords.everyHouse.contains(word) || AddressListWords.parity(of: word) != nil {
            return true
        }
        return AddressListWords.rangeStarts.contains(word) && index + 1 < piece.upperBound && line.tokens[index + 1].isNumber
    }
}

extension HouseSelection {
    /// Whether a side word written after the selection applies to it: a range or "every house" without a side.
    var acceptsParity: Bool {
        switch self {
        case .all(nil), .range(_, _, nil):
            return true
        default:
            return false
        }
    }
}

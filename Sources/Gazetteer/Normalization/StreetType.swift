/// Canonical street types, named by the Russian and Kazakh type words that ``StreetName`` recognises.
public enum StreetType: String, Sendable, CaseIterable {
    /// улица, ул., көшесі, көше, көш., к-сі
    case street
    /// проспект, просп., пр-т, пр-кт, пр., даңғылы, даңғыл, даң.
    case avenue
    /// микрорайон, мкр., мкрн, мкр-н, м-н, шағын ауданы, шағын аудан, ш.а., ш/а, ықшам ауданы
    case microdistrict
    /// переулок, пер., тұйық көше, тұйық көшесі
    case lane
    /// бульвар, бульв., бул., б-р, бульвары
    case boulevard
    /// шоссе, тас жолы, тас жол
    case highway
    /// проезд, пр-д, өткел, өткелі
    case passage
    /// тупик, туп., тұйығы, тұйық
    case deadEnd = "dead_end"
    /// площадь, пл., алаңы
    case square
    /// набережная, наб., жағалауы
    case embankment
    /// A residential area of private houses: жилой массив, жилмассив, ж/м, ж.м., жм, массив
    case district
    /// аллея, аллеясы, тракт, квартал
    case other
}

/// One run of type words found in a street name.
struct StreetTypeMatch: Sendable, Equatable {
    /// Indices of the matched tokens.
    let tokens: Range<Int>
    let type: StreetType
    /// Whether the words are a full type word that streets are also named with ("Набережная улица").
    let mayBeName: Bool
}

/// The table of street-type words and the search for them in tokens.
///
/// A type word matches whole tokens only, so "пер" is never cut out of "Перова". Where
/// spellings overlap, the one with more words wins ("пр-д" is a passage, "пр." an avenue).
/// Spellings are written here as people write them and folded when the table is built, so
/// "даңғылы" also matches "дангылы".
enum StreetTypeWords {
    private static let spellings: [(StreetType, [String])] = [
        (.street, ["улица", "ул", "көшесі", "көше", "көш", "к-сі"]),
        (.avenue, ["проспект", "просп", "пр-т", "пр-кт", "пр", "даңғылы", "даңғыл", "даң"]),
        (.microdistrict, [
            "микрорайон", "мкр", "мкрн", "мкр-н", "м-н",
            "шағын ауданы", "шағын аудан", "ш.а", "ш/а", "ықшам ауданы", "ықшам аудан",
        ]),
        (.lane, ["переулок", "пер", "тұйық көше", "тұйық көшесі"]),
        (.boulevard, ["бульвар", "бульв", "бул", "б-р", "бульвары"]),
        (.highway, ["шоссе", "тас жолы", "тас жол"]),
        (.passage, ["проезд", "пр-д", "өткел", "өткелі"]),
        (.deadEnd, ["тупик", "туп", "тұйығы", "тұйық"]),
        (.square, ["площадь", "пл", "алаңы"]),
        (.embankment, ["набережная", "наб", "жағалауы"]),
        (.district, ["жилой массив", "жилмассив", "ж/м", "ж.м", "жм", "массив"]),
        (.other, ["аллея", "аллеясы", "тракт", "квартал"]),
    ]

    private struct Pattern: Sendable {
        let words: [String]
        /// The separator written between each word and the one before it; the first entry is unused.
        let separators: [AddressToken.Separator]
        let type: StreetType
        let mayBeName: Bool
    }

    /// Patterns by their first folded word, longest first.
    private static let patterns: [String: [Pattern]] = {
        var result: [String: [Pattern]] = [:]
        for (type, spellings) in spellings {
            for spelling in spellings {
                let tokens = AddressLexer.lex(spelling).tokens
                let words = tokens.map(\.folded)
                // A single full word other than "улица" may also be a name: "Набережная", "Тупик".
                let mayBeName = words.count == 1 && words[0].count >= 5 && type != .street
                let pattern = Pattern(words: words, separators: tokens.map(\.separatorBefore), type: type, mayBeName: mayBeName)
                result[words[0], default: []].append(pattern)
            }
        }
        return result.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }()

    /// Type words in `tokens`, left to right, without overlaps.
    static func matches(in tokens: [AddressToken]) -> [StreetTypeMatch] {
        var result: [StreetTypeMatch] = []
        var index = 0
        while index < tokens.count {
            if let pattern = longestPattern(at: index, in: tokens) {
                result.append(StreetTypeMatch(tokens: index..<(index + pattern.words.count), type: pattern.type, mayBeName: pattern.mayBeName))
                index += pattern.words.count
            } else {
                index += 1
            }
        }
        return result
    }

    private static func longestPattern(at start: Int, in tokens: [AddressToken]) -> Pattern? {
        guard !tokens[start].isNumber, let candidates = patterns[tokens[start].folded] else {
            return nil
        }
        return candidates.first { pattern in
            guard start + pattern.words.count <= tokens.count else {
                return false
            }
            for offset in pattern.words.indices.dropFirst() {
                let token = tokens[start + offset]
                if token.isNumber || token.folded != pattern.words[offset] {
                    return false
                }
                if !accepts(written: pattern.separators[offset], actual: token.separatorBefore) {
                    return false
                }
            }
            return true
        }
    }

    /// Returns whether the separator in the text fits the one in the spelling: "пр-т" needs the hyphen,
    /// "ш.а" the full stop, and a space between words ("шағын ауданы") also accepts a hyphen.
    private static func accepts(written: AddressToken.Separator, actual: AddressToken.Separator) -> Bool {
        switch written {
        case .space:
            return actual == .space || actual == .hyphen
        default:
            return actual == written
        }
    }
}

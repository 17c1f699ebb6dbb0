import Foundation
import Geometry

/// An in-memory index of a city's streets and addresses for geocoding and autocomplete.
///
/// Street names and queries go through the same normalisation
/// (`StreetName`), so case, ё/е, Kazakh letters, street-type words and
/// Russian genitive forms do not matter. Words are matched exactly, by
/// prefix (the last word while typing) or with up to one typo in words of
/// four or five letters and two in longer ones, found through a
/// symmetric-delete index. Immutable after `init` and safe to share
/// between threads.
public final class GazetteerIndex: Sendable {
    struct StreetEntry: Sendable {
        let display: String
        let kazakh: String?
        let type: StreetType?
        let district: String?
        /// Matching keys of every name, each split into words.
        let keys: [[String]]
        var houses: [HouseNumber: Int]
    }

    struct AddressEntry: Sendable {
        let street: Int
        let house: HouseNumber
        var points: [Position]
    }

    let streets: [StreetEntry]
    let addresses: [AddressEntry]
    /// Word → the streets with a name containing it.
    private let postings: [String: [Int]]
    /// Every distinct word, sorted, for prefix search.
    private let sortedWords: [String]
    /// Deletion variant → words it comes from.
    private let deletions: [String: [String]]

    /// Addresses whose house number could not be read, as written.
    public let unreadableHouses: [String]

    public var streetCount: Int { streets.count }
    public var addressCount: Int { addresses.count }

    public init(streets input: [GazetteerStreet], addresses input2: [GazetteerAddress]) {
        var streets: [StreetEntry] = []
        var byKey: [String: [Int]] = [:]

        func addStreet(names: [String], type: StreetType?, district: String?, kazakh: String?) -> Int {
            let parsed = names.map(StreetName.init)
            let keys = Array(Set(parsed.map(\.key).filter { !$0.isEmpty })).sorted().map { $0.split(separator: " ").map(String.init) }
            let resolvedType = type ?? parsed.compactMap(\.type).first
            streets.append(StreetEntry(display: names.first ?? "", kazakh: kazakh, type: resolvedType, district: district, keys: keys, houses: [:]))
            for key in keys { byKey[key.joined(separator: " "), default: []].append(streets.count - 1) }
            return streets.count - 1
        }

        for street in input where !street.names.isEmpty {
            let type = street.type.flatMap { StreetName($0).type ?? StreetType(rawValue: $0) }
            let kazakh = street.names.count > 1 ? street.names.first { $0.unicodeScalars.contains { "әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars.contains($0) } } : nil
            _ = addStreet(names: street.names, type: type, district: street.district, kazakh: kazakh)
        }

        // Addresses name their street as text: attach each to a street with the same key (and type,
        // when both are known), or to a street made from that text.
        var addresses: [AddressEntry] = []
        var unreadable: [String] = []
        // A city has far fewer distinct street texts than addresses, so each text is parsed once.
        var parsedNames: [String: StreetName] = [:]
        for address in input2 {
            let name: StreetName
            if let cached = parsedNames[address.street] {
                name = cached
            } else {
                name = StreetName(address.street)
                parsedNames[address.street] = name
            }
            guard !name.key.isEmpty, let house = HouseNumber(address.house) else {
                unreadable.append("\(address.street), \(address.house)")
                continue
            }
            let sameKey = byKey[name.key] ?? []
            let compatible = sameKey.filter { name.type == nil || streets[$0].type == nil || streets[$0].type == name.type }
            let street = compatible.count == 1 ? compatible[0]
                : (compatible.first { streets[$0].type == name.type } ?? addStreet(names: [address.street], type: name.type, district: nil, kazakh: nil))
            if let existing = streets[street].houses[house] {
                addresses[existing].points.append(address.location)
            } else {
                streets[street].houses[house] = addresses.count
                addresses.append(AddressEntry(street: street, house: house, points: [address.location]))
            }
        }

        var postings: [String: [Int]] = [:]
        for (index, street) in streets.enumerated() {
            for word in Set(street.keys.joined()) { postings[word, default: []].append(index) }
        }
        var deletions: [String: [String]] = [:]
        for word in postings.keys {
            let scalars = Array(word.unicodeScalars)
            for variant in EditDistance.deletions(of: scalars, count: Self.allowedTypos(scalars.count)) {
                deletions[variant, default: []].append(word)
            }
        }

        self.streets = streets
        self.addresses = addresses
        self.postings = postings
        self.sortedWords = postings.keys.sorted()
        self.deletions = deletions
        self.unreadableHouses = unreadable
    }

    /// Typos tolerated in a word of `length` letters: none up to three letters, one up to five, then two.
    static func allowedTypos(_ length: Int) -> Int {
        length <= 3 ? 0 : (length <= 5 ? 1 : 2)
    }

    // MARK: Word matching

    /// Words of the index that a query word may mean, with a quality from 0 to 1.
    private func matches(for word: String, allowPrefix: Bool) -> [String: Double] {
        var result: [String: Double] = [:]
        if postings[word] != nil { result[word] = 1 }
        let isNumber = word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
        if isNumber { return result }

        let scalars = Array(word.unicodeScalars)
        let typos = Self.allowedTypos(scalars.count)
        if typos > 0 {
            for variant in EditDistance.deletions(of: scalars, count: typos) {
                for candidate in deletions[variant] ?? [] where result[candidate] == nil {
                    if let distance = EditDistance.distance(scalars, Array(candidate.unicodeScalars), limit: typos), distance > 0 {
                        result[candidate] = distance == 1 ? 0.8 : 0.65
                    }
                }
            }
        }
        if allowPrefix && scalars.count >= 2 {
            var low = 0, high = sortedWords.count
            while low < high {
                let middle = (low + high) / 2
                if sortedWords[middle] < word { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < sortedWords.count, sortedWords[index].hasPrefix(word), index - low < 200 {
                let candidate = sortedWords[index]
                if result[candidate] == nil || result[candidate]! < 0.9 { result[candidate] = candidate == word ? 1 : 0.9 }
                index += 1
            }
        }
        return result
    }

    /// Scores every street whose name contains a match for every query word.
    func scoreStreets(_ query: StreetName, allowPrefix: Bool) -> [(street: Int, score: Double)] {
        let words = query.key.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        let wordMatches = words.enumerated().map { position, word in
            matches(for: word, allowPrefix: allowPrefix && position == words.count - 1)
        }

        // Candidates come from the query word with the fewest streets, since every word must match.
        let candidateSets = wordMatches.map { options -> Set<Int> in
            var streets = Set<Int>()
            for word in options.keys { streets.formUnion(postings[word] ?? []) }
            return streets
        }
        guard let smallest = candidateSets.min(by: { $0.count < $1.count }) else { return [] }

        var scored: [(Int, Double)] = []
        for street in smallest {
            var best = 0.0
            for key in streets[street].keys {
                var total = 0.0
                var used = Set<Int>()
                var complete = true
                for options in wordMatches {
                    var bestWord = 0.0
                    var bestPosition = -1
                    for (position, keyWord) in key.enumerated() where !used.contains(position) {
                        if let quality = options[keyWord], quality > bestWord {
                            bestWord = quality
                            bestPosition = position
                        }
                    }
                    guard bestPosition >= 0 else {
                        complete = false
                        break
                    }
                    used.insert(bestPosition)
                    total += bestWord
                }
                guard complete else { continue }
                // A missing word lowers the score a little ("Кабанбай" still finds "Кабанбай батыр"),
                // but a missing number a lot: "Мамыр" is not "Мамыр-1".
                let missing = key.indices.filter { !used.contains($0) }
                let missingNumbers = missing.filter { key[$0].unicodeScalars.allSatisfy { $0.properties.numericType != nil } }.count
                let coverage = Double(key.count - missing.count + missingNumbers) / Double(key.count)
                let numberPenalty = pow(0.7, Double(missingNumbers))
                best = max(best, total / Double(words.count) * (0.85 + 0.15 * coverage) * numberPenalty)
            }
            guard best > 0 else { continue }
            scored.append((street, best))
        }

        // The type word is a hint, not a filter: it lowers streets of another type only when a
        // street of the named type also fits ("пр. Достык" against an avenue and a street Достык).
        if let wanted = query.type {
            let best = scored.map(\.1).max() ?? 0
            let typedFits = scored.contains { streets[$0.0].type == wanted && $0.1 >= best - 0.2 }
            if typedFits {
                scored = scored.map { entry in
                    if let actual = streets[entry.0].type, actual != wanted { return (entry.0, entry.1 * 0.7) }
                    return entry
                }
            }
        }
        return scored
    }

    // MARK: Queries

    /// Streets and addresses the text may mean, best first, at most `limit`.
    ///
    /// With `allowPrefix` the last word of the street may be unfinished
    /// (autocomplete) and a house number matches every house that starts
    /// with it.
    public func search(_ text: String, limit: Int, allowPrefix: Bool = false) -> [AddressCandidate] {
        let query = AddressQuery(text)
        guard let streetName = query.street else { return [] }
        let scored = scoreStreets(streetName, allowPrefix: allowPrefix).sorted { $0.score > $1.score || ($0.score == $1.score && $0.street < $1.street) }

        var candidates: [AddressCandidate] = []
        for (street, score) in scored.prefix(max(limit, 10)) {
            let entry = streets[street]
            if let house = query.house {
                if allowPrefix {
                    // While typing, "12" also offers 12А, 12/1, 12к2 and 120; the exact house first.
                    let typed = house.description
                    let matching = entry.houses.filter { $0.key.description.hasPrefix(typed) }
                        .sorted { ($0.key != house ? 1 : 0, $0.key) < ($1.key != house ? 1 : 0, $1.key) }
                    for (number, address) in matching.prefix(limit) {
                        candidates.append(candidate(street: street, address: address, score: number == house ? score : score * 0.9))
                    }
                    if matching.isEmpty { candidates.append(candidate(street: street, address: nil, score: score * 0.5)) }
                } else if let address = entry.houses[house] {
                    candidates.append(candidate(street: street, address: address, score: score))
                } else {
                    // The street fits but has no such house: offered as a street, well below a found address.
                    candidates.append(candidate(street: street, address: nil, score: score * 0.5))
                }
            } else {
                candidates.append(candidate(street: street, address: nil, score: score))
            }
        }
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && ($0.street, $0.house ?? "") < ($1.street, $1.house ?? "")) }
        return Array(candidates.prefix(limit))
    }

    /// Completions for text being typed: streets by prefix, then houses of the best streets.
    public func autocomplete(_ text: String, limit: Int) -> [AddressCandidate] {
        search(text, limit: limit, allowPrefix: true)
    }

    /// Resolves an address text to one address, or to candidates when it cannot be pinned down.
    ///
    /// An address is found only when it matches street and house with a
    /// score of at least 0.9 and no other address comes within 0.1 of it.
    /// Otherwise the caller gets every candidate to choose from, never a guess.
    public func geocode(_ text: String, limit: Int = 10) -> GeocodeResult {
        let candidates = search(text, limit: limit)
        guard let best = candidates.first else { return .notFound(suggestions: []) }
        let addressMatches = candidates.filter { $0.kind == .address }
        if best.kind == .address, best.score >= 0.9, !addressMatches.dropFirst().contains(where: { $0.score > best.score - 0.1 }) {
            return .found(best)
        }
        if addressMatches.isEmpty && candidates.allSatisfy({ $0.score < 0.5 }) {
            return .notFound(suggestions: candidates)
        }
        return .ambiguous(candidates)
    }

    private func candidate(street: Int, address: Int?, score: Double) -> AddressCandidate {
        let entry = streets[street]
        return AddressCandidate(
            kind: address == nil ? .street : .address,
            street: entry.display, streetKazakh: entry.kazakh, streetType: entry.type, district: entry.district,
            house: address.map { addresses[$0].house.description },
            points: address.map { addresses[$0].points } ?? [],
            score: (score * 1000).rounded() / 1000,
            streetIndex: street)
    }
}

/// The optimal-string-alignment variant of the Damerau–Levenshtein distance over Unicode scalars:
/// insertions, deletions, substitutions and transpositions of neighbours each cost 1.
enum EditDistance {
    /// The distance, or nil as soon as it must exceed `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Returns every string made by deleting up to `count` scalars, the word itself included (symmetric-delete candidates).
    static func deletions(of word: [Unicode.Scalar], count: Int) -> Set<String> {
        var result: Set<String> = [String(String.UnicodeScalarView(word))]
        var frontier: Set<[Unicode.Scalar]> = [word]
        for _ in 0..<count {
            var next: Set<[Unicode.Scalar]> = []
            for candidate in frontier where candidate.count > 1 {
                for index in candidate.indices {
                    var shorter = candidate
                    shorter.remove(at: index)
                    next.insert(shorter)
                }
            }
            for candidate in next { result.insert(String(String.UnicodeScalarView(candidate))) }
            frontier = next
        }
        return result
    }
}

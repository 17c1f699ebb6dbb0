import Foundation

/// One run of letters or one run of digits in address text, as found by ``AddressLexer``.
struct AddressToken: Sendable, Equatable {
    /// The characters between a token and the one before it.
    enum Separator: Sendable, Equatable {
        /// Nothing: letters meet digits inside one word ("2" in "Самал2", "к" in "12к2").
        case joined
        /// White space, the start of the text, or punctuation not listed below.
        case space
        /// Dashes only, with no white space ("Самал-2", "пр-т"). A dash between spaces is `space`.
        case hyphen
        /// A full stop, with or without white space ("ул. Абая", "Д.Кунаева").
        case dot
        /// A slash or backslash ("12/1", "ж/м").
        case slash
        /// A comma or semicolon.
        case comma
    }

    /// The characters as written, without apostrophes and combining marks, with ASCII digits.
    let text: String
    /// The matching form, as ``TextFolding/fold(_:)`` writes it.
    let folded: String
    /// Whether the token is a run of digits rather than of letters.
    let isNumber: Bool
    let separatorBefore: Separator
    /// The token's range in ``LexedText/source``.
    let range: Range<String.Index>
}

/// Address text split into tokens.
struct LexedText: Sendable {
    /// The input in Unicode normalization form C, which the token ranges index.
    let source: String
    let tokens: [AddressToken]
}

/// Splitting of address text into letter and digit tokens, keeping what separated them.
///
/// Words and numbers are runs of letters and digits. Apostrophes, combining marks and
/// format characters (such as the soft hyphen) are skipped without ending a run. A run that
/// mixes letters and digits ("Самал2", "12к2") is split where they meet, with the separator
/// `joined`. Pure and thread-safe.
enum AddressLexer {
    static func lex(_ text: String) -> LexedText {
        let source = text.precomposedStringWithCanonicalMapping
        let scalars = source.unicodeScalars
        var tokens: [AddressToken] = []
        var run: [(scalar: Unicode.Scalar, index: String.Index)] = []
        var separator = SeparatorScan()

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            switch classify(scalar) {
            case .wordPart:
                run.append((scalar, index))
            case .skipped:
                break
            case .separator:
                if !run.isEmpty {
                    appendRun(run, separator: separator.result, in: scalars, to: &tokens)
                    run.removeAll()
                    separator = SeparatorScan()
                }
                separator.add(scalar)
            }
            index = scalars.index(after: index)
        }
        if !run.isEmpty {
            appendRun(run, separator: separator.result, in: scalars, to: &tokens)
        }
        return LexedText(source: source, tokens: tokens)
    }

    private enum ScalarClass {
        case wordPart, skipped, separator
    }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        // Checked first because "ʼ" and "ʻ" are modifier letters.
        if FoldingTables.apostrophes.contains(scalar) {
            return .skipped
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return .wordPart
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return .skipped
        default:
            return .separator
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    /// Converts any decimal digit to its ASCII digit ("٣" → "3").
    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard let value = scalar.properties.numericValue, let ascii = Unicode.Scalar(48 + UInt32(value)) else {
            return scalar
        }
        return ascii
    }

    /// Splits one run where letters meet digits and appends the pieces as tokens.
    private static func appendRun(
        _ run: [(scalar: Unicode.Scalar, index: String.Index)],
        separator: AddressToken.Separator,
        in scalars: String.UnicodeScalarView,
        to tokens: inout [AddressToken]
    ) {
        // Latin lookalikes become Cyrillic only in a word that has Cyrillic letters ("көшесi").
        let hasCyrillic = run.contains { FoldingTables.isCyrillic($0.scalar) }
        var start = 0
        while start < run.count {
            let isNumber = isDigit(run[start].scalar)
            var end = start + 1
            while end < run.count && isDigit(run[end].scalar) == isNumber {
                end += 1
            }

            var text = String.UnicodeScalarView()
            var folded = String.UnicodeScalarView()
            for (scalar, _) in run[start..<end] {
                if isNumber {
                    text.append(asciiDigit(scalar))
                    folded.append(asciiDigit(scalar))
                } else {
                    text.append(scalar)
                    let letter = hasCyrillic ? (FoldingTables.cyrillicLookalikes[scalar] ?? scalar) : scalar
                    FoldingTables.foldLetter(letter, into: &folded)
                }
            }

            let range = run[start].index..<scalars.index(after: run[end - 1].index)
            tokens.append(AddressToken(
                text: String(text),
                folded: String(folded),
                isNumber: isNumber,
                separatorBefore: start == 0 ? separator : .joined,
                range: range))
            start = end
        }
    }
}

/// The class of the separator characters between two runs, strongest first: comma, slash, full stop, then a bare dash.
private struct SeparatorScan {
    private var hasComma = false
    private var hasSlash = false
    private var hasDot = false
    private var hasDash = false
    private var hasOther = false

    mutating func add(_ scalar: Unicode.Scalar) {
        switch scalar {
        case ",", ";":
            hasComma = true
        case "/", "\\":
            hasSlash = true
        case ".":
            hasDot = true
        default:
            if FoldingTables.dashes.contains(scalar) {
                hasDash = true
            } else {
                hasOther = true
            }
        }
    }

    var result: AddressToken.Separator {
        if hasComma { return .comma }
        if hasSlash { return .slash }
        if hasDot { return .dot }
        if hasDash && !hasOther { return .hyphen }
        return .space
    }
}

import Foundation

/// Folding of address text to one matching form, shared by indexing and querying.
///
/// Every function is pure and safe to call from any thread.
public enum TextFolding {
    /// Folds `text` to its matching form.
    ///
    /// The text is lower-cased, "ё" becomes "е", and the Kazakh letters fold to Russian ones:
    /// қ→к, ғ→г, ң→н, ә→а, і→и, ү→у, ұ→у, ө→о, һ→х. Apostrophes (’ ʼ ʻ ` ´ ‘ ') and straight
    /// double quotes are removed without splitting the word. Every other character that is not
    /// a letter or a digit becomes a space, including "-", "–", "—", ".", ",", "/", "№" and
    /// brackets. Runs of spaces collapse to one, and the result is trimmed.
    ///
    /// Latin letters are kept, except in a word that also contains Cyrillic letters: there a
    /// Latin letter shaped like a Cyrillic one ("i" typed for "і", "c" for "с") becomes that
    /// Cyrillic letter. Combining marks such as stress accents are removed, and other decimal
    /// digits become ASCII digits.
    ///
    /// Pass street text only: "12/1" folds to "12 1", so house numbers go to ``HouseNumber``.
    public static func fold(_ text: String) -> String {
        var result = ""
        for token in AddressLexer.lex(text).tokens {
            if !result.isEmpty && token.separatorBefore != .joined {
                result.append(" ")
            }
            result.append(token.folded)
        }
        return result
    }
}

/// Character tables behind ``TextFolding`` and the address lexer.
enum FoldingTables {
    /// Lower-case letters folded for matching: "ё" and the Kazakh letters.
    static let letterFolding: [Unicode.Scalar: Unicode.Scalar] = [
        "ё": "е",
        "қ": "к", "ғ": "г", "ң": "н", "ә": "а", "і": "и",
        "ү": "у", "ұ": "у", "ө": "о", "һ": "х",
    ]

    /// Characters removed without splitting a word: "О’Генри" folds to "огенри".
    static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\"", "`", "\u{00B4}", "\u{2018}", "\u{2019}", "\u{02BC}", "\u{02BB}",
    ]

    /// Hyphens, dashes and minus signs.
    static let dashes: Set<Unicode.Scalar> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
        "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}",
    ]

    /// Latin letters that look the same as a Cyrillic letter, mapped case by case.
    ///
    /// Only shapes that match in common fonts are listed, so lower-case "b", "m", "n" and "t"
    /// are left out. Lower-case "h" and "i" map to the Kazakh "һ" and "і" they look like, and
    /// upper-case "H" maps to the Russian "Н".
    static let cyrillicLookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е",
        "H": "Н", "h": "һ", "I": "І", "i": "і", "K": "К", "k": "к", "M": "М",
        "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х",
        "Y": "У", "y": "у",
    ]

    /// Returns whether the scalar is in the Cyrillic or Cyrillic Supplement block, where the Kazakh letters are.
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value)
    }

    /// Returns whether the scalar is one of the 33 Russian lower-case letters.
    static func isRussianLowercase(_ scalar: Unicode.Scalar) -> Bool {
        (0x0430...0x044F).contains(scalar.value) || scalar == "ё"
    }

    /// Lower-cases one letter, folds it for matching and appends it to `output`.
    /// Combining marks that lower-casing produces are dropped.
    static func foldLetter(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView) {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if isMark(lower) { continue }
            output.append(letterFolding[lower] ?? lower)
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}

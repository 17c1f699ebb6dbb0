extension StreetName {
    /// Reduces one folded word to the form that keys use, so that the Russian genitive of a
    /// name and its nominative meet: "абая" and "абай" → "абай", "иманова" → "иманов",
    /// "батыра" → "батыр", "гоголя" and "гоголь" → "гогол".
    ///
    /// The rules apply only to words of Russian letters (fold Kazakh letters first with
    /// ``TextFolding/fold(_:)``). Words with digits or Latin letters come back unchanged.
    /// Rules are tried in this order, and the first that fits is applied:
    /// 1. a final "ь" is dropped, in a word of any length;
    /// 2. in words of four or more letters, "-ского"/"-цкого" become "-ский"/"-цкий"
    ///    ("брусиловского" → "брусиловский");
    /// 3. "-ая" becomes "-ай" ("абая" → "абай", "кабанбая" → "кабанбай");
    /// 4. a final "я" is dropped ("гоголя" → "гогол");
    /// 5. a final "а" after a consonant is dropped, which covers "-ова", "-ева", "-ина", "-ына"
    ///    and "батыра", "хана", "адмирала".
    ///
    /// The rules repeat until none fits, so the result is stable: reducing it again returns it
    /// unchanged. Each step shortens the word or turns a final "я" into "й", so the loop ends.
    /// Words that are not names are reduced the same way on both sides, which is harmless for
    /// matching: "уральская" becomes "уральскай", "мира" becomes "мир".
    public static func baseForm(of word: String) -> String {
        var letters = Array(word.unicodeScalars)
        guard !letters.isEmpty, letters.allSatisfy(FoldingTables.isRussianLowercase) else {
            return word
        }
        while let reduced = reduceOnce(letters) {
            letters = reduced
        }
        return String(String.UnicodeScalarView(letters))
    }

    /// Russian consonants, without "й", before a final "а" that rule 5 drops.
    private static let consonants = Set("бвгджзклмнпрстфхцчшщ".unicodeScalars)

    /// Applies the first rule that fits, or returns nil when none does.
    private static func reduceOnce(_ letters: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard let last = letters.last else {
            return nil
        }
        if last == "ь" && letters.count >= 2 {
            return Array(letters.dropLast())
        }
        guard letters.count >= 4 else {
            return nil
        }
        if hasSuffix(letters, "ского") || hasSuffix(letters, "цкого") {
            return Array(letters.dropLast(3)) + Array("ий".unicodeScalars)
        }
        let beforeLast = letters[letters.count - 2]
        if last == "я" && beforeLast == "а" {
            return Array(letters.dropLast()) + ["й"]
        }
        if last == "я" {
            return Array(letters.dropLast())
        }
        if last == "а" && consonants.contains(beforeLast) {
            return Array(letters.dropLast())
        }
        return nil
    }

    private static func hasSuffix(_ letters: [Unicode.Scalar], _ suffix: String) -> Bool {
        letters.count >= suffix.unicodeScalars.count && letters.suffix(suffix.unicodeScalars.count).elementsEqual(suffix.unicodeScalars)
    }
}

/// The Russian and Kazakh words of address lists, in the folded form of ``TextFolding/fold(_:)``
/// (lower case, "ё" as "е", Kazakh letters as Russian ones: "жұп" is "жуп", "тақ" is "так").
enum AddressListWords {
    /// Words that only label house numbers and are skipped: "дома №", "сторона", "үйлер", "жағы".
    static let fillers: Set<String> = [
        "д", "дом", "дома", "домов", "номер", "номера", "нумерация", "сторона", "стороны", "сторону",
        "улица", "улицы", "вкл", "включительно", "здания",
        "уй", "уйлер", "уйлери", "жагы", "жагындагы", "номирлер", "номирли", "номирлери",
    ]

    /// Fillers that may open the house part of a street line ("ул. Абая дома 1–25").
    static let houseOpeners: Set<String> = ["д", "дом", "дома", "домов", "номера", "уй", "уйлер", "уйлери"]

    /// Words for "every house of the street": "все дома", "полностью", "барлық үйлер", "толық".
    static let everyHouse: Set<String> = [
        "все", "весь", "вся", "полностью", "целиком", "барлык", "толык", "толыгымен", "тутас",
    ]

    /// "с 10 по 20", "от 10 до 20".
    static let rangeStarts: Set<String> = ["с", "со", "от"]
    static let rangeEnds: Set<String> = ["по", "до"]
    /// "1 и 3", "1 және 3".
    static let conjunctions: Set<String> = ["и", "жане", "мен"]

    /// Kazakh ablative endings after a number: "2-ден" is "from 2".
    static let ablativeEndings: Set<String> = ["ден", "дан", "тен", "тан", "нен", "нан"]
    /// Kazakh dative endings after a number: "40-қа дейін" is "up to 40".
    static let dativeEndings: Set<String> = ["ге", "га", "ке", "ка", "не", "на"]
    /// "дейін", "шейін": "up to", after the end of a Kazakh range.
    static let upTo: Set<String> = ["дейин", "шейин"]
    /// "бастап": "starting from", after the start of a Kazakh range.
    static let startingFrom = "бастап"

    /// Phrases after a house number that make the range open: "44 и далее", "44 до конца",
    /// "44-тен бастап аяғына дейін", "44 және одан әрі". Longest first, so the longest matches.
    static let openEndings: [[String]] = [
        ["бастап", "аягына", "дейин"], ["бастап", "сонына", "дейин"], ["жане", "одан", "ари"], ["жане", "ари", "карай"],
        ["и", "до", "конца"], ["и", "так", "далее"], ["и", "т", "д"],
        ["и", "далее"], ["и", "дальше"], ["и", "выше"], ["и", "последующие"], ["до", "конца"], ["до", "последнего"],
        ["аягына", "дейин"], ["сонына", "дейин"], ["одан", "ари"], ["ари", "карай"],
        ["далее"], ["дальше"], ["выше"],
    ]

    /// Words of exclusions ("1–25, кроме 7", "7-ден басқа"), which address lists here do not support.
    static let exclusions: Set<String> = ["кроме", "исключением", "исключая", "баска", "except"]

    /// Returns whether the word belongs to house lists and so cannot start a street name.
    static func isHouseWord(_ word: String) -> Bool {
        fillers.contains(word) || everyHouse.contains(word) || rangeStarts.contains(word) || rangeEnds.contains(word)
            || conjunctions.contains(word) || parity(of: word) != nil
    }

    /// Returns the side of the street that the word names: "нечётные", "неч.", "тақ" are odd,
    /// "чётная", "чёт.", "жұп" are even; nil for any other word.
    static func parity(of word: String) -> HouseParity? {
        if word.hasPrefix("нечет") || word == "неч" || word == "так" {
            return .odd
        }
        if word.hasPrefix("четн") || word == "чет" || word == "жуп" {
            return .even
        }
        return nil
    }

    /// Words of school headings: "школа", "гимназия", "лицей", "мектеп", "СОШ" and their forms.
    static let schoolKinds: Set<String> = [
        "школа", "школы", "школе", "школу", "гимназия", "гимназии", "прогимназия", "лицей", "лицея",
        "мектеп", "мектеби", "мектебинин", "гимназиясы", "лицейи", "сош", "осш", "сш", "оош",
    ]

    /// Words that open a language line before its colon: "язык", "язык обучения", "оқыту тілі", "language".
    static let languageLabels: Set<String> = [
        "язык", "языки", "язык обучения", "языки обучения", "окыту тили", "оку тили", "тили", "тилдери",
        "language", "languages",
    ]

    /// Words of a language line that name no language and are skipped: "казахский язык обучения".
    static let languageFillers: Set<String> = [
        "и", "жане", "язык", "языки", "языком", "языке", "обучения", "тили", "тилинде", "тилде", "оку", "окыту",
    ]

    /// Folded word beginnings of language names, with their codes.
    private static let languagePrefixes: [(code: String, prefixes: [String])] = [
        ("kk", ["казах", "казак", "каз", "kazakh"]),
        ("ru", ["рус", "орыс", "russian"]),
        ("en", ["англ", "агылшын", "english"]),
        ("ug", ["уйгур", "уйгыр", "uighur", "uyghur"]),
        ("uz", ["узбек", "озбек", "uzbek"]),
        ("tg", ["таджик", "тажик", "tajik"]),
    ]

    /// Returns the language code that a folded word names ("казахский", "қазақ", "kk"), or nil.
    static func languageCode(of word: String) -> String? {
        for (code, prefixes) in languagePrefixes {
            if word == code || prefixes.contains(where: { word.hasPrefix($0) }) {
                return code
            }
        }
        return nil
    }
}

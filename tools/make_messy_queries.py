#!/usr/bin/env python3
"""Write address search queries typed the way parents type them, with the expected result.

Reads streets.csv (name_ru,name_kk,type,district,aliases) and addresses.csv
(street,house,lat,lon) as written by tools/make_demo_city.py, picks addresses at
random and rewrites each one as a messy query. The output is the QUERIES.tsv of
`sakura-bench gazetteer`: one line per query,
"text<TAB>street as in addresses.csv<TAB>house as written there".

Each query combines one to three of these forms:
  type       street type word dropped, abbreviated ("ул.", "пр-т", "мкрн"), moved after
             the name, or written in Kazakh after it ("көшесі", "даңғылы")
  kk         the Kazakh name from name_kk in place of the Russian one
  nominative the Russian genitive turned nominative ("Абая" to "Абай"), from the Kazakh
             name's base word or by changing the ending
  yo         "ё" written as "е"
  case       all lower case or all upper case
  dom        "д." or "дом" before the house number
  flat       ", кв. N" after the house number
  house      another spelling of the letter, building or structure ("12 А", "12-а",
             "12a" with a Latin a, "12к2", "12 корп. 2")
On top of these, independently: a one-letter typo in about 15 % of queries and a
two-letter typo in about 5 % (swap of neighbour letters, a wrong letter from the
keyboard neighbours or a missing letter, in a street name word of four letters or more,
so those queries are drawn from streets with such a word), a missing word of a
multi-word name in about 5 %, and a former name from `aliases` in about 3 %.

The same arguments give the same output. Python 3 standard library only.
"""

import argparse
import collections
import csv
import random
import re
import sys

# Abbreviations and Kazakh type words by the `type` column of streets.csv. An empty
# list means that no common abbreviation exists for that type.
ABBREVIATIONS = {
    "улица": ["ул.", "ул"],
    "проспект": ["пр.", "пр-т", "просп."],
    "микрорайон": ["мкр.", "мкрн", "м-н", "мкр"],
    "переулок": ["пер.", "пер"],
    "бульвар": ["б-р", "бул."],
    "проезд": ["пр-д"],
    "тупик": ["туп."],
    "площадь": ["пл."],
    "шоссе": [],
}
KAZAKH_TYPE_WORDS = {
    "улица": "көшесі",
    "проспект": "даңғылы",
    "микрорайон": "шағын ауданы",
    "переулок": "тұйық көшесі",
    "бульвар": "бульвары",
    "проезд": "өткелі",
    "тупик": "тұйығы",
    "площадь": "алаңы",
    "шоссе": "тас жолы",
}

# Letters next to each other on the Russian ЙЦУКЕН keyboard, for "wrong letter" typos.
KEYBOARD_ROWS = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"]
# Kazakh letters and the Russian letters that people type in their place.
KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")
# Latin letters that look like the Russian house letters, as typed on a Latin keyboard.
LATIN_LOOKALIKES = {"А": ["a", "A"], "В": ["B"], "Е": ["e", "E"], "К": ["k", "K"]}

# Titles after or before a personal name, folded by fold_kazakh: "Кабанбай батыра",
# "Толе би", "Биржана сала", "Бухар жырау", "Хан Тенгри".
TITLE_WORDS = {"батыр", "батыра", "хан", "хана", "би", "сал", "сала", "сери", "серэ", "жырау", "ата", "апа"}

# Weights of the forms when one to three of them are drawn for a query.
FORM_WEIGHTS = {
    "type": 4.0,
    "kk": 2.0,
    "nominative": 1.5,
    "yo": 1.0,
    "case": 2.0,
    "dom": 1.5,
    "flat": 1.5,
    "house": 2.0,
}
FORM_COUNT_WEIGHTS = {1: 0.35, 2: 0.40, 3: 0.25}
ONE_TYPO_RATE = 0.15
TWO_TYPO_RATE = 0.05
MISSING_WORD_RATE = 0.05
ALIAS_RATE = 0.03

HOUSE_PATTERN = re.compile(
    r"^(?P<number>\d+)"
    r"(?:\s*литера\s*(?P<literal>[А-ЯЁа-яё])|(?P<letter>[А-ЯЁа-яё])(?![А-ЯЁа-яё.]))?"
    r"(?:/(?P<fraction>\d+))?"
    r"(?:\s*(?:корп\.|к)\s*(?P<building>\d+))?"
    r"(?:\s*(?:стр\.|с)\s*(?P<structure>\d+))?$"
)


def fold_kazakh(text):
    return text.lower().translate(KAZAKH_TO_RUSSIAN).replace("ё", "е")


def letter_count(word):
    return sum(char.isalpha() for char in word)


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


class Street:
    """One row of streets.csv with its names split into type word and name words."""

    def __init__(self, row):
        self.name_ru = row["name_ru"]
        self.type = row["type"]
        self.ru_words = self.strip_leading_type(self.name_ru)
        self.kk_words = self.strip_kazakh_type(row["name_kk"])
        self.aliases = [self.strip_leading_type(alias) for alias in row["aliases"].split(";") if alias.strip()]

    def strip_leading_type(self, name):
        words = name.split()
        if len(words) > 1 and words[0] == self.type:
            return words[1:]
        return words

    def strip_kazakh_type(self, name):
        words = name.split()
        suffix = KAZAKH_TYPE_WORDS.get(self.type, "").split()
        if suffix and len(words) > len(suffix) and words[-len(suffix):] == suffix:
            return words[:-len(suffix)]
        return words

    def nominative_forms(self):
        """Return nominative spellings of the Russian name, or [] when it is not a genitive.

        The ending rule is trusted only when its result is within two letters of the Kazakh
        base name and closer to it than the Russian name is. This separates genitives of
        proper names ("Абая", Kazakh "Абай") from nominatives ("Орбита", Kazakh "Орбита"),
        adjectives and translations ("Берёзовая", Kazakh "Қайыңды"). The second form is the
        Kazakh base name itself ("Қонаев" for "Кунаева").
        """
        kazakh = fold_kazakh(" ".join(self.kk_words))
        russian = " ".join(self.ru_words)
        by_ending = " ".join(nominative_word(word) for word in self.ru_words)
        distance = edit_distance(fold_kazakh(by_ending), kazakh)
        if by_ending == russian or distance > 2 or distance >= edit_distance(fold_kazakh(russian), kazakh):
            return []
        return [by_ending, " ".join(self.kk_words)]


def nominative_word(word):
    """Return the nominative of a genitive name word by its ending ("Абая" to "Абай")."""
    lower = word.lower()
    if lower.endswith("ая") and len(word) > 3:
        return word[:-1] + "й"
    if lower.endswith(("ова", "ева", "ёва", "ина", "ына")) or (lower.endswith("а") and len(word) > 3 and lower[-2] not in "аеёиоуыэюяь"):
        return word[:-1]
    if lower.endswith("ы") and len(word) > 3 and lower[-2] not in "аеёиоуыэюя":
        return word[:-1] + "а"
    return word


def parse_house(text):
    match = HOUSE_PATTERN.match(text.strip())
    if not match:
        return None
    parts = match.groupdict()
    letter = parts["literal"] or parts["letter"]
    return {
        "number": parts["number"],
        "letter": letter,
        "literal": parts["literal"] is not None,
        "fraction": parts["fraction"],
        "building": parts["building"],
        "structure": parts["structure"],
    }


def respell_house(text, rng):
    """Return another common spelling of the house number, or None when it has no letter,
    building or structure to spell differently."""
    house = parse_house(text)
    if house is None or not (house["letter"] or house["building"] or house["structure"]):
        return None
    for _ in range(10):
        result = house["number"]
        if house["letter"]:
            letter = house["letter"]
            style = rng.choice(["joined", "space", "hyphen", "latin", "literal"])
            if style == "latin" and letter.upper() not in LATIN_LOOKALIKES:
                style = "joined"
            if style == "joined":
                result += rng.choice([letter.lower(), letter.upper()])
            elif style == "space":
                result += " " + rng.choice([letter.lower(), letter.upper()])
            elif style == "hyphen":
                result += "-" + rng.choice([letter.lower(), letter.upper()])
            elif style == "latin":
                result += rng.choice(LATIN_LOOKALIKES[letter.upper()])
            else:
                result += " " + rng.choice(["лит. ", "литера "]) + letter.upper()
        if house["fraction"]:
            result += "/" + house["fraction"]
        if house["building"]:
            result += rng.choice(["к", " к ", " к.", " корп. ", " корпус "]) + house["building"]
        if house["structure"]:
            result += rng.choice(["с", " стр. ", " строение "]) + house["structure"]
        if result != text:
            return result
    return None


def keyboard_neighbours(char):
    """Return the letters left and right of the key on the Russian keyboard.

    A Kazakh letter counts as its Russian lookalike ("қ" as "к"), because typing the lookalike
    itself is a common spelling and not a typo.
    """
    lower = char.lower().translate(KAZAKH_TO_RUSSIAN)
    for row in KEYBOARD_ROWS:
        position = row.find(lower)
        if position >= 0:
            return [row[i] for i in (position - 1, position + 1) if 0 <= i < len(row)]
    return list("аеиоу")


def add_typo(words, rng):
    """Change one letter of a random name word of four letters or more, in place.

    Returns False when no word is long enough.
    """
    candidates = [i for i, word in enumerate(words) if letter_count(word) >= 4]
    if not candidates:
        return False
    index = rng.choice(candidates)
    chars = list(words[index])
    letters = [i for i, char in enumerate(chars) if char.isalpha()]
    kind = rng.choice(["swap", "wrong", "missing"])
    if kind == "swap":
        pairs = [i for i in letters[:-1] if chars[i + 1].isalpha() and chars[i].lower() != chars[i + 1].lower()]
        if pairs:
            i = rng.choice(pairs)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            kind = "missing"
    if kind == "wrong":
        i = rng.choice(letters)
        replacement = rng.choice(keyboard_neighbours(chars[i]))
        chars[i] = replacement.upper() if chars[i].isupper() else replacement
    if kind == "missing":
        del chars[rng.choice(letters)]
    words[index] = "".join(chars)
    return True


def read_csv(path, columns):
    with open(path, encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            sys.exit(f"make_messy_queries: {path}: missing column(s) {', '.join(missing)}; expected {','.join(columns)}")
        return list(reader)


class QueryWriter:
    """Draws addresses and their messy spellings from one seeded random generator."""

    def __init__(self, streets, addresses, rng):
        self.streets = streets
        self.addresses = addresses
        self.rng = rng
        self.multi_word = [a for a in addresses if len(streets[a["street"]].ru_words) > 1]
        self.with_alias = [a for a in addresses if streets[a["street"]].aliases]
        # Coded names such as "Т-51" have no word to misspell without changing the street.
        self.typo_able = [a for a in addresses if any(letter_count(word) >= 4 for word in streets[a["street"]].ru_words)]

    def draw(self):
        """Return (text, street, house, forms, number of forms other than typos and missing words)
        for one random address."""
        rng = self.rng
        roll = rng.random()
        missing_word = roll < MISSING_WORD_RATE and self.multi_word
        alias = not missing_word and roll < MISSING_WORD_RATE + ALIAS_RATE and self.with_alias
        typo_roll = rng.random()
        typos = 0
        if typo_roll < TWO_TYPO_RATE:
            typos = 2
        elif typo_roll < TWO_TYPO_RATE + ONE_TYPO_RATE:
            typos = 1
        if missing_word:
            pool = self.multi_word
        elif alias:
            pool = self.with_alias
        elif typos and self.typo_able:
            pool = self.typo_able
        else:
            pool = self.addresses
        address = rng.choice(pool)
        street = self.streets[address["street"]]
        house_text = address["house"]

        forms = ["alias"] if alias else []
        words = list(rng.choice(street.aliases)) if alias else list(street.ru_words)
        nominatives = street.nominative_forms()
        respelled = respell_house(house_text, rng)
        applicable = {
            "type": True,
            "kk": not alias and bool(street.kk_words) and street.kk_words != street.ru_words,
            "nominative": not alias and bool(nominatives),
            "yo": "ё" in " ".join(words).lower(),
            "case": True,
            "dom": True,
            "flat": True,
            "house": respelled is not None,
        }
        remaining = rng.choices(list(FORM_COUNT_WEIGHTS), weights=list(FORM_COUNT_WEIGHTS.values()))[0] - len(forms)
        while remaining > 0:
            choices = [form for form, ok in applicable.items() if ok and form not in forms]
            if not choices:
                break
            form = rng.choices(choices, weights=[FORM_WEIGHTS[form] for form in choices])[0]
            forms.append(form)
            if form == "kk":
                applicable["nominative"] = False
            if form == "nominative":
                applicable["kk"] = False
            remaining -= 1

        kazakh = "kk" in forms
        if kazakh:
            words = list(street.kk_words)
        if "nominative" in forms:
            words = rng.choice(nominatives).split()
        if "yo" in forms:
            if "ё" in " ".join(words).lower():
                words = [word.replace("ё", "е").replace("Ё", "Е") for word in words]
            else:
                forms.remove("yo")
        base_form_count = len(forms)
        if missing_word:
            # Drop a title ("батыра", "би", "Хан" in "Хан Тенгри") when the name has one, and
            # otherwise any word that leaves a word of four letters or more ("Мустафы").
            droppable = [i for i, word in enumerate(words) if fold_kazakh(word) in TITLE_WORDS]
            if not droppable or len(droppable) == len(words):
                droppable = [i for i in range(len(words)) if any(letter_count(word) >= 4 for j, word in enumerate(words) if j != i)]
            if droppable:
                del words[rng.choice(droppable)]
                forms.append("missing-word")
        typo_count = sum(add_typo(words, rng) for _ in range(typos))
        if typo_count:
            forms.append(f"typo-{typo_count}")

        name = " ".join(words)
        text = self.place_type(name, street.type, kazakh, "type" in forms)
        if "case" in forms:
            text = text.upper() if rng.random() < 0.3 else text.lower()

        house = respelled if "house" in forms else house_text
        if "dom" in forms:
            house = rng.choice(["д. ", "д.", "дом ", "Д. "]) + house
        if "flat" in forms:
            house += rng.choice([", кв. ", " кв. ", " кв ", ", кв."]) + str(rng.randint(1, 240))
        text += rng.choice([", ", " ", ","]) + house
        return text, address["street"], house_text, forms, base_form_count

    def place_type(self, name, street_type, kazakh, changed):
        """Put the street type word in its written place, or change where and how it is written."""
        rng = self.rng
        kazakh_word = KAZAKH_TYPE_WORDS.get(street_type, "")
        if not changed:
            return f"{name} {kazakh_word}" if kazakh and kazakh_word else f"{street_type} {name}"
        abbreviations = ABBREVIATIONS.get(street_type, [])
        styles = ["dropped", "full-after"]
        if abbreviations:
            styles += ["abbreviated-before", "abbreviated-before", "abbreviated-after"]
        if kazakh:
            styles = ["dropped", "abbreviated-before"] if abbreviations else ["dropped"]
        elif kazakh_word:
            styles.append("kazakh-after")
        style = rng.choice(styles)
        if style == "dropped":
            return name
        if style == "full-after":
            return f"{name} {street_type}"
        if style == "kazakh-after":
            return f"{name} {kazakh_word}"
        abbreviation = rng.choice(abbreviations)
        if style == "abbreviated-after":
            return f"{name} {abbreviation}"
        return f"{abbreviation} {name}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streets", required=True, help="streets.csv written by tools/make_demo_city.py")
    parser.add_argument("--addresses", required=True, help="addresses.csv written by tools/make_demo_city.py")
    parser.add_argument("--count", type=int, default=1000, help="number of queries (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (integer; default 7)")
    parser.add_argument("--out", required=True, help="output QUERIES.tsv, replaced if it exists")
    parser.add_argument("--forms-out", help="optional file with the forms of each query, one line per query in the same order")
    args = parser.parse_args()
    if args.count < 1:
        parser.error(f"--count must be at least 1, got {args.count}")

    streets = {row["name_ru"]: Street(row) for row in read_csv(args.streets, ["name_ru", "name_kk", "type", "district", "aliases"])}
    addresses = read_csv(args.addresses, ["street", "house", "lat", "lon"])
    unknown = sorted({a["street"] for a in addresses} - streets.keys())
    if unknown:
        sys.exit(f"make_messy_queries: {args.addresses}: {len(unknown)} street(s) not in {args.streets}, such as {unknown[0]!r}")
    if not addresses:
        sys.exit(f"make_messy_queries: {args.addresses}: no address rows")

    writer = QueryWriter(streets, addresses, random.Random(args.seed))
    form_counts = collections.Counter()
    forms_per_query = collections.Counter()
    lines, form_lines = [], []
    for _ in range(args.count):
        text, street, house, forms, base_form_count = writer.draw()
        lines.append(f"{text}\t{street}\t{house}\n")
        form_lines.append(",".join(forms) + "\n")
        form_counts.update(forms)
        forms_per_query[base_form_count] += 1

    with open(args.out, "w", encoding="utf-8") as file:
        file.writelines(lines)
    if args.forms_out:
        with open(args.forms_out, "w", encoding="utf-8") as file:
            file.writelines(form_lines)

    print(f"wrote {args.count} queries to {args.out} (seed {args.seed}, {len(addresses)} addresses, {len(streets)} streets)")
    print("forms per query: " + ", ".join(f"{n}: {forms_per_query[n]}" for n in sorted(forms_per_query)))
    print("queries by form: " + ", ".join(f"{form} {count}" for form, count in form_counts.most_common()))


if __name__ == "__main__":
    main()

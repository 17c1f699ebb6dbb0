#!/usr/bin/env python3
"""Write a published-style address list (school micro-districts) for a generated demo city.

The list is derived from the city's own files, as written by tools/make_demo_city.py:
addresses.csv, streets.csv, schools.geojson and catchments.geojson. A house belongs to a
school for a language when the school's kk or ru catchment contains the house's point (the
first one, for an address with several buildings). A house exactly on the edge between two
catchments belongs to neither and is left out.

For each chosen school and each of its languages with a catchment (kk, ru) the list has a
section in the format that `sakura` reads (see AddressList in Sources/Gazetteer):

    1. КГУ «Общеобразовательная школа №150»
    язык: русский
    ул. Момышулы, 1–25 (нечётные), 2–40 (чётные)
    пр. Абая, нечётная сторона с 3 по 17
    мкр. Самал-2 (все дома)

Russian sections use Russian street names and words; Kazakh sections use the Kazakh names
("Момышұлы көшесі, 1–25 (тақ)", "барлық үйлер", "жұп жағы"). Every line claims exactly
the houses of the street inside the catchment: whole streets, whole sides, ranges of one
side, open ranges ("44 и далее") and single houses.

Everything is invented demo data. The output is the same for the same input files.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import defaultdict

DEFAULT_CITY = "geodata/demo"
DEFAULT_YEAR = "2025-2026"
DEFAULT_SCHOOLS = 4
LANGUAGES = ("kk", "ru")
GENERATOR_PATH = "tools/make_address_lists.py"
E7 = 10**7

RUSSIAN_ABBREVIATIONS = (
    ("улица ", "ул. "),
    ("проспект ", "пр. "),
    ("микрорайон ", "мкр. "),
    ("переулок ", "пер. "),
    ("бульвар ", "бул. "),
)

WORDS = {
    "ru": {
        "all": "все дома",
        "side": {True: "нечётная сторона", False: "чётная сторона"},
        "label": {True: "нечётные", False: "чётные"},
        "open": "и далее",
        "range": "дома {first}–{last}",
        "language": "язык: русский",
    },
    "kk": {
        "all": "барлық үйлер",
        "side": {True: "тақ жағы", False: "жұп жағы"},
        "label": {True: "тақ", False: "жұп"},
        "open": "және одан әрі",
        "range": "{first}–{last} үйлер",
        "language": "оқыту тілі: қазақ",
    },
}


class ListError(Exception):
    """Failure that stops the tool, reported on stderr."""


def to_e7(text):
    """Return a coordinate with at most 7 decimals as an exact integer in 1e-7 degrees."""
    return round(float(text) * E7)


def read_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except OSError as error:
        raise ListError(f"cannot read {path}: {error.strerror}. Generate the city with tools/make_demo_city.py")
    except json.JSONDecodeError as error:
        raise ListError(f"{path} is not valid JSON: {error}")


def read_csv(path, columns):
    try:
        with open(path, encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        raise ListError(f"cannot read {path}: {error.strerror}. Generate the city with tools/make_demo_city.py")
    if rows and any(column not in rows[0] for column in columns):
        raise ListError(f"{path} lacks one of the columns {', '.join(columns)}")
    return rows


def locate(ring, point):
    """Return 1 when the integer point is inside the closed integer ring, 0 on its edge, -1 outside."""
    px, py = point
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
        if cross == 0 and min(ax, bx) <= px <= max(ax, bx) and min(ay, by) <= py <= max(ay, by):
            return 0
        if (ay > py) != (by > py):
            # The ray to +x crosses the edge when the point is left of it, going upwards.
            if (cross > 0) == (by > ay):
                inside = not inside
    return 1 if inside else -1


def house_number(house):
    match = re.match(r"\d+", house)
    if not match:
        raise ListError(f"house number {house!r} does not start with a number")
    return int(match.group())


def load_city(city_dir):
    schools = read_json(os.path.join(city_dir, "schools.geojson"))["features"]
    catchments = read_json(os.path.join(city_dir, "catchments.geojson"))["features"]
    streets = {
        row["name_ru"]: row
        for row in read_csv(os.path.join(city_dir, "streets.csv"), ("name_ru", "name_kk", "type"))
    }
    addresses = read_csv(os.path.join(city_dir, "addresses.csv"), ("street", "house", "lat", "lon"))

    rings = {}
    for feature in catchments:
        properties = feature["properties"]
        if feature["geometry"]["type"] != "Polygon":
            raise ListError(f"catchment {properties.get('key')} is not a Polygon")
        ring = [(to_e7(x), to_e7(y)) for x, y in feature["geometry"]["coordinates"][0]]
        rings[(properties["school"], properties["language"])] = ring
    return schools, rings, streets, addresses


def choose_schools(schools, count):
    """Return `count` schools nearest to the middle of all schools (neighbours), or all when count is None."""
    if count is None:
        return sorted(schools, key=lambda school: school["properties"]["id"])
    points = [(to_e7(f["geometry"]["coordinates"][0]), to_e7(f["geometry"]["coordinates"][1])) for f in schools]
    middle_x = sum(x for x, _ in points) // len(points)
    middle_y = sum(y for _, y in points) // len(points)
    nearest = sorted(
        zip(schools, points),
        key=lambda pair: ((pair[1][0] - middle_x) ** 2 + (pair[1][1] - middle_y) ** 2, pair[0]["properties"]["id"]),
    )
    return sorted((school for school, _ in nearest[:count]), key=lambda school: school["properties"]["id"])


def owned_houses(ring, points):
    """Return the indices of the points (index to integer point) strictly inside the ring."""
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    box = (min(xs), min(ys), max(xs), max(ys))
    owned = set()
    for index, (x, y) in points.items():
        if box[0] <= x <= box[2] and box[1] <= y <= box[3] and locate(ring, (x, y)) == 1:
            owned.add(index)
    return owned


def describe_houses(houses, owned, words, variant):
    """Return the house part of a street line claiming exactly the owned houses of the street.

    `houses` are (index, house text) pairs of one street; `variant` picks between equivalent
    wordings of a range so the list shows several.
    """
    if all(index in owned for index, _ in houses):
        return [words["all"]]

    # Owned houses that are exactly every house numbered from one number to another: one range of both sides.
    owned_numbers = sorted({house_number(house) for index, house in houses if index in owned})
    first, last = owned_numbers[0], owned_numbers[-1]
    in_span = [index for index, house in houses if first <= house_number(house) <= last]
    owned_here = [index for index, _ in houses if index in owned]
    if len(owned_numbers) > 1 and all(index in owned for index in in_span) and len(in_span) == len(owned_here):
        return [words["range"].format(first=first, last=last)]

    parts = []
    for odd in (True, False):
        side = [(index, house) for index, house in houses if (house_number(house) % 2 == 1) == odd]
        if not any(index in owned for index, _ in side):
            continue
        if all(index in owned for index, _ in side):
            parts.append(words["side"][odd])
            continue

        groups = defaultdict(list)
        for index, house in side:
            groups[house_number(house)].append((index, house))
        numbers = sorted(groups)
        run = []

        def flush(reaches_end):
            if len(run) == 1:
                parts.extend(house for _, house in groups[run[0]])
            elif run and reaches_end:
                parts.append(f"{run[0]} {words['open']} ({words['label'][odd]})")
            elif run and variant % 2 == 1 and words is WORDS["ru"]:
                parts.append(f"{words['side'][odd]} с {run[0]} по {run[-1]}")
            elif run:
                parts.append(f"{run[0]}–{run[-1]} ({words['label'][odd]})")
            run.clear()

        for number in numbers:
            group = groups[number]
            if all(index in owned for index, _ in group):
                run.append(number)
            else:
                flush(False)
                parts.extend(house for index, house in group if index in owned)
        flush(True)
    return parts


def street_display(street, language):
    if language == "kk" and street["name_kk"]:
        return street["name_kk"]
    name = street["name_ru"]
    for long, short in RUSSIAN_ABBREVIATIONS:
        if name.startswith(long):
            return short + name[len(long):]
    return name


def school_heading(number, properties, language):
    if language == "kk":
        return f"{number}. «{properties['name_kk']}» КММ"
    return f"{number}. КГУ «{properties['name_ru']}»"


def build_list(city_dir, year, count):
    schools, rings, streets, address_rows = load_city(city_dir)
    # An address with several buildings (rows) belongs where its first building stands, so
    # each address is listed once and for one school per language.
    points = [(to_e7(row["lon"]), to_e7(row["lat"])) for row in address_rows]
    first_rows = {}
    houses_by_street = defaultdict(list)
    for index, row in enumerate(address_rows):
        key = (row["street"], row["house"])
        if key not in first_rows:
            first_rows[key] = index
            houses_by_street[row["street"]].append((index, row["house"]))
    first_points = {index: points[index] for index in first_rows.values()}

    lines = [
        f"# Микроучастки общеобразовательных школ Демо-города на {year.replace('-', '–')} учебный год",
        f"# Создано {GENERATOR_PATH} из {city_dir}: вымышленные данные, не реальный город.",
        "",
    ]
    section = 0
    line_count = 0
    for school in choose_schools(schools, count):
        properties = school["properties"]
        for language in LANGUAGES:
            ring = rings.get((properties["id"], language))
            if ring is None:
                continue
            owned = owned_houses(ring, first_points)
            if not owned:
                continue
            section += 1
            words = WORDS[language]
            lines.append(school_heading(section, properties, language))
            lines.append(words["language"])
            owned_streets = sorted({address_rows[index]["street"] for index in owned})
            for variant, name in enumerate(owned_streets):
                if name not in streets:
                    raise ListError(f"street {name!r} of addresses.csv is missing from streets.csv")
                parts = describe_houses(houses_by_street[name], owned, words, variant)
                lines.append(f"{street_display(streets[name], language)}, {', '.join(parts)}")
                line_count += 1
            lines.append("")
    return "\n".join(lines), section, line_count


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=(
            "Write a published-style address list of school micro-districts for a demo city made by "
            "tools/make_demo_city.py. All output is invented demo data."
        ),
    )
    parser.add_argument("--city", default=DEFAULT_CITY, metavar="DIR",
                        help=f"folder with the generated city files (default {DEFAULT_CITY})")
    parser.add_argument("--year", default=DEFAULT_YEAR, metavar="YYYY-YYYY",
                        help=f"school year in the file name and title (default {DEFAULT_YEAR})")
    parser.add_argument("--schools", default=str(DEFAULT_SCHOOLS), metavar="N|all",
                        help=(f"number of schools nearest to the middle of the city, or 'all' (default {DEFAULT_SCHOOLS}); "
                              "each gets one section per language with a catchment"))
    parser.add_argument("--out", metavar="FILE",
                        help="output file (default DIR/address-lists/YEAR.txt; the folder is created)")
    arguments = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}-\d{4}", arguments.year):
        parser.error(f"invalid --year {arguments.year!r}: use two years joined by a hyphen, for example 2025-2026")
    if arguments.schools == "all":
        arguments.schools = None
    elif arguments.schools.isdigit() and int(arguments.schools) > 0:
        arguments.schools = int(arguments.schools)
    else:
        parser.error(f"invalid --schools {arguments.schools!r}: use a positive whole number or 'all'")
    return arguments


def main(argv=None):
    arguments = parse_arguments(argv)
    out = arguments.out or os.path.join(arguments.city, "address-lists", f"{arguments.year}.txt")
    try:
        text, sections, lines = build_list(arguments.city, arguments.year, arguments.schools)
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except ListError as error:
        print(f"make_address_lists: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"make_address_lists: error: writing {out} failed: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {sections} sections, {lines} street lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

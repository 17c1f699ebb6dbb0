#!/usr/bin/env python3
"""Generate demo people for the embedded population register of the demo city.

Writes two CSV files that `sakura` imports with the demo city:

- people.csv: iin, surname, given_name, patronymic, birth_date, sex,
  citizenship, phone (the mobile number on record, empty for children);
- people_links.csv: parent_iin, child_iin, relation (parent or guardian).

Every person is invented. IINs follow the Kazakh rules: the birth date as
YYMMDD, a century-and-sex digit (3/4 for the 1900s, 5/6 for the 2000s, odd
for male), four serial digits and the check digit of the two-pass weighted
sum; serials whose checksum has no digit are skipped. The first family is
fixed so the README can name its IINs and phones. The same options give
byte-identical files.
"""

import argparse
import csv
import os
import random
from datetime import date, timedelta

DEFAULT_FAMILIES = 150
DEFAULT_SEED = 2026
DEFAULT_OUT = "geodata/demo"

FIRST_WEIGHTS = list(range(1, 12))
SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]

SURNAMES = [
    ("Ахметов", "Ахметова"), ("Серікбаев", "Серікбаева"), ("Жұмабаев", "Жұмабаева"), ("Нұрланов", "Нұрланова"),
    ("Қасымов", "Қасымова"), ("Омаров", "Омарова"), ("Бекенов", "Бекенова"), ("Тлеубаев", "Тлеубаева"),
    ("Сәтбаев", "Сәтбаева"), ("Әбенов", "Әбенова"), ("Мұқанов", "Мұқанова"), ("Иванов", "Иванова"),
    ("Ким", "Ким"), ("Петров", "Петрова"), ("Исаев", "Исаева"), ("Байжанов", "Байжанова"),
]
MEN = ["Нұрлан", "Ерлан", "Асхат", "Данияр", "Арман", "Руслан", "Айдос", "Бауыржан", "Серік", "Марат", "Алексей", "Дмитрий"]
WOMEN = ["Айгерим", "Гүлнар", "Динара", "Жанар", "Сәуле", "Мадина", "Әсел", "Алия", "Ләззат", "Елена", "Ольга", "Дана"]
BOYS = ["Әлихан", "Нұрсұлтан", "Әлинұр", "Ерасыл", "Тимур", "Арсен", "Айбар", "Санжар", "Максим", "Артём", "Ислам", "Алан"]
GIRLS = ["Аружан", "Айлин", "Томирис", "Амина", "Зере", "Медина", "Айша", "Жасмин", "София", "Алиса", "Інжу", "Нұрай"]


def check_digit(digits):
    first = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS)) % 11
    if first != 10:
        return first
    second = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS)) % 11
    return None if second == 10 else second


class IINs:
    """Hands out unique valid IINs for birth dates and sexes."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self, birth, male, serial=None):
        century = 3 if birth.year < 2000 else 5
        sex_digit = century if male else century + 1
        while True:
            number = serial if serial is not None else self.rng.randrange(1, 10000)
            serial = None
            prefix = f"{birth:%y%m%d}{sex_digit}{number:04d}"
            check = check_digit([int(c) for c in prefix])
            if check is None or prefix + str(check) in self.used:
                continue
            iin = prefix + str(check)
            self.used.add(iin)
            return iin


class Phones:
    """Hands out unique mobile numbers in the ranges +7 70X, 74X, 75X and 77X."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self):
        while True:
            operator = self.rng.choice(["700", "701", "702", "705", "707", "747", "771", "775", "777", "778"])
            number = f"+7{operator}{self.rng.randrange(0, 10_000_000):07d}"
            if number not in self.used:
                self.used.add(number)
                return number


def random_date(rng, first_year, last_year):
    start = date(first_year, 1, 1)
    span = (date(last_year, 12, 31) - start).days
    return start + timedelta(days=rng.randrange(span + 1))


def patronymic(father_name, male):
    return father_name + ("ұлы" if male else "қызы")


def person(iin, surname, given, patronymic_name, birth, male, phone):
    return {
        "iin": iin, "surname": surname, "given_name": given, "patronymic": patronymic_name or "",
        "birth_date": birth.isoformat(), "sex": "male" if male else "female", "citizenship": "KZ", "phone": phone or "",
    }


def fixed_family(iins, phones):
    """The family named in the README: two parents with phones and two children."""
    people, links = [], []
    mother = person(iins.make(date(1988, 4, 12), False, serial=1), "Демоева", "Айгерим", "Серікқызы", date(1988, 4, 12), False,
                    "+77010000001")
    father = person(iins.make(date(1986, 11, 2), True, serial=2), "Демоев", "Серік", "Нұрланұлы", date(1986, 11, 2), True,
                    "+77010000002")
    son = person(iins.make(date(2019, 6, 15), True, serial=3), "Демоев", "Әлихан", "Серікұлы", date(2019, 6, 15), True, None)
    daughter = person(iins.make(date(2016, 2, 1), False, serial=4), "Демоева", "Аружан", "Серікқызы", date(2016, 2, 1), False, None)
    no_phone = person(iins.make(date(1990, 9, 9), True, serial=5), "Телефонсыз", "Олжас", "Маратұлы", date(1990, 9, 9), True, None)
    phones.used.update({"+77010000001", "+77010000002"})
    people += [mother, father, son, daughter, no_phone]
    for parent in (mother, father):
        for child in (son, daughter):
            links.append({"parent_iin": parent["iin"], "child_iin": child["iin"], "relation": "parent"})
    return people, links


def generate(families, seed):
    rng = random.Random(seed)
    iins, phones = IINs(rng), Phones(rng)
    people, links = fixed_family(iins, phones)

    for _ in range(families - 1):
        male_surname, female_surname = rng.choice(SURNAMES)
        father_name = rng.choice(MEN)
        parents = []
        mother_birth = random_date(rng, 1980, 1996)
        mother = person(iins.make(mother_birth, False), female_surname, rng.choice(WOMEN), patronymic(rng.choice(MEN), False),
                        mother_birth, False, phones.make())
        parents.append(mother)
        if rng.random() < 0.85:
            father_birth = random_date(rng, 1976, 1994)
            father = person(iins.make(father_birth, True), male_surname, father_name, patronymic(rng.choice(MEN), True),
                            father_birth, True, phones.make())
            parents.append(father)
        people += parents

        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            male = rng.random() < 0.5
            birth = random_date(rng, 2010, 2021)
            child = person(iins.make(birth, male), male_surname if male else female_surname, rng.choice(BOYS if male else GIRLS),
                           patronymic(father_name, male), birth, male, None)
            people.append(child)
            for parent in parents:
                links.append({"parent_iin": parent["iin"], "child_iin": child["iin"], "relation": "parent"})

        if rng.random() < 0.05:
            grandmother_birth = random_date(rng, 1950, 1965)
            grandmother = person(iins.make(grandmother_birth, False), female_surname, rng.choice(WOMEN), patronymic(rng.choice(MEN), False),
                                 grandmother_birth, False, phones.make())
            people.append(grandmother)
            links.append({"parent_iin": grandmother["iin"], "child_iin": people[-2]["iin"], "relation": "guardian"})
    return people, links


def write(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=int, default=DEFAULT_FAMILIES, help="number of families, at least 1 (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder (default %(default)s)")
    args = parser.parse_args()
    if args.families < 1:
        parser.error("--families must be at least 1")

    people, links = generate(args.families, args.seed)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "people.csv"), people,
          ["iin", "surname", "given_name", "patronymic", "birth_date", "sex", "citizenship", "phone"])
    write(os.path.join(args.out, "people_links.csv"), links, ["parent_iin", "child_iin", "relation"])
    print(f"wrote {len(people)} people and {len(links)} links to {args.out}")
    for row in people[:5]:
        print(f"  {row['iin']}  {row['surname']} {row['given_name']}  {row['birth_date']}  {row['phone'] or '-'}")


if __name__ == "__main__":
    main()

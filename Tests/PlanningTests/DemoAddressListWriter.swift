import Gazetteer
import Store

/// A writer of address lists in the published format from known owners of houses.
///
/// Each school and language gets a heading, a language line and one line per street with the
/// houses it owns. Lines use whole streets, whole sides, ranges of one side, open ranges and
/// single houses.
enum DemoAddressListWriter {
    /// - Parameter owners: language → address index → school id.
    static func write(gazetteer: GazetteerIndex, schools: [String: School], owners: [String: [Int: String]]) -> String {
        var lines = ["# Микроучастки школ Демо-города, созданы из демо-микроучастков", ""]
        var sectionNumber = 0
        for language in owners.keys.sorted() {
            var housesBySchool: [String: [Int: Set<Int>]] = [:]
            for (address, school) in owners[language] ?? [:] {
                housesBySchool[school, default: [:]][gazetteer.house(at: address).streetIndex, default: []].insert(address)
            }
            for school in housesBySchool.keys.sorted() {
                sectionNumber += 1
                lines.append("\(sectionNumber). КГУ «\(schools[school]?.names.ru ?? school)»")
                lines.append(language == "kk" ? "язык: казахский" : "язык: русский")
                for (street, owned) in housesBySchool[school, default: [:]].sorted(by: { $0.key < $1.key }) {
                    let houses = gazetteer.houses(onStreet: street)
                    let name = abbreviated(houses[0].street)
                    lines.append("\(name), " + describe(houses, owned: owned).joined(separator: ", "))
                }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Returns the house part of a street line that claims exactly the owned houses of the street.
    static func describe(_ houses: [GazetteerHouse], owned: Set<Int>) -> [String] {
        if houses.allSatisfy({ owned.contains($0.index) }) {
            return ["все дома"]
        }
        var parts: [String] = []
        for odd in [true, false] {
            let side = houses.filter { ($0.house.number % 2 == 1) == odd }
            let label = odd ? "нечётные" : "чётные"
            guard side.contains(where: { owned.contains($0.index) }) else {
                continue
            }
            if side.allSatisfy({ owned.contains($0.index) }) {
                parts.append(odd ? "нечётная сторона" : "чётная сторона")
                continue
            }

            // Houses with one number form a group; a run of wholly owned groups becomes a range.
            var groups: [[GazetteerHouse]] = []
            for house in side {
                if let last = groups.last?.first, last.house.number == house.house.number {
                    groups[groups.count - 1].append(house)
                } else {
                    groups.append([house])
                }
            }
            var run: [[GazetteerHouse]] = []
            func flush(reachesEnd: Bool) {
                defer { run = [] }
                guard let first = run.first, let last = run.last else { return }
                if run.count == 1 {
                    parts += first.map(\.house.description)
                } else if reachesEnd {
                    parts.append("\(first[0].house.number) и далее (\(label))")
                } else {
                    parts.append("\(first[0].house.number)–\(last[0].house.number) (\(label))")
                }
            }
            for group in groups {
                let ownedCount = group.filter { owned.contains($0.index) }.count
                if ownedCount == group.count {
                    run.append(group)
                } else {
                    flush(reachesEnd: false)
                    parts += group.filter { owned.contains($0.index) }.map(\.house.description)
                }
            }
            flush(reachesEnd: true)
        }
        return parts
    }

    /// Returns the street name with its type word shortened as lists write it: "улица Абая" → "ул. Абая".
    static func abbreviated(_ name: String) -> String {
        let short = ["улица ": "ул. ", "проспект ": "пр. ", "микрорайон ": "мкр. ", "переулок ": "пер. ", "бульвар ": "бул. "]
        for (long, abbreviation) in short where name.hasPrefix(long) {
            return abbreviation + name.dropFirst(long.count)
        }
        return name
    }
}

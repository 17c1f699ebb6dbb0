import Foundation
import Gazetteer
import Geometry
import Planning
import Store

/// Times the address-list import on a generated city: gazetteer build, parsing, and matching with
/// polygon building (`AddressListImporter.run`, best of three runs).
///
/// `cityFolder` holds streets.csv, addresses.csv, schools.geojson and boundary.geojson as
/// tools/make_demo_city.py writes them; `listPath` is a list from tools/make_address_lists.py.
func runAddressListBenchmark(cityFolder: String, listPath: String) {
    func path(_ name: String) -> String { URL(fileURLWithPath: cityFolder).appendingPathComponent(name).path }
    func table(_ name: String) -> CSVTable {
        do { return try CSVTable(text: try String(contentsOfFile: path(name), encoding: .utf8)) } catch { fail("\(path(name)): \(error)") }
    }
    func document(_ name: String) -> GeoJSONDocument {
        do { return try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path(name))) } catch { fail("\(path(name)): \(error)") }
    }

    let streetTable = table("streets.csv"), addressTable = table("addresses.csv")
    guard let nameRU = streetTable.column("name_ru"), let nameKK = streetTable.column("name_kk"), let aliases = streetTable.column("aliases"),
          let type = streetTable.column("type"), let district = streetTable.column("district"),
          let street = addressTable.column("street"), let house = addressTable.column("house"),
          let lat = addressTable.column("lat"), let lon = addressTable.column("lon")
    else { fail("streets.csv or addresses.csv lacks a column that tools/make_demo_city.py writes") }
    let streets = streetTable.rows.enumerated().map { index, row in
        GazetteerStreet(id: index + 1, names: [row[nameRU], row[nameKK]].filter { !$0.isEmpty } + row[aliases].split(separator: ";").map(String.init),
                        type: row[type], district: row[district])
    }
    let addresses = addressTable.rows.map { row in
        GazetteerAddress(street: row[street], house: row[house], location: Position(x: Double(row[lon]) ?? .nan, y: Double(row[lat]) ?? .nan))
    }

    let schools = document("schools.geojson").features.map { feature in
        let properties = feature.properties
        return PlanningSchool(
            id: properties["id"]?.stringValue ?? "",
            number: properties["number"]?.intValue,
            names: [properties["name_ru"]?.stringValue, properties["name_kk"]?.stringValue].compactMap { $0 },
            languages: (properties["languages"]?.stringValue ?? "").split(separator: ",").map(String.init))
    }
    let boundary = document("boundary.geojson").features.flatMap { $0.geometry.polygons ?? [] }
    guard let text = try? String(contentsOfFile: listPath, encoding: .utf8) else { fail("cannot read \(listPath)") }

    var gazetteer: GazetteerIndex!
    let gazetteerSeconds = seconds { gazetteer = GazetteerIndex(streets: streets, addresses: addresses) }
    var list: AddressList!
    let parseSeconds = seconds { list = AddressList(parsing: text) }

    let importer = AddressListImporter(gazetteer: gazetteer, schools: schools, boundary: boundary)
    var result: AddressListImport!
    var runSeconds = Double.infinity
    for _ in 0..<3 {
        runSeconds = min(runSeconds, seconds {
            do { result = try importer.run(list) } catch { fail("import failed: \(error)") }
        })
    }

    let report = result.report
    let lineCount = list.sections.reduce(0) { $0 + $1.entries.count }
    print("city: \(gazetteer.addressCount) addresses on \(gazetteer.streetCount) streets, \(schools.count) schools")
    print("list: \(list.sections.count) sections, \(lineCount) street entries, \(list.problems.count) unreadable lines")
    print("result: \(result.catchments.count) catchments, \(report.unmatchedStreets.count) unmatched streets, \(report.conflicts.count) conflicts, "
          + "unclaimed " + report.unclaimed.map { "\($0.language ?? "-") \($0.count)" }.joined(separator: ", "))
    for problem in list.problems.prefix(5) {
        print("  unreadable line \(problem.line) (\(problem.kind.rawValue)): \(problem.text)")
    }
    for conflict in report.conflicts.prefix(5) {
        print("  conflict: \(conflict.house.street) \(conflict.house.house), lines \(conflict.claims.map { String($0.line) }.joined(separator: ", "))")
    }
    print(String(format: "gazetteer build:      %.3f s", gazetteerSeconds))
    print(String(format: "parse list:           %.3f s", parseSeconds))
    print(String(format: "match and build:      %.3f s (best of 3)", runSeconds))
    print(String(format: "memory:               %.1f MiB resident, peak %.1f MiB", memoryMiB().resident, memoryMiB().peak))
}

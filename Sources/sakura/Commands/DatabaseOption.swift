import Foundation
import SakuraCore
import Store

extension Arguments {
    /// Returns the database to use: `--db PATH`, or the demo city's database when the option is absent.
    mutating func databasePath(requireExisting: Bool) throws -> String {
        if let path = option("db") {
            if requireExisting && !FileManager.default.fileExists(atPath: path) {
                throw UsageError(message: "--db \(path): no such database; create it with sakura import")
            }
            return path
        }
        guard let geodata = DemoCity.geodataFolder() else {
            throw UsageError(message: "no --db given and no geodata/demo folder found (run from the repository, or set SAKURA_GEODATA)")
        }
        return try DemoCity.ensureDatabase(geodata: geodata)
    }

    /// Returns the city to use: `--city ID`, or the only city of the database.
    mutating func cityID(in store: SakuraStore) throws -> String {
        if let id = option("city") { return id }
        let cities = try store.cities()
        guard cities.count == 1 else {
            let known = cities.map(\.id).joined(separator: ", ")
            throw UsageError(message: "missing --city: the database has \(cities.count) cities\(known.isEmpty ? "" : " (\(known))")")
        }
        return cities[0].id
    }
}

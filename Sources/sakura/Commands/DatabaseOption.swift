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

    /// Returns the plan named by `--at YYYY-MM-DD` (the plan in force that day), or nil without the option.
    mutating func planID(in store: SakuraStore, cityID: String) throws -> Int? {
        guard let text = option("at") else { return nil }
        let day = try CalendarDay(text, field: "--at")
        guard let plan = try store.planInForce(cityID: cityID, on: day) else {
            throw UsageError(message: "--at \(text): no catchment plan of \(cityID) is in force on that day")
        }
        return plan.id
    }
}

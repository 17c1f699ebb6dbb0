import Catchment
import Foundation
import Geometry
import JSON
import SakuraCore
import SakuraServer
import Store

enum LookupCommand {
    static let help = """
        Usage: sakura lookup [--db PATH] [--city ID] [--language CODE] [--at YYYY-MM-DD] [LAT,LON …]

        Writes one JSON object per point: the catchments covering it with their schools
        ("catchments": [{"key", "school", …}]), "on_boundary" when the point lies on a catchment
        boundary (it then belongs to every catchment sharing that boundary), and "nearest" with the
        distance in metres when no catchment covers it. With no points given, reads LAT,LON lines
        from standard input. Without --db it uses the shipped demo city.

        Options:
          --db PATH          SQLite database made by sakura import (default: the demo city)
          --city ID          city id (default: the only city in the database)
          --language CODE    only catchments of this language of instruction (kk, ru, …)
          --at YYYY-MM-DD    use the catchment plan in force on that day (default: today, UTC+5)
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        let store = try SakuraStore(path: try args.databasePath(requireExisting: true))
        let cityID = try args.cityID(in: store)
        let language = args.option("language")
        if let language { try LanguageCode.validate(language, field: "--language") }
        let planID = try args.planID(in: store, cityID: cityID)
        try args.rejectUnknown()

        let snapshot = try CitySnapshot.load(cityID: cityID, from: store, planID: planID)
        let valid = try PointInput.forEach(args.positional) { point in
            warnIfFarFromCity(point, snapshot: snapshot)
            printLine(JSONWriter.string(try snapshot.lookupAnswer(point, language: language)))
        }
        return valid ? 0 : 2
    }

    /// Warns on standard error when a point lies far outside the city, with a hint when swapping
    /// latitude and longitude would put it inside; the answer is still written.
    static func warnIfFarFromCity(_ point: Position, snapshot: CitySnapshot) {
        guard let envelope = snapshot.city.envelope ?? snapshot.index.envelope else { return }
        func distance(_ position: Position) -> Double {
            let nearest = Position(x: min(max(position.x, envelope.minX), envelope.maxX), y: min(max(position.y, envelope.minY), envelope.maxY))
            return Geodesic.wgs84.distance(position, nearest)
        }
        let limit = SakuraAPI.maxDistanceOutsideCity
        guard distance(point) > limit else { return }
        let swapped = Position(longitude: point.y, latitude: point.x)
        let hint = abs(point.x) <= 90 && distance(swapped) <= limit ? "; latitude and longitude look swapped, try \(point.x),\(point.y)" : ""
        printError("sakura lookup: warning: \(point.y),\(point.x) is more than \(Int(limit / 1000)) km from city \(snapshot.city.id)\(hint)")
    }
}

enum NearbyCommand {
    static let help = """
        Usage: sakura nearby [--db PATH] [--city ID] [--limit N] [--language CODE] [--type CODE] [--ownership CODE] [LAT,LON …]

        Writes one JSON object per point with the nearest schools, nearest first, each with its
        geodesic distance in metres on the WGS 84 ellipsoid. Schools without a location are left
        out. With no points given, reads LAT,LON lines from standard input.

        Options:
          --db PATH          SQLite database made by sakura import (default: the demo city)
          --city ID          city id (default: the only city in the database)
          --limit N          number of schools per point, 1 to 100 (default 5)
          --language CODE    only schools teaching in this language (kk, ru, en, mixed, ug, uz, tg)
          --type CODE        only schools of this type (general, gymnasium, lyceum, school_gymnasium, …)
          --ownership CODE   only state or private schools
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        let store = try SakuraStore(path: try args.databasePath(requireExisting: true))
        let cityID = try args.cityID(in: store)
        let limit = try args.integer("limit", default: 5, range: 1...100)
        let filter = SchoolFilter(language: args.option("language"), type: args.option("type"), ownership: args.option("ownership"))
        if let language = filter.language { try LanguageCode.validate(language, field: "--language") }
        if let type = filter.type, !SchoolImporter.typeCodes.contains(type) {
            throw UsageError(message: "--type \(type): unknown school type; use one of \(SchoolImporter.typeCodes.joined(separator: ", "))")
        }
        if let ownership = filter.ownership, !SchoolImporter.ownershipCodes.contains(ownership) {
            throw UsageError(message: "--ownership \(ownership): use state or private")
        }
        try args.rejectUnknown()

        let snapshot = try CitySnapshot.load(cityID: cityID, from: store)
        let valid = try PointInput.forEach(args.positional) { point in
            printLine(JSONWriter.string(snapshot.nearbyAnswer(point, limit: limit, filter: filter)))
        }
        return valid ? 0 : 2
    }
}

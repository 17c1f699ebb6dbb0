import Foundation
import JSON
import Store

enum ExportCommand {
    static let help = """
        Usage: sakura export schools [--db PATH] [--city ID] [--format csv|geojson] [--out FILE]

        Writes the city's schools with every passport field, in the column names sakura import
        schools reads, so the file imports back unchanged. Writes to standard output without --out.

        Options:
          --db PATH          SQLite database made by sakura import (default: the demo city)
          --city ID          city id (default: the only city in the database)
          --format FORMAT    csv (default) or geojson
          --out FILE         file to write; replaced if it exists
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        guard args.positional == ["schools"] else { throw UsageError(message: "expected what to export: schools; see sakura export --help") }
        let store = try SakuraStore(path: try args.databasePath(requireExisting: true))
        let cityID = try args.cityID(in: store)
        let format = args.option("format") ?? "csv"
        guard format == "csv" || format == "geojson" else { throw UsageError(message: "--format must be csv or geojson, got \"\(format)\"") }
        let out = args.option("out")
        try args.rejectUnknown()

        guard try store.city(id: cityID) != nil else { throw UsageError(message: "--city \(cityID): no such city in the database") }
        let schools = try store.schools(cityID: cityID)
        let text = format == "csv" ? SchoolExport.csv(schools) : JSONWriter.string(SchoolExport.geoJSON(schools)) + "\n"
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printError("wrote \(schools.count) schools to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return 0
    }
}

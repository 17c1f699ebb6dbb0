import Foundation
import JSON
import SakuraCore
import Store

enum GeocodeCommand {
    static let help = """
        Usage: sakura geocode [--db PATH] [--city ID] [--language CODE] ["ADDRESS" …]

        Finds each address ("Абая 150", "мкр. Самал-2, 58", "Қабанбай батыр 12/1") and writes one
        JSON object per address: "status" is "found" with the address, its buildings and the
        catchments covering them, or "ambiguous" or "not_found" with "candidates" to choose from,
        best first. With no address given, reads one address per line from standard input.

        Options:
          --db PATH          SQLite database made by sakura import (default: the demo city)
          --city ID          city id (default: the only city in the database)
          --language CODE    only catchments of this language of instruction (kk, ru, …)
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
        try args.rejectUnknown()

        let snapshot = try CitySnapshot.load(cityID: cityID, from: store)
        var texts = args.positional
        if texts.isEmpty {
            while let line = readLine() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { texts.append(trimmed) }
            }
        }
        for text in texts {
            printLine(JSONWriter.string(try snapshot.addressAnswer(text, language: language)))
        }
        return 0
    }
}

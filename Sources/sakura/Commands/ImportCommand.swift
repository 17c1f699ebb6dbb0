import Foundation
import Geometry
import SakuraCore
import Store

enum ImportCommand {
    static let help = """
        Usage: sakura import schools|catchments|boundary|districts|streets|addresses|teachers|teacher-indicators FILE --city ID --db PATH [options]

        Reads a GeoJSON file (schools, streets and addresses also CSV, by the .csv extension) and replaces
        the city's schools, catchments, boundary, districts, streets or addresses in one
        transaction; on any rejected feature nothing is written. Prints a summary: features
        read, imported, repaired and skipped with reasons, and school references that matched no school.

        Options:
          --city ID               city id (lower-case Latin letters, digits, hyphens); created if missing
          --db PATH               SQLite database file; created if missing
          --crs CODE              source CRS when the file is not in WGS 84, for example EPSG:32643
          --fix                   repair invalid polygons with GEOS make-valid and report each repair
          --close-rings           close rings whose last position differs from the first
          --skip-invalid          import the valid features and skip the rejected ones
          --key-property NAME     property with the catchment key or school id (default: key for
                                  catchments, id for schools and districts; else the feature id)
          --name-property NAME    property with a school or district name used for every language
          --school-property NAME  catchments: property with the school reference (default: school)
          --language-property NAME  catchments: property with the language of instruction (default: language)
          --language CODE         give every catchment or school this language (kk, ru, en, mixed, ug, uz, tg)
          --select NAME=VALUE     boundary, districts: import only the features whose property equals VALUE
          --name-kk, --name-ru, --name-en TEXT   boundary: the city's names
          --map FIELD=COLUMN[,FIELD=COLUMN…]  schools: read a passport field from a column or
                                  property of another name, for example --map name_ru=Наименование,number=Номер
          --street-property NAME  addresses: property with the street (default: addr:street)
          --house-property NAME   addresses: property with the house number (default: addr:housenumber)

        Teachers (CSV) need the columns id, school, name and may have grades, subjects, languages,
        category, experience_years; teacher indicators (CSV) need teacher, school_year, kind,
        sample_size and successes (shares) or mean_score (parent feedback, 1 to 5).
        Addresses from CSV need the columns street, house, lat, lon. Streets from GeoJSON read
        name:ru (else name), name:kk, and old_name, alt_name, official_name as former names; from
        CSV the columns name_ru, name_kk, type, district and aliases (separated by ;).
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["fix", "skip-invalid", "close-rings", "help"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        guard args.positional.count == 2 else {
            throw UsageError(message: "expected a kind (schools, catchments, boundary, districts, streets, addresses, teachers or teacher-indicators) and a FILE; see sakura import --help")
        }
        let kind = args.positional[0]
        let file = URL(fileURLWithPath: args.positional[1])
        guard FileManager.default.fileExists(atPath: file.path) else { throw UsageError(message: "FILE \(file.path): no such file") }
        let cityID = try args.required("city", hint: "name the city, for example --city almaty")
        let path = try args.required("db", hint: "name the database file, for example --db sakura.sqlite")

        var options = ImportOptions()
        options.sourceCRS = args.option("crs")
        options.fix = args.flag("fix")
        options.skipInvalid = args.flag("skip-invalid")
        options.closeRings = args.flag("close-rings")
        options.keyProperty = args.option("key-property")
        options.nameProperty = args.option("name-property")
        options.schoolProperty = args.option("school-property")
        options.languageProperty = args.option("language-property")
        options.language = args.option("language")
        if let select = args.option("select") {
            let parts = select.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw UsageError(message: "--select needs NAME=VALUE, got \"\(select)\"") }
            options.select = (parts[0], parts[1])
        }
        let nameKK = args.option("name-kk"), nameRU = args.option("name-ru"), nameEN = args.option("name-en")
        let streetProperty = args.option("street-property"), houseProperty = args.option("house-property")
        if let mapping = args.option("map") {
            for pair in mapping.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, SchoolExport.columns.contains(parts[0]), !parts[1].isEmpty else {
                    throw UsageError(message: "--map \(pair): write FIELD=COLUMN with FIELD one of \(SchoolExport.columns.joined(separator: ", "))")
                }
                options.columnMapping[parts[0]] = parts[1]
            }
        }
        try args.rejectUnknown()

        let store = try SakuraStore(path: path)
        let summary: ImportSummary
        do {
            switch kind {
            case "schools":
                summary = try SchoolImporter(store: store, options: options).run(file: file, cityID: cityID)
            case "catchments":
                summary = try CatchmentImporter(store: store, options: options).run(file: file, cityID: cityID)
            case "boundary":
                var names: LocalizedName? = nil
                if nameKK != nil || nameRU != nil || nameEN != nil {
                    let fallback = nameRU ?? nameEN ?? nameKK ?? cityID
                    names = LocalizedName(kk: nameKK ?? fallback, ru: nameRU ?? fallback, en: nameEN ?? fallback)
                }
                summary = try AreaImporter(store: store, options: options).runBoundary(file: file, cityID: cityID, names: names)
            case "districts":
                summary = try AreaImporter(store: store, options: options).runDistricts(file: file, cityID: cityID)
            case "teachers":
                summary = try TeacherImporter(store: store, options: options).runTeachers(file: file, cityID: cityID)
            case "teacher-indicators":
                summary = try TeacherImporter(store: store, options: options).runIndicators(file: file, cityID: cityID)
            case "streets", "addresses":
                var importer = AddressImporter(store: store, options: options)
                if let streetProperty { importer.streetProperty = streetProperty }
                if let houseProperty { importer.houseProperty = houseProperty }
                summary = kind == "streets" ? try importer.runStreets(file: file, cityID: cityID) : try importer.runAddresses(file: file, cityID: cityID)
            default:
                throw UsageError(message: "unknown import kind \"\(kind)\"; use schools, catchments, boundary, districts, streets, addresses, teachers or teacher-indicators")
            }
        } catch let rejected as ImportRejected {
            printError(rejected.summary.description)
            return 1
        }
        printLine(summary.description)
        return 0
    }
}

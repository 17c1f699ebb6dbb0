import Foundation
import JSON
import Store

/// The generated demo city shipped in `geodata/demo/` (made by `tools/make_demo_city.py`, and its
/// register people by `tools/make_demo_people.py`).
public enum DemoCity {
    /// Finds the `geodata` folder: `$SAKURA_GEODATA`, then `./geodata`, then the folders above the executable.
    public static func geodataFolder(executablePath: String = CommandLine.arguments.first ?? "") -> URL? {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["SAKURA_GEODATA"] {
            return URL(fileURLWithPath: configured)
        }
        let local = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent("geodata")
        if fileManager.fileExists(atPath: local.appendingPathComponent("demo/city.json").path) { return local }
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("geodata")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("demo/city.json").path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Returns a database holding the demo city, building it from `geodata/demo` when it is missing or out of date.
    ///
    /// The database lives in the system temporary folder, named after a
    /// hash of the demo files, so a changed demo city gets a fresh database.
    /// It is built under a temporary name and renamed, so a reader never
    /// sees a half-built file.
    public static func ensureDatabase(geodata: URL) throws -> String {
        let folder = geodata.appendingPathComponent("demo")
        var hasher = FNV1a64()
        // The migrations in the hash make a new build of sakura rebuild a demo database with an older schema.
        hasher.combine(Array(Migrations.all.map(\.name).joined(separator: ",").utf8))
        for name in requiredFiles + optionalFiles {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if optionalFiles.contains(name) { continue }
                throw SakuraError.invalidArgument(field: "geodata", reason: "missing \(url.path); regenerate it with python3 tools/make_demo_city.py")
            }
            hasher.combine(Array(name.utf8) + Array(data))
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sakura-demo-\(String(hasher.value, radix: 16)).sqlite").path
        if FileManager.default.fileExists(atPath: path) { return path }

        let building = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: building)
        try build(into: building, folder: folder)
        try? FileManager.default.removeItem(atPath: building + "-wal")
        try? FileManager.default.removeItem(atPath: building + "-shm")
        if FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: building)
        } else {
            try FileManager.default.moveItem(atPath: building, toPath: path)
        }
        return path
    }

    static let requiredFiles = ["city.json", "boundary.geojson", "districts.geojson", "schools.geojson", "catchments.geojson"]
    /// Streets, addresses, teachers and the register's demo people, imported when present.
    static let optionalFiles = ["streets.csv", "addresses.csv", "teachers.csv", "teacher_indicators.csv", "people.csv", "people_links.csv"]

    /// Imports the demo files into a new database at `path`.
    public static func build(into path: String, folder: URL) throws {
        let meta = try JSONParser.parse(Data(contentsOf: folder.appendingPathComponent("city.json")))
        guard let id = meta["id"]?.stringValue, let names = meta["names"] else {
            throw SakuraError.invalidArgument(field: "city.json", reason: "needs \"id\" and \"names\" members")
        }
        let localized = LocalizedName(kk: names["kk"]?.stringValue ?? id, ru: names["ru"]?.stringValue ?? id, en: names["en"]?.stringValue ?? id)
        do {
            let store = try SakuraStore(path: path)
            let options = ImportOptions()
            _ = try AreaImporter(store: store, options: options)
                .runBoundary(file: folder.appendingPathComponent("boundary.geojson"), cityID: id, names: localized, isDemo: true)
            _ = try AreaImporter(store: store, options: options).runDistricts(file: folder.appendingPathComponent("districts.geojson"), cityID: id)
            _ = try SchoolImporter(store: store, options: options).run(file: folder.appendingPathComponent("schools.geojson"), cityID: id)
            _ = try CatchmentImporter(store: store, options: options).run(file: folder.appendingPathComponent("catchments.geojson"), cityID: id)
            let streets = folder.appendingPathComponent("streets.csv"), addresses = folder.appendingPathComponent("addresses.csv")
            if FileManager.default.fileExists(atPath: streets.path) {
                _ = try AddressImporter(store: store, options: options).runStreets(file: streets, cityID: id)
            }
            if FileManager.default.fileExists(atPath: addresses.path) {
                _ = try AddressImporter(store: store, options: options).runAddresses(file: addresses, cityID: id)
            }
            let teachers = folder.appendingPathComponent("teachers.csv"), indicators = folder.appendingPathComponent("teacher_indicators.csv")
            if FileManager.default.fileExists(atPath: teachers.path) {
                _ = try TeacherImporter(store: store, options: options).runTeachers(file: teachers, cityID: id)
                if FileManager.default.fileExists(atPath: indicators.path) {
                    _ = try TeacherImporter(store: store, options: options).runIndicators(file: indicators, cityID: id)
                }
            }
            // Demo people for the embedded population register (made by tools/make_demo_people.py).
            let people = folder.appendingPathComponent("people.csv"), links = folder.appendingPathComponent("people_links.csv")
            if FileManager.default.fileExists(atPath: people.path) {
                let hasLinks = FileManager.default.fileExists(atPath: links.path)
                _ = try RegisterImporter(store: store).run(people: people, links: hasLinks ? links : nil, isDemo: true)
            }
            // Fold the WAL into the main file so the database is one self-contained file before it is renamed.
            try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}

/// 64-bit FNV-1a, a fast non-cryptographic hash for change detection.
public struct FNV1a64 {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Returns the hash of one byte array.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = FNV1a64()
        hasher.combine(bytes)
        return hasher.value
    }

    public mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine(Array($0)) }
    }

    public mutating func combine(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
}

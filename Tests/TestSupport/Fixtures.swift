import Foundation
import Geometry
import JSON

/// Paths and small builders shared by the test targets.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The third-party data folder beside the repository (`../shared/realdata`), or `$SAKURA_REALDATA`.
    public static var realDataFolder: URL {
        if let configured = ProcessInfo.processInfo.environment["SAKURA_REALDATA"] { return URL(fileURLWithPath: configured) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")
    }

    /// True under CI (`CI=true`), where real-data tests must run instead of skipping.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The URL of a real-data file, or nil when the folder is absent.
    public static func realData(_ name: String) -> URL? {
        let url = realDataFolder.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Creates a fresh temporary folder, removed when the test process exits.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sakura-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.shared.register(url)
        return url
    }

    /// A closed, counter-clockwise rectangle ring.
    public static func rectangle(minX: Double, minY: Double, maxX: Double, maxY: Double) -> [Position] {
        [Position(x: minX, y: minY), Position(x: maxX, y: minY), Position(x: maxX, y: maxY), Position(x: minX, y: maxY), Position(x: minX, y: minY)]
    }

    /// A GeoJSON FeatureCollection text from (properties, geometry JSON) pairs.
    public static func featureCollection(_ features: [(properties: JSONValue, geometry: JSONValue)], extra: JSONObject = JSONObject()) -> String {
        var object = extra
        object["type"] = "FeatureCollection"
        object["features"] = .array(features.map { ["type": "Feature", "properties": $0.properties, "geometry": $0.geometry] })
        return JSONWriter.string(.object(object))
    }

    /// GeoJSON Polygon coordinates from rings of (lon, lat) pairs.
    public static func polygonJSON(_ rings: [[(Double, Double)]]) -> JSONValue {
        ["type": "Polygon", "coordinates": .array(rings.map { ring in .array(ring.map { [.number($0.0), .number($0.1)] }) })]
    }
}

/// Point-in-polygon by even-odd ray casting, written without GEOS so tests can check the engine against
/// an independent implementation. Points exactly on a boundary are not decided reliably: callers use it
/// on random points, which fall on a boundary with probability zero.
public enum RayCasting {
    public static func contains(_ polygon: Polygon, _ point: Position) -> Bool {
        var inside = false
        for ring in polygon.rings {
            for index in 0..<(ring.count - 1) {
                let a = ring[index], b = ring[index + 1]
                if (a.y > point.y) != (b.y > point.y) {
                    let x = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
                    if point.x < x { inside.toggle() }
                }
            }
        }
        return inside
    }
}

/// A deterministic pseudo-random generator (SplitMix64) so failures reproduce.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The temporary folders made by the tests, removed by an `atexit` handler.
final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()

    // Guarded by `lock`; test targets may create folders from several threads.
    private var folders: [URL] = []
    private let lock = NSLock()

    private init() {
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func register(_ url: URL) {
        lock.lock()
        folders.append(url)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for url in folders { try? FileManager.default.removeItem(at: url) }
        folders.removeAll()
    }
}

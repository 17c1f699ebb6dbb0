// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sakura",
    products: [
        .executable(name: "sakura", targets: ["sakura"]),
        .library(name: "Geometry", targets: ["Geometry"]),
        .library(name: "Catchment", targets: ["Catchment"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "Gazetteer", targets: ["Gazetteer"]),
        .library(name: "Planning", targets: ["Planning"]),
    ],
    targets: [
        // System libraries: Debian packages libgeos-dev, libproj-dev, libsqlite3-dev.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "JSON"),
        .target(name: "Crypto", dependencies: ["CLinux"]),
        .target(name: "Localization"),
        .target(name: "Gazetteer", dependencies: ["Geometry"]),
        .target(name: "Registry"),
        .target(name: "Geometry", dependencies: ["CGEOS", "CPROJ", "JSON"]),
        .target(name: "Catchment", dependencies: ["Geometry", "CGEOS"]),
        .target(name: "Planning", dependencies: ["Geometry", "Catchment", "Gazetteer"]),
        .target(name: "Store", dependencies: ["CSQLite", "Geometry", "Catchment", "JSON", "Registry"]),
        .target(name: "HTTPServer", dependencies: ["CZlib", "CLinux"]),
        .target(name: "Enrollment", dependencies: ["Crypto", "Store", "JSON", "Localization", "HTTPServer"]),
        .target(name: "SakuraCore", dependencies: ["Geometry", "Catchment", "Store", "JSON", "Gazetteer", "Registry", "Crypto", "Planning"]),
        .target(name: "SakuraServer", dependencies: ["HTTPServer", "SakuraCore", "Localization", "Geometry", "Catchment", "Store", "JSON", "Registry", "Gazetteer", "Enrollment"]),
        .executableTarget(name: "sakura", dependencies: ["SakuraServer", "SakuraCore", "HTTPServer", "Geometry", "Catchment", "Store", "JSON", "Planning", "Enrollment"]),

        .executableTarget(
            name: "sakura-bench",
            dependencies: ["SakuraCore", "Geometry", "Catchment", "Store", "CGEOS", "Gazetteer", "Planning", "Enrollment", "Crypto"],
            path: "tools/bench"
        ),

        .target(name: "TestSupport", dependencies: ["Geometry", "Catchment", "Store", "JSON", "CLinux"], path: "Tests/TestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "EnrollmentTests", dependencies: ["Enrollment", "Crypto", "Store", "HTTPServer", "JSON", "Localization", "TestSupport"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "Geometry", "TestSupport"]),
        .testTarget(name: "SakuraServerTests", dependencies: ["SakuraServer", "HTTPServer", "SakuraCore", "Store", "Geometry", "JSON", "Localization", "TestSupport", "CLinux", "Enrollment"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "CZlib", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "JSON", "TestSupport"]),
        .testTarget(name: "CatchmentTests", dependencies: ["Catchment", "Geometry", "JSON", "TestSupport"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Gazetteer", "Catchment", "Geometry", "SakuraCore", "Store", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Catchment", "Geometry", "JSON", "TestSupport"]),
        .testTarget(name: "SakuraCoreTests", dependencies: ["SakuraCore", "Store", "Catchment", "Geometry", "JSON", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

import Catchment
import Foundation
import Geometry
import Store

/// A small city for planning tests: a 2 × 1 km boundary split into two catchments of language
/// "ru", west ("a", school s1) and east ("b", school s2), with 40 addresses on a grid.
public enum PlanningCity {
    public static let minX = 76.90, midX = 76.91, maxX = 76.92
    public static let minY = 43.20, maxY = 43.21

    public static var west: Polygon { Polygon(shell: Fixtures.rectangle(minX: minX, minY: minY, maxX: midX, maxY: maxY)) }
    public static var east: Polygon { Polygon(shell: Fixtures.rectangle(minX: midX, minY: minY, maxX: maxX, maxY: maxY)) }

    /// Creates the city `id` in the store, shifted `offset` degrees of longitude east so cities do not overlap.
    public static func create(_ id: String, in store: SakuraStore, offset: Double = 0) throws {
        func shifted(_ polygon: Polygon) -> Polygon {
            Polygon(shell: polygon.shell.map { Position(x: $0.x + offset, y: $0.y) })
        }
        try store.saveCity(City(id: id, names: LocalizedName(all: id.capitalized)))
        try store.setBoundary(cityID: id, polygons: [shifted(Polygon(shell: Fixtures.rectangle(minX: minX, minY: minY, maxX: maxX, maxY: maxY)))])
        try store.replaceSchools(cityID: id, [
            School(id: "s1", number: 1, names: LocalizedName(all: "School 1"), languages: ["ru"], location: Position(x: 76.905 + offset, y: 43.205)),
            School(id: "s2", number: 2, names: LocalizedName(all: "School 2"), languages: ["ru"], location: Position(x: 76.915 + offset, y: 43.205)),
        ])
        var addresses: [AddressRecord] = []
        for column in 0..<20 {
            for row in 0..<2 {
                let location = Position(x: minX + 0.0005 + Double(column) * 0.001 + offset, y: minY + 0.0025 + Double(row) * 0.005)
                addresses.append(AddressRecord(id: addresses.count + 1, street: "улица Абая", house: String(addresses.count + 1), location: location))
            }
        }
        try store.replaceAddresses(cityID: id, addresses)
        try store.replaceCatchments(cityID: id, [
            Catchment(key: "a", schoolKey: "s1", schoolID: "s1", language: "ru", polygons: [shifted(west)]),
            Catchment(key: "b", schoolKey: "s2", schoolID: "s2", language: "ru", polygons: [shifted(east)]),
        ])
    }

    /// Opens a new database in a temporary folder with the cities "alpha" and "beta".
    public static func store() throws -> (SakuraStore, path: String) {
        let path = Fixtures.temporaryFolder().appendingPathComponent("planning.sqlite").path
        let store = try SakuraStore(path: path)
        try create("alpha", in: store)
        try create("beta", in: store, offset: 1)
        return (store, path)
    }
}

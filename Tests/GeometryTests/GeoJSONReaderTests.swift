import Geometry
import JSON
import TestSupport
import XCTest

final class GeoJSONReaderTests: XCTestCase {
    private let square = Fixtures.polygonJSON([[(76.90, 43.24), (76.92, 43.24), (76.92, 43.26), (76.90, 43.26), (76.90, 43.24)]])

    func testCRS84MemberAndForeignMembersAccepted() throws {
        var extra = JSONObject()
        extra["crs"] = ["type": "name", "properties": ["name": "urn:ogc:def:crs:OGC:1.3:CRS84"]]
        extra["name"] = "zones"
        extra["title"] = "Catchments"
        let text = """
            {"type": "FeatureCollection", "name": "zones", "title": "Catchments",
             "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
             "features": [{"type": "Feature", "centroid": {"type": "Point", "coordinates": [0, 0]},
                           "properties": {"key": "a"}, "geometry": \(JSONWriter.string(square))}]}
            """
        let document = try GeoJSONReader.read(text)
        XCTAssertEqual(document.features.count, 1)
        XCTAssertEqual(document.features[0].geometry.typeName, "Polygon")
        XCTAssertNil(document.convertedFrom)
    }

    func testEPSG4326MemberAccepted() throws {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}},"features":[]}"#
        XCTAssertNoThrow(try GeoJSONReader.read(text))
    }

    func testOtherCRSRejectedWithoutOption() {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32643"}},"features":[]}"#
        XCTAssertThrowsError(try GeoJSONReader.read(text)) { error in
            guard case .unsupportedCRS(let name)? = error as? GeometryError else { return XCTFail("wrong error \(error)") }
            XCTAssertEqual(name, "urn:ogc:def:crs:EPSG::32643")
            XCTAssertTrue("\(error)".contains("unsupported CRS"))
        }
    }

    func testNullGeometrySkippedAndCounted() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"key":"x"},"geometry":null},{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
        let document = try GeoJSONReader.read(text)
        XCTAssertEqual(document.nullGeometryFeatures.map(\.index), [0])
        XCTAssertEqual(document.features.count, 1)
        XCTAssertTrue(document.features[0].properties.isEmpty)
    }

    func testZValuesDropped() throws {
        let text = #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2,300],[3,4],[5,6,7,8]]}}"#
        let document = try GeoJSONReader.read(text)
        XCTAssertEqual(document.features[0].geometry, .lineString([Position(x: 1, y: 2), Position(x: 3, y: 4), Position(x: 5, y: 6)]))
    }

    func testBadPositionsRejectedWithFeatureIndex() throws {
        let bad = [
            #"{"type":"Point","coordinates":[1]}"#: "needs at least 2",
            #"{"type":"Point","coordinates":[NaN, 1]}"#: "non-finite",
            #"{"type":"Point","coordinates":[1e999, 1]}"#: "non-finite",
            #"{"type":"Point","coordinates":[181, 1]}"#: "longitude 181",
            #"{"type":"Point","coordinates":[10, -91]}"#: "latitude -91",
            #"{"type":"LineString","coordinates":[[179, 0],[-179, 0]]}"#: "180°",
            #"{"type":"Point","coordinates":["1", 2]}"#: "not a number",
        ]
        for (geometry, expected) in bad {
            let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}},{"type":"Feature","properties":{},"geometry":"# + geometry + "}]}"
            let document = try GeoJSONReader.read(text)
            XCTAssertEqual(document.problems.count, 1, geometry)
            XCTAssertEqual(document.problems.first?.featureIndex, 1, geometry)
            XCTAssertTrue(document.problems.first?.reason.contains(expected) ?? false, "\(geometry): \(document.problems)")
        }
    }

    func testNotJSONRejected() {
        XCTAssertThrowsError(try GeoJSONReader.read("{\"type\": ")) { error in
            XCTAssertTrue("\(error)".contains("invalid JSON"))
        }
    }

    func testUTMFileConvertedWithCRSOption() throws {
        // A point near Almaty in UTM zone 43N (EPSG:32643), computed with PROJ below and read back.
        let forward = try CoordinateTransform(from: "EPSG:4326")
        XCTAssertEqual(try forward.transform(Position(x: 76.92, y: 43.25)).x, 76.92, accuracy: 1e-9)

        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[655000, 4790000]}}]}"#
        let document = try GeoJSONReader.read(text, sourceCRS: "EPSG:32643")
        XCTAssertEqual(document.convertedFrom, "EPSG:32643")
        guard case .point(let point) = document.features[0].geometry else { return XCTFail("not a point") }
        XCTAssertEqual(point.x, 76.9, accuracy: 0.2)
        XCTAssertEqual(point.y, 43.25, accuracy: 0.2)
    }

    func testConflictingCRSRejected() {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#
        XCTAssertThrowsError(try GeoJSONReader.read(text, sourceCRS: "EPSG:32643"))
    }

    func testUnknownCRSCodeRejectedByPROJ() {
        XCTAssertThrowsError(try GeoJSONReader.read(#"{"type":"FeatureCollection","features":[]}"#, sourceCRS: "EPSG:999999"))
    }
}

final class CRSGuardTests: XCTestCase {
    func testMadeUpCRSNameRejected() {
        XCTAssertThrowsError(try GeoJSONReader.read(#"{"type":"FeatureCollection","features":[]}"#, sourceCRS: "foo")) { error in
            XCTAssertTrue("\(error)".contains("not a known coordinate reference system"), "\(error)")
        }
    }

    func testDegreesNamedAsUTMRejected() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[76.9,43.2]}}]}"#
        XCTAssertThrowsError(try GeoJSONReader.read(text, sourceCRS: "EPSG:32643")) { error in
            XCTAssertTrue("\(error)".contains("looks like longitude/latitude"), "\(error)")
        }
    }
}

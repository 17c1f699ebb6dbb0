import JSON
import XCTest

final class JSONParserTests: XCTestCase {
    func testParseNestedDocument() throws {
        let value = try JSONParser.parse(#"{"a": [1, 2.5, -3e2], "b": {"c": null, "d": true}, "e": "x\u00e9\n"}"#)
        XCTAssertEqual(value["a"], [1, 2.5, -300])
        XCTAssertEqual(value["b"]?["c"], .null)
        XCTAssertEqual(value["b"]?["d"], true)
        XCTAssertEqual(value["e"], "xé\n")
    }

    func testObjectKeepsMemberOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        XCTAssertEqual(value.objectValue?.keys, ["z", "a", "m"])
    }

    func testLargeObjectKeepsOrderAndLastDuplicate() throws {
        let members = (0..<100).map { "\"k\($0)\": \($0)" } + ["\"k5\": 500"]
        let value = try JSONParser.parse("{" + members.joined(separator: ",") + "}")
        XCTAssertEqual(value.objectValue?.count, 100)
        XCTAssertEqual(value["k5"], 500)
        XCTAssertEqual(value["k99"], 99)
        XCTAssertEqual(value.objectValue?.keys.first, "k0")
        var object = try XCTUnwrap(value.objectValue)
        object["k0"] = nil
        XCTAssertNil(object["k0"])
        XCTAssertEqual(object["k1"], 1)
    }

    func testSurrogatePairDecodes() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83c\udf38""#), "🌸")
    }

    func testRejectsMalformedInput() {
        let cases = ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "[1] 2", "\"\\ud800\"", "{\"a\":1,}", "NaN"]
        for text in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), "accepted \(text)")
        }
    }

    func testErrorReportsLineAndColumn() {
        XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": x\n}")) { error in
            let parseError = error as? JSONParseError
            XCTAssertEqual(parseError?.line, 2)
            XCTAssertEqual(parseError?.column, 8)
        }
    }

    func testDepthLimitStopsDeepNesting() {
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        XCTAssertThrowsError(try JSONParser.parse(deep))
    }

    func testNonFiniteLiteralsOnlyWhenAllowed() throws {
        XCTAssertThrowsError(try JSONParser.parse("[NaN]"))
        let value = try JSONParser.parse("[NaN, Infinity, -Infinity, 1e999]", allowsNonFiniteNumbers: true)
        let numbers = value.arrayValue?.compactMap(\.doubleValue) ?? []
        XCTAssertEqual(numbers.count, 4)
        XCTAssertTrue(numbers[0].isNaN)
        XCTAssertEqual(numbers[1], .infinity)
        XCTAssertEqual(numbers[2], -.infinity)
        XCTAssertEqual(numbers[3], .infinity)
    }
}

final class JSONWriterTests: XCTestCase {
    func testWriteRoundTrips() throws {
        let value: JSONValue = ["name": "Школа №25", "n": 25, "x": 76.92, "ok": false, "list": [nil, "a\"b"]]
        let text = JSONWriter.string(value)
        XCTAssertEqual(text, #"{"name":"Школа №25","n":25,"x":76.92,"ok":false,"list":[null,"a\"b"]}"#)
        XCTAssertEqual(try JSONParser.parse(text), value)
    }

    func testControlCharactersEscaped() {
        XCTAssertEqual(JSONWriter.string("a\u{01}\t"), #""a\u0001\t""#)
    }

    func testNonFiniteWrittenAsNull() {
        XCTAssertEqual(JSONWriter.string(.number(.nan)), "null")
    }
}

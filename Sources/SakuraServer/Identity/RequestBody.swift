import HTTPServer
import JSON

/// A JSON object request body with typed field access; every failure names the field and the fix.
struct RequestBody {
    let object: JSONObject

    /// Parses the body as a JSON object with no fields outside `allowed`.
    /// - Throws: `APIError` "invalid_json" (400) or "unknown_field" (400).
    init(_ request: HTTPRequest, allowed: [String]) throws(APIError) {
        guard !request.body.isEmpty else {
            throw APIError(status: 400, code: "invalid_json", arguments: ["reason": "the body is empty"])
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: request.body)
        } catch {
            throw APIError(status: 400, code: "invalid_json", arguments: ["reason": "line \(error.line), column \(error.column)"])
        }
        guard let object = value.objectValue else {
            throw APIError(status: 400, code: "invalid_json", arguments: ["reason": "got \(value.typeName)"])
        }
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw APIError(status: 400, code: "unknown_field", field: unknown, arguments: ["allowed": allowed.joined(separator: ", ")])
        }
        self.object = object
    }

    /// True when the field is present, even as null.
    func contains(_ name: String) -> Bool { object[name] != nil }

    /// A required string field.
    func string(_ name: String) throws(APIError) -> String {
        guard let value = try optionalString(name) else { throw APIError(status: 400, code: "missing_field", field: name) }
        return value
    }

    /// A string field that may be absent or null.
    func optionalString(_ name: String) throws(APIError) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw typeError(name, "string") }
        return text
    }

    /// A boolean field that may be absent or null.
    func optionalBool(_ name: String) throws(APIError) -> Bool? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw typeError(name, "boolean") }
        return flag
    }

    private func typeError(_ name: String, _ expected: String) -> APIError {
        APIError(status: 400, code: "invalid_field_type", field: name, arguments: ["expected": expected])
    }
}

/// A JSON value (RFC 8259) as parsed by `JSONParser` or built by code.
///
/// Objects keep their members in document order, so a value written back
/// with `JSONWriter` is stable from run to run.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array; nil for other values and indexes out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an integer, or nil when it is not a whole number in `Int` range.
    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type name used in error messages ("object", "array", …).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// A scalar rendered as text (numbers without a trailing ".0"); nil for arrays, objects and null.
    public var scalarText: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return JSONWriter.format(number: value)
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }
}

/// A JSON object whose members keep their insertion order.
///
/// A repeated key replaces the earlier value in place (RFC 8259 leaves
/// duplicates to the implementation; the last one wins here). Small
/// objects, the usual case, are searched linearly; past
/// `indexThreshold` members a key index keeps lookups constant-time, so a
/// hostile object with many keys cannot make parsing quadratic.
public struct JSONObject: Sendable, Equatable {
    private var storage: [(key: String, value: JSONValue)] = []
    private var index: [String: Int]?

    static let indexThreshold = 64

    public init() {}

    public init(_ members: KeyValuePairs<String, JSONValue>) {
        for (key, value) in members { self[key] = value }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return storage.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    storage[position].value = newValue
                } else {
                    storage.append((key, newValue))
                    if index != nil {
                        index![key] = storage.count - 1
                    } else if storage.count > Self.indexThreshold {
                        var built: [String: Int] = [:]
                        for (position, member) in storage.enumerated() { built[member.key] = position }
                        index = built
                    }
                }
            } else if let position = position(of: key) {
                storage.remove(at: position)
                if index != nil {
                    var built: [String: Int] = [:]
                    for (position, member) in storage.enumerated() { built[member.key] = position }
                    index = built
                }
            }
        }
    }

    public var keys: [String] { storage.map(\.key) }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The members in document order.
    public var members: [(key: String, value: JSONValue)] { storage }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage.count == rhs.storage.count && zip(lhs.storage, rhs.storage).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONValue {
    /// Wraps an optional string, mapping nil to JSON null.
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// Wraps an optional number, mapping nil to JSON null.
    public static func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    /// Wraps an optional integer, mapping nil to JSON null.
    public static func optional(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
}

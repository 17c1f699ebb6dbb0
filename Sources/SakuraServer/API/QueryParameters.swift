import Catchment
import Geometry
import HTTPServer
import Store

/// Reading and checking query parameters; each failure is an `APIError` naming the parameter.
struct QueryParameters {
    let request: HTTPRequest

    /// Returns the parameter without surrounding spaces, or nil when absent or empty.
    func text(_ name: String) -> String? {
        guard var value = request.queryValue(name)?[...] else { return nil }
        while value.first == " " { value = value.dropFirst() }
        while value.last == " " { value = value.dropLast() }
        return value.isEmpty ? nil : String(value)
    }

    func requiredDouble(_ name: String, range: ClosedRange<Double>) throws(APIError) -> Double {
        guard let raw = text(name) else { throw APIError.missing(name) }
        guard let value = Double(raw), value.isFinite else {
            throw APIError(status: 400, code: "invalid_number", field: name, arguments: ["value": raw])
        }
        guard range.contains(value) else {
            throw APIError(status: 400, code: "out_of_range", field: name, arguments: [
                "value": raw, "minimum": format(range.lowerBound), "maximum": format(range.upperBound)])
        }
        return value
    }

    func integer(_ name: String, default defaultValue: Int?, range: ClosedRange<Int>, code: String = "out_of_range") throws(APIError) -> Int? {
        guard let raw = text(name) else { return defaultValue }
        guard let value = Int(raw) else { throw APIError(status: 400, code: "invalid_integer", field: name, arguments: ["value": raw]) }
        guard range.contains(value) else {
            throw APIError(status: 400, code: code, field: name, arguments: [
                "value": raw, "minimum": String(range.lowerBound), "maximum": String(range.upperBound)])
        }
        return value
    }

    func code(_ name: String, allowed: [String]) throws(APIError) -> String? {
        guard let value = text(name) else { return nil }
        guard allowed.contains(value) else { throw APIError.unknownCode(name, value, allowed: allowed) }
        return value
    }

    /// `bbox=minLon,minLat,maxLon,maxLat` in WGS 84.
    func boundingBox() throws(APIError) -> Envelope? {
        guard let raw = text("bbox") else { return nil }
        let numbers = raw.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw APIError(status: 400, code: "invalid_bbox", field: "bbox", arguments: ["value": raw])
        }
        let values = numbers.map { $0! }
        let envelope = Envelope(minX: values[0], minY: values[1], maxX: values[2], maxY: values[3])
        guard envelope.minX < envelope.maxX, envelope.minY < envelope.maxY,
              (-180...180).contains(envelope.minX), (-180...180).contains(envelope.maxX),
              (-90...90).contains(envelope.minY), (-90...90).contains(envelope.maxY)
        else { throw APIError(status: 400, code: "invalid_bbox", field: "bbox", arguments: ["value": raw]) }
        return envelope
    }

    private func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

/// Reference codes the API accepts.
enum Codes {
    static let languages = LanguageCode.all
    static let schoolTypes = SchoolImporter.typeCodes
    static let ownership = SchoolImporter.ownershipCodes
}

extension QueryParameters {
    /// Reads a day written "YYYY-MM-DD"; nil when the parameter is absent.
    func day(_ name: String) throws(APIError) -> CalendarDay? {
        guard let raw = text(name) else { return nil }
        do {
            return try CalendarDay(raw, field: name)
        } catch {
            throw APIError(status: 400, code: "invalid_date", field: name, arguments: ["value": raw])
        }
    }
}

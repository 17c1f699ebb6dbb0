import HTTPServer
import JSON
import Localization
import Store

/// The schools registry: the paged list and the reference codes with their labels.
enum SchoolsList {
    /// The maximum page size of the schools list.
    static let maxLimit = 100
    static let sortKeys = ["number", "name", "enrollment", "capacity"]

    static func response(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        let filter = try SchoolListFilter(parameters, districts: city.districtCodes)
        let limit = try parameters.integer("limit", default: 20, range: 1...maxLimit, code: "limit_too_large")!
        let offset: Int
        if let raw = parameters.text("offset") {
            guard let value = Int(raw), value >= 0 else { throw APIError(status: 400, code: "invalid_offset", field: "offset", arguments: ["value": raw]) }
            offset = value
        } else {
            offset = 0
        }
        let sortText = parameters.text("sort") ?? "number"
        let descending = sortText.hasPrefix("-")
        let sortKey = descending ? String(sortText.dropFirst()) : sortText
        guard sortKeys.contains(sortKey) else {
            throw APIError.unknownCode("sort", sortText, allowed: sortKeys + sortKeys.map { "-" + $0 })
        }

        let language = language(of: request)
        var schools = city.snapshot.schools.values.filter(filter.matches)
        schools.sort { a, b in
            let order = compare(a, b, by: sortKey, language: language)
            if order != 0 { return descending ? order > 0 : order < 0 }
            return a.id < b.id
        }
        let page = schools.dropFirst(offset).prefix(limit)

        var object = JSONObject()
        object["total"] = .number(Double(schools.count))
        object["offset"] = .number(Double(offset))
        object["limit"] = .number(Double(limit))
        object["schools"] = .array(page.map { school in
            var entry = SchoolJSON.passport(school, districts: city.districts)
            for field in ["director", "phone", "email", "website", "founded", "profile", "programmes", "accessibility"] { entry[field] = nil }
            return .object(entry)
        })
        if city.city.isDemo { object["demo_data"] = true }
        return .json(.object(object), isCacheable: true)
    }

    /// Orders schools missing a value after those that have it, whatever the direction.
    private static func compare(_ a: School, _ b: School, by key: String, language: Language) -> Int {
        func numbers(_ x: Int?, _ y: Int?) -> Int {
            switch (x, y) {
            case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            }
        }
        switch key {
        case "name":
            let x = a.names.text(for: language.rawValue), y = b.names.text(for: language.rawValue)
            return x == y ? 0 : (x < y ? -1 : 1)
        case "enrollment": return numbers(a.enrollment, b.enrollment)
        case "capacity": return numbers(a.capacity, b.capacity)
        default: return numbers(a.number, b.number)
        }
    }
}

/// Reference dictionaries of a city: codes with labels in kk, ru and en.
enum ReferenceAnswer {
    static func response(city: CityEntry) -> HTTPResponse {
        func entries(_ codes: [String], prefix: String) -> JSONValue {
            .array(codes.map { code in
                let key = "\(prefix).\(code)"
                return ["code": .string(code), "label": [
                    "kk": .string(MessageCatalogue.text(key, .kk)), "ru": .string(MessageCatalogue.text(key, .ru)), "en": .string(MessageCatalogue.text(key, .en)),
                ]]
            })
        }
        var object = JSONObject()
        object["languages"] = entries(Codes.languages, prefix: "language")
        object["school_types"] = entries(Codes.schoolTypes, prefix: "school_type")
        object["ownership"] = entries(Codes.ownership, prefix: "ownership")
        object["districts"] = .array(city.districts.map { district in
            ["code": .string(district.id), "label": ["kk": .string(district.names.kk), "ru": .string(district.names.ru), "en": .string(district.names.en)]]
        })
        return .json(.object(object), isCacheable: true)
    }
}

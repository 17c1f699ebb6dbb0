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
        let limit = try parameters.integer("limit", default: 20, range: 1...maxLimit, code: "invalid_limit")!
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

        // The orders are precomputed, so a request filters in order and never sorts.
        let key = sortKey == "name" ? "name." + language(of: request).rawValue : sortKey
        let ordered = city.schoolOrders[key] ?? []
        let schools = city.schoolList
        let known = ordered.prefix { index in
            switch sortKey {
            case "enrollment": return schools[index].enrollment != nil
            case "capacity": return schools[index].capacity != nil
            case "number": return schools[index].number != nil
            default: return true
            }
        }
        // Descending keeps unknown values last too.
        let sequence = descending ? Array(known.reversed()) + ordered.dropFirst(known.count) : ordered
        var total = 0
        var page: [Int] = []
        for index in sequence where filter.matches(city.schoolKeys[index]) {
            if total >= offset && page.count < limit { page.append(index) }
            total += 1
        }

        return PageWriter.page(name: "schools", items: page, summaries: city.schoolSummaries, hashes: city.schoolSummaryHashes,
                               total: total, offset: offset, limit: limit, isDemo: city.city.isDemo)
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

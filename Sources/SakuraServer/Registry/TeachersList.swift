import HTTPServer
import JSON
import Localization
import Registry
import SakuraCore
import Store

/// The teachers registry: the filtered, sorted, paged list and each teacher's card.
enum TeachersList {
    /// The maximum page size of the teachers list.
    static let maxLimit = 100
    static let sortKeys = ["rating", "name", "experience"]

    static func list(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        let school = parameters.text("school")
        if let school, city.snapshot.schools[school] == nil {
            throw APIError(status: 404, code: "school_not_found", field: "school", arguments: ["school": school, "city": city.city.id])
        }
        let district = try parameters.code("district", allowed: city.districtCodes)
        let language = try parameters.code("language", allowed: Codes.languages)
        let query = parameters.text("q")?.lowercased().replacingOccurrences(of: "ё", with: "е")
        let sort = parameters.text("sort") ?? "rating"
        guard sortKeys.contains(sort) else { throw APIError.unknownCode("sort", sort, allowed: sortKeys) }
        let limit = try parameters.integer("limit", default: 20, range: 1...maxLimit, code: "limit_too_large")!
        let offset: Int
        if let raw = parameters.text("offset") {
            guard let value = Int(raw), value >= 0 else { throw APIError(status: 400, code: "invalid_offset", field: "offset", arguments: ["value": raw]) }
            offset = value
        } else {
            offset = 0
        }

        var entries = city.snapshot.teachers.entries.filter { entry in
            let record = entry.record
            if let school, record.schoolID != school { return false }
            if let district, city.snapshot.schools[record.schoolID]?.district != district { return false }
            if let language, !record.languages.contains(language) { return false }
            if let query, !record.name.lowercased().replacingOccurrences(of: "ё", with: "е").contains(query) { return false }
            return true
        }
        entries.sort { a, b in
            switch sort {
            case "name":
                return (a.record.name, a.record.id) < (b.record.name, b.record.id)
            case "experience":
                let x = a.record.experienceYears ?? -1, y = b.record.experienceYears ?? -1
                return x != y ? x > y : a.record.id < b.record.id
            default:
                // Rated teachers by rank; those with not enough data after them, by name.
                switch (a.rank, b.rank) {
                case let (x?, y?): return x != y ? x < y : a.record.id < b.record.id
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return (a.record.name, a.record.id) < (b.record.name, b.record.id)
                }
            }
        }
        let page = entries.dropFirst(offset).prefix(limit)
        var object = JSONObject()
        object["total"] = .number(Double(entries.count))
        object["offset"] = .number(Double(offset))
        object["limit"] = .number(Double(limit))
        object["teachers"] = .array(page.map { teacherJSON($0, city: city, detailed: false) })
        if city.city.isDemo { object["demo_data"] = true }
        return .json(.object(object), isCacheable: true)
    }

    static func card(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let entry = city.snapshot.teachers.entry(id: id) else {
            throw APIError(status: 404, code: "teacher_not_found", field: "id", arguments: ["teacher": id, "city": city.city.id])
        }
        var object = teacherJSON(entry, city: city, detailed: true).objectValue!
        if city.city.isDemo { object["demo_data"] = true }
        return .json(.object(object), isCacheable: true)
    }

    static func teacherJSON(_ entry: TeacherDirectory.Entry, city: CityEntry, detailed: Bool) -> JSONValue {
        let record = entry.record
        var object = JSONObject()
        object["id"] = .string(record.id)
        object["name"] = .string(record.name)
        let school = city.snapshot.schools[record.schoolID]
        object["school"] = ["id": .string(record.schoolID),
                            "name": school.map { ["kk": .string($0.names.kk), "ru": .string($0.names.ru), "en": .string($0.names.en)] } ?? .null]
        object["district"] = .optional(school?.district)
        object["grades"] = .optional(record.grades)
        object["subjects"] = .optional(record.subjects)
        object["languages"] = .array(record.languages.map { .string($0) })
        object["category"] = .optional(record.category)
        object["experience_years"] = .optional(record.experienceYears)
        object["rating"] = ratingJSON(entry.rating, rank: entry.rank)
        if detailed {
            let years = Set(entry.indicators.map(\.schoolYear)).sorted(by: >)
            object["years"] = .array(years.map { year in
                let rating = TeacherRatingFormula.rate(entry.indicators, weights: city.snapshot.teachers.weights, schoolYear: year)
                return ratingJSON(rating, rank: nil)
            })
            let weights = city.snapshot.teachers.weights
            object["formula"] = [
                "weights": ["expected_level_share": .number(weights.expectedLevelShare), "olympiad_share": .number(weights.olympiadShare),
                            "parent_feedback": .number(weights.parentFeedback)],
                "minimum_pupils": .number(Double(weights.minimumPupils)), "minimum_responses": .number(Double(weights.minimumResponses)),
                "confidence_z": .number(weights.criticalValue),
            ]
        }
        return .object(object)
    }

    /// A rating with its range and sample; "not_enough_data" carries no score or rank.
    static func ratingJSON(_ rating: TeacherRating, rank: Int?) -> JSONValue {
        func rounded(_ value: Double?) -> JSONValue { value.map { .number(($0 * 10).rounded() / 10) } ?? .null }
        func share(_ value: Double?) -> JSONValue { value.map { .number(($0 * 10000).rounded() / 10000) } ?? .null }
        var object = JSONObject()
        object["status"] = .string(rating.status.rawValue)
        object["school_year"] = .optional(rating.schoolYear)
        object["score"] = rounded(rating.score)
        object["lower"] = rounded(rating.lower)
        object["upper"] = rounded(rating.upper)
        object["rank"] = .optional(rank)
        object["sample_size"] = .number(Double(rating.sampleSize))
        object["indicators"] = .array(rating.indicators.map { indicator in
            ["kind": .string(indicator.kind.rawValue), "value": share(indicator.value), "lower": share(indicator.lower),
             "upper": share(indicator.upper), "sample_size": .number(Double(indicator.sampleSize)), "sufficient": .bool(indicator.isSufficient)]
        })
        return .object(object)
    }
}

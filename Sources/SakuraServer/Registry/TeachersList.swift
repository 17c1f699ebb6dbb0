import Gazetteer
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
        // Folded like names in the gazetteer, so "Мухаметжанова" finds "Мұхаметжанова".
        let query = parameters.text("q").map(TextFolding.fold)
        let sort = parameters.text("sort") ?? "rating"
        guard sortKeys.contains(sort) else { throw APIError.unknownCode("sort", sort, allowed: sortKeys) }
        let limit = try parameters.integer("limit", default: 20, range: 1...maxLimit, code: "invalid_limit")!
        let offset: Int
        if let raw = parameters.text("offset") {
            guard let value = Int(raw), value >= 0 else { throw APIError(status: 400, code: "invalid_offset", field: "offset", arguments: ["value": raw]) }
            offset = value
        } else {
            offset = 0
        }

        // The orders are precomputed and the filters compare small integers, so a request over
        // thousands of teachers neither sorts nor touches their strings.
        let directory = city.snapshot.teachers
        let schoolNumber: Int32? = school.map { directory.schoolNumber($0) ?? -2 }
        let districtNumber: Int32? = district.map { directory.districtNumber($0) }
        let kind: TeacherDirectory.Order = sort == "name" ? .name : (sort == "experience" ? .experience : .rating)
        let order = directory.indexes(in: kind, school: schoolNumber, district: districtNumber)
        let languageBit = language.map(TeacherDirectory.languageBit)
        var total = 0
        var page: [Int] = []
        directory.filterKeys.withUnsafeBufferPointer { keys in
            for index in order {
                let key = keys[index]
                if let schoolNumber, key.school != schoolNumber { continue }
                if let districtNumber, key.district != districtNumber || districtNumber < 0 { continue }
                if let languageBit, key.languages & languageBit == 0 { continue }
                if let query, !directory.foldedNames[index].contains(query) { continue }
                if total >= offset && page.count < limit { page.append(index) }
                total += 1
            }
        }

        return PageWriter.page(name: "teachers", items: page, summaries: city.teacherSummaries, hashes: city.teacherSummaryHashes,
                               total: total, offset: offset, limit: limit, isDemo: city.city.isDemo)
    }

    static func card(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let entry = city.snapshot.teachers.entry(id: id) else {
            throw APIError(status: 404, code: "teacher_not_found", field: "id", arguments: ["teacher": id, "city": city.city.id])
        }
        var object = teacherJSON(entry, snapshot: city.snapshot, weights: city.snapshot.teachers.weights, detailed: true).objectValue!
        if city.city.isDemo { object["demo_data"] = true }
        return .json(.object(object), isCacheable: true)
    }

    static func teacherJSON(_ entry: TeacherDirectory.Entry, snapshot: CitySnapshot, weights: RatingWeights, detailed: Bool) -> JSONValue {
        let record = entry.record
        var object = JSONObject()
        object["id"] = .string(record.id)
        object["name"] = .string(record.name)
        let school = snapshot.schools[record.schoolID]
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
                let rating = TeacherRatingFormula.rate(entry.indicators, weights: weights, schoolYear: year)
                // Teachers are ranked on the latest school year only, so earlier years carry no rank.
                return ratingJSON(rating, rank: year == entry.rating.schoolYear ? entry.rank : nil)
            })
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

/// Writes a page of a list from items rendered when the snapshot was built.
enum PageWriter {
    /// `{"total", "offset", "limit", NAME: [items]}`, with an entity tag made from the items' hashes
    /// instead of hashing the whole body.
    static func page(name: String, items: [Int], summaries: [[UInt8]], hashes: [UInt64], total: Int, offset: Int, limit: Int, isDemo: Bool) -> HTTPResponse {
        var writer = JSONWriter(reservingCapacity: 1024 + items.reduce(0) { $0 + summaries[$1].count })
        writer.writeRaw("{\"total\":\(total),\"offset\":\(offset),\"limit\":\(limit),")
        writer.write(string: name)
        writer.writeRaw(":[")
        var hasher = FNV1a64()
        hasher.combine(UInt64(total))
        hasher.combine(UInt64(offset))
        hasher.combine(UInt64(limit))
        for (position, item) in items.enumerated() {
            if position > 0 { writer.writeRaw(",") }
            writer.append(summaries[item])
            hasher.combine(hashes[item])
        }
        writer.writeRaw("]")
        if isDemo { writer.writeRaw(",\"demo_data\":true") }
        writer.writeRaw("}")
        var response = HTTPResponse(status: 200, body: writer.bytes, isCacheable: true)
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        let hex = String(hasher.value, radix: 16)
        response.entityTag = "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
        return response
    }
}

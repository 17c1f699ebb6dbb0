import Catchment
import Geometry
import HTTPServer
import JSON
import Store

/// JSON forms of a school.
enum SchoolJSON {
    /// Renders every passport field, with absent values as null so clients see the full shape.
    /// Without `contacts` the director, contacts, founding year, profile, programmes and
    /// accessibility are left out, as in the schools list.
    static func passport(_ school: School, districts: [District], contacts: Bool = true) -> JSONObject {
        var object = JSONObject()
        object["id"] = .string(school.id)
        object["number"] = .optional(school.number)
        object["name"] = ["kk": .string(school.names.kk), "ru": .string(school.names.ru), "en": .string(school.names.en)]
        object["languages"] = .array(school.languages.map { .string($0) })
        object["type"] = .optional(school.type)
        object["ownership"] = .optional(school.ownership)
        if let districtID = school.district, let district = districts.first(where: { $0.id == districtID }) {
            object["district"] = ["id": .string(district.id), "name": ["kk": .string(district.names.kk), "ru": .string(district.names.ru), "en": .string(district.names.en)]]
        } else {
            object["district"] = school.district.map { ["id": .string($0)] } ?? .null
        }
        object["address"] = ["kk": .optional(school.addressKK), "ru": .optional(school.addressRU)]
        object["location"] = school.location.map { ["lat": .number($0.y), "lon": .number($0.x)] } ?? .null
        object["grades"] = .optional(school.grades)
        object["shifts"] = .optional(school.shifts)
        object["capacity"] = .optional(school.capacity)
        object["enrollment"] = .optional(school.enrollment)
        if let places = school.freePlaces {
            var byGrade = JSONObject()
            for (grade, count) in places.sorted(by: { $0.key < $1.key }) { byGrade[String(grade)] = .number(Double(count)) }
            object["free_places"] = .object(byGrade)
        } else {
            object["free_places"] = .null
        }
        guard contacts else { return object }
        object["director"] = .optional(school.director)
        object["phone"] = .optional(school.phone)
        object["email"] = .optional(school.email)
        object["website"] = .optional(school.website)
        object["founded"] = .optional(school.founded)
        object["profile"] = .optional(school.profile)
        object["programmes"] = .optional(school.programmes)
        object["accessibility"] = .optional(school.accessibility)
        return object
    }
}

/// The schools map layer: located schools as GeoJSON points, filtered like the schools list.
enum SchoolLayer {
    static func response(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        let filter = try SchoolListFilter(parameters, districts: city.districtCodes)
        let bbox = try parameters.boundingBox()

        var features: [JSONValue] = []
        for (index, school) in city.schoolList.enumerated() {
            guard let location = school.location, filter.matches(city.schoolKeys[index]) else { continue }
            if let bbox, !bbox.covers(location) { continue }
            var properties = JSONObject()
            properties["id"] = .string(school.id)
            properties["number"] = .optional(school.number)
            properties["name"] = ["kk": .string(school.names.kk), "ru": .string(school.names.ru), "en": .string(school.names.en)]
            properties["languages"] = .array(school.languages.map { .string($0) })
            properties["type"] = .optional(school.type)
            properties["ownership"] = .optional(school.ownership)
            properties["district"] = .optional(school.district)
            features.append(GeoJSONWriter.feature(.point(location), properties: properties, id: .string(school.id)))
        }
        var collection = GeoJSONWriter.featureCollection(features).objectValue!
        if city.city.isDemo { collection["demo_data"] = true }
        return .json(.object(collection), isCacheable: true, contentType: "application/geo+json")
    }
}

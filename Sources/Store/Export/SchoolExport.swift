import Geometry
import JSON

/// Writes schools back out with the column names the importer reads, so an export imports unchanged.
public enum SchoolExport {
    /// The CSV columns, in order.
    public static let columns = [
        "id", "number", "name_kk", "name_ru", "name_en", "languages", "type", "ownership", "district", "address_kk", "address_ru",
        "lat", "lon", "grades", "shifts", "capacity", "enrollment", "free_places", "director", "phone", "email", "website",
        "founded", "profile", "programmes", "accessibility",
    ]

    static func values(_ school: School) -> [String: String] {
        var values: [String: String] = [
            "id": school.id, "name_kk": school.names.kk, "name_ru": school.names.ru, "name_en": school.names.en,
            "languages": school.languages.joined(separator: ","),
        ]
        values["number"] = school.number.map(String.init)
        values["type"] = school.type
        values["ownership"] = school.ownership
        values["district"] = school.district
        values["address_kk"] = school.addressKK
        values["address_ru"] = school.addressRU
        values["lat"] = school.location.map { String($0.y) }
        values["lon"] = school.location.map { String($0.x) }
        values["grades"] = school.grades
        values["shifts"] = school.shifts.map(String.init)
        values["capacity"] = school.capacity.map(String.init)
        values["enrollment"] = school.enrollment.map(String.init)
        values["free_places"] = school.freePlaces.map { places in
            places.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        }
        values["director"] = school.director
        values["phone"] = school.phone
        values["email"] = school.email
        values["website"] = school.website
        values["founded"] = school.founded.map(String.init)
        values["profile"] = school.profile
        values["programmes"] = school.programmes
        values["accessibility"] = school.accessibility
        return values
    }

    /// Renders the schools as RFC 4180 CSV with a header row.
    public static func csv(_ schools: [School]) -> String {
        func quoted(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [columns.joined(separator: ",")]
        for school in schools {
            let values = values(school)
            lines.append(columns.map { quoted(values[$0] ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Renders the schools as a GeoJSON FeatureCollection; a school without a location has a null geometry.
    public static func geoJSON(_ schools: [School]) -> JSONValue {
        let features: [JSONValue] = schools.map { school in
            var properties = JSONObject()
            let values = values(school)
            for column in columns where column != "lat" && column != "lon" {
                guard let value = values[column] else { continue }
                switch column {
                case "number", "shifts", "capacity", "enrollment", "founded": properties[column] = Int(value).map { .number(Double($0)) } ?? .string(value)
                default: properties[column] = .string(value)
                }
            }
            return GeoJSONWriter.feature(school.location.map { .point($0) }, properties: properties)
        }
        return GeoJSONWriter.featureCollection(features)
    }
}

import Foundation

import Geometry
import JSON

extension SakuraStore {
    /// Replaces every school of the city with `schools`; call inside a transaction to keep it atomic.
    public func replaceSchools(cityID: String, _ schools: [School]) throws {
        try database.prepare("DELETE FROM schools WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("""
            INSERT INTO schools (city_id, id, number, name_kk, name_ru, name_en, languages, type, ownership, district,
                address_kk, address_ru, lon, lat, grades, shifts, capacity, enrollment, director, phone, email, website,
                founded, profile, programmes, accessibility, properties, free_places)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)
            """)
        for school in schools {
            try insert.run([
                .text(cityID), .text(school.id), .optional(school.number),
                .text(school.names.kk), .text(school.names.ru), .text(school.names.en),
                .text(school.languages.joined(separator: ",")), .optional(school.type), .optional(school.ownership), .optional(school.district),
                .optional(school.addressKK), .optional(school.addressRU), .optional(school.location?.x), .optional(school.location?.y),
                .optional(school.grades), .optional(school.shifts), .optional(school.capacity), .optional(school.enrollment),
                .optional(school.director), .optional(school.phone), .optional(school.email), .optional(school.website),
                .optional(school.founded), .optional(school.profile), .optional(school.programmes), .optional(school.accessibility),
                .text(JSONWriter.string(.object(school.properties))),
                school.freePlaces.map { places in
                    var object = JSONObject()
                    for (grade, count) in places.sorted(by: { $0.key < $1.key }) { object[String(grade)] = .number(Double(count)) }
                    return .text(JSONWriter.string(.object(object)))
                } ?? .null,
            ])
        }
    }

    /// Returns every school of the city, by id.
    public func schools(cityID: String) throws -> [School] {
        try database.prepare(Self.schoolSelect + " WHERE city_id = ?1 ORDER BY id").rows([.text(cityID)], Self.readSchool)
    }

    public func school(cityID: String, id: String) throws -> School? {
        try database.prepare(Self.schoolSelect + " WHERE city_id = ?1 AND id = ?2").rows([.text(cityID), .text(id)], Self.readSchool).first
    }

    private static let schoolSelect = """
        SELECT id, number, name_kk, name_ru, name_en, languages, type, ownership, district, address_kk, address_ru, lon, lat,
            grades, shifts, capacity, enrollment, director, phone, email, website, founded, profile, programmes, accessibility, properties,
            free_places
        FROM schools
        """

    private static func readSchool(_ row: Row) throws -> School {
        var school = School(
            id: row.text(0), number: row.optionalInt(1),
            names: LocalizedName(kk: row.text(2), ru: row.text(3), en: row.text(4)),
            languages: row.text(5).split(separator: ",").map(String.init),
            type: row.optionalText(6), ownership: row.optionalText(7), district: row.optionalText(8),
            addressKK: row.optionalText(9), addressRU: row.optionalText(10),
            location: row.isNull(11) ? nil : Position(x: row.double(11), y: row.double(12)))
        school.grades = row.optionalText(13)
        school.shifts = row.optionalInt(14)
        school.capacity = row.optionalInt(15)
        school.enrollment = row.optionalInt(16)
        school.director = row.optionalText(17)
        school.phone = row.optionalText(18)
        school.email = row.optionalText(19)
        school.website = row.optionalText(20)
        school.founded = row.optionalInt(21)
        school.profile = row.optionalText(22)
        school.programmes = row.optionalText(23)
        school.accessibility = row.optionalText(24)
        school.properties = (try? JSONParser.parse(row.text(25)).objectValue) ?? JSONObject()
        if let text = row.optionalText(26), let object = (try? JSONParser.parse(text))?.objectValue {
            var places: [Int: Int] = [:]
            for (grade, count) in object.members { if let grade = Int(grade), let count = count.intValue { places[grade] = count } }
            school.freePlaces = places
        }
        return school
    }
}

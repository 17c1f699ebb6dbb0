extension SakuraStore {
    /// Replaces every teacher of the city; call inside a transaction to keep it atomic.
    public func replaceTeachers(cityID: String, _ teachers: [TeacherRecord]) throws {
        try database.prepare("DELETE FROM teachers WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("""
            INSERT INTO teachers (city_id, id, school_id, name, grades, subjects, languages, category, experience_years)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """)
        for teacher in teachers {
            try insert.run([.text(cityID), .text(teacher.id), .text(teacher.schoolID), .text(teacher.name), .optional(teacher.grades),
                            .optional(teacher.subjects), .text(teacher.languages.joined(separator: ",")), .optional(teacher.category),
                            .optional(teacher.experienceYears)])
        }
    }

    /// Returns every teacher of the city, by id.
    public func teachers(cityID: String) throws -> [TeacherRecord] {
        try database.prepare("""
            SELECT id, school_id, name, grades, subjects, languages, category, experience_years FROM teachers WHERE city_id = ?1 ORDER BY id
            """).rows([.text(cityID)]) { row in
            TeacherRecord(id: row.text(0), schoolID: row.text(1), name: row.text(2), grades: row.optionalText(3), subjects: row.optionalText(4),
                          languages: row.text(5).split(separator: ",").map(String.init), category: row.optionalText(6),
                          experienceYears: row.optionalInt(7))
        }
    }

    /// Replaces every teacher indicator of the city; call inside a transaction to keep it atomic.
    public func replaceIndicators(cityID: String, _ indicators: [IndicatorRecord]) throws {
        try database.prepare("DELETE FROM teacher_indicators WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("""
            INSERT INTO teacher_indicators (city_id, teacher_id, school_year, kind, successes, mean_score, standard_deviation, sample_size)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        for indicator in indicators {
            try insert.run([.text(cityID), .text(indicator.teacherID), .text(indicator.schoolYear), .text(indicator.kind),
                            .optional(indicator.successes), .optional(indicator.meanScore), .optional(indicator.standardDeviation),
                            .integer(Int64(indicator.sampleSize))])
        }
    }

    /// Returns every teacher indicator of the city.
    public func indicators(cityID: String) throws -> [IndicatorRecord] {
        try database.prepare("""
            SELECT teacher_id, school_year, kind, successes, mean_score, standard_deviation, sample_size
            FROM teacher_indicators WHERE city_id = ?1 ORDER BY teacher_id, school_year, kind
            """).rows([.text(cityID)]) { row in
            IndicatorRecord(teacherID: row.text(0), schoolYear: row.text(1), kind: row.text(2), successes: row.optionalInt(3),
                            meanScore: row.optionalDouble(4), standardDeviation: row.optionalDouble(5), sampleSize: Int(row.int(6)))
        }
    }

    /// Stores a city setting (for example the rating weights as JSON).
    public func setSetting(cityID: String, key: String, value: String) throws {
        try database.prepare("""
            INSERT INTO city_settings (city_id, key, value) VALUES (?1, ?2, ?3) ON CONFLICT (city_id, key) DO UPDATE SET value = ?3
            """).run([.text(cityID), .text(key), .text(value)])
    }

    /// Returns a city setting, or nil.
    public func setting(cityID: String, key: String) throws -> String? {
        try database.prepare("SELECT value FROM city_settings WHERE city_id = ?1 AND key = ?2").rows([.text(cityID), .text(key)]) { $0.text(0) }.first
    }
}

extension SakuraStore {
    /// Inserts or replaces register people; call inside a transaction to keep a batch atomic.
    public func upsertPeople(_ people: [RegisterPersonRecord]) throws {
        let insert = try database.prepare("""
            INSERT INTO register_people (iin, surname, given_name, patronymic, birth_date, sex, citizenship, phone, is_demo)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (iin) DO UPDATE SET surname = ?2, given_name = ?3, patronymic = ?4, birth_date = ?5, sex = ?6,
                citizenship = ?7, phone = ?8, is_demo = ?9
            """)
        for person in people {
            try insert.run([.text(person.iin), .text(person.surname), .text(person.givenName), .optional(person.patronymic),
                            .text(person.birthDate), .text(person.sex), .text(person.citizenship), .optional(person.phone),
                            .integer(person.isDemo ? 1 : 0)])
        }
    }

    /// Inserts or replaces parent–child links; both people must exist.
    public func upsertLinks(_ links: [RegisterLinkRecord]) throws {
        let insert = try database.prepare("""
            INSERT INTO register_links (parent_iin, child_iin, relation) VALUES (?1, ?2, ?3)
            ON CONFLICT (parent_iin, child_iin) DO UPDATE SET relation = ?3
            """)
        for link in links {
            try insert.run([.text(link.parentIIN), .text(link.childIIN), .text(link.relation)])
        }
    }

    /// Returns the register person with this IIN, or nil.
    public func registerPerson(iin: String) throws -> RegisterPersonRecord? {
        try database.prepare("""
            SELECT iin, surname, given_name, patronymic, birth_date, sex, citizenship, phone, is_demo FROM register_people WHERE iin = ?1
            """).rows([.text(iin)]) { row in
            RegisterPersonRecord(iin: row.text(0), surname: row.text(1), givenName: row.text(2), patronymic: row.optionalText(3),
                                 birthDate: row.text(4), sex: row.text(5), citizenship: row.text(6), phone: row.optionalText(7),
                                 isDemo: row.int(8) != 0)
        }.first
    }

    /// Returns the link from parent to child, or nil when the register records none.
    public func registerLink(parentIIN: String, childIIN: String) throws -> RegisterLinkRecord? {
        try database.prepare("SELECT parent_iin, child_iin, relation FROM register_links WHERE parent_iin = ?1 AND child_iin = ?2")
            .rows([.text(parentIIN), .text(childIIN)]) { RegisterLinkRecord(parentIIN: $0.text(0), childIIN: $0.text(1), relation: $0.text(2)) }
            .first
    }

    /// Returns the IINs of the children linked to a parent, in IIN order.
    public func registerChildren(parentIIN: String) throws -> [String] {
        try database.prepare("SELECT child_iin FROM register_links WHERE parent_iin = ?1 ORDER BY child_iin")
            .rows([.text(parentIIN)]) { $0.text(0) }
    }

    /// The number of people in the register.
    public func registerPeopleCount() throws -> Int {
        try database.prepare("SELECT count(*) FROM register_people").rows { Int($0.int(0)) }.first ?? 0
    }
}

import Store

/// The embedded population register: the `register_people` and `register_links` tables,
/// filled from CSV by `RegisterImporter` (the demo city ships generated people).
public struct SQLitePopulationRegister: PopulationRegister {
    let database: IdentityDatabase
    let log: IdentityLog

    public init(database: IdentityDatabase, log: IdentityLog = .discard) {
        self.database = database
        self.log = log
    }

    public func person(_ iin: IIN) throws(EnrollmentError) -> RegisterPerson? {
        let record: RegisterPersonRecord?
        do {
            record = try database.read { try $0.registerPerson(iin: iin.digits) }
        } catch {
            log.error("register lookup failed", nil, [("iin", iin.masked), ("error", String(describing: error))])
            throw EnrollmentError.unavailable("register_unavailable")
        }
        guard let record else { return nil }
        guard let birthDate = CalendarDate(iso: record.birthDate), let sex = Sex(rawValue: record.sex) else {
            log.error("register row is invalid", nil, [("iin", iin.masked)])
            throw EnrollmentError.unavailable("register_unavailable")
        }
        return RegisterPerson(iin: iin, surname: record.surname, givenName: record.givenName, patronymic: record.patronymic,
                              birthDate: birthDate, sex: sex, citizenship: record.citizenship,
                              phone: record.phone.flatMap { PhoneNumber(e164: $0) })
    }

    public func representation(parent: IIN, child: IIN) throws(EnrollmentError) -> Representation? {
        do {
            let link = try database.read { try $0.registerLink(parentIIN: parent.digits, childIIN: child.digits) }
            return link.flatMap { Representation(rawValue: $0.relation) }
        } catch {
            log.error("register link lookup failed", nil, [("parent_iin", parent.masked), ("child_iin", child.masked),
                                                          ("error", String(describing: error))])
            throw EnrollmentError.unavailable("register_unavailable")
        }
    }
}

import Enrollment
import HTTPServer
import JSON

extension IdentityAPI {
    /// `POST /api/v1/identity/check-iin`: "Check IIN" of the application flow.
    ///
    /// `{"iin", "parent_iin" (optional), "confirmation_token" (unless logged in)}` validates the
    /// number (an invalid one is rejected naming the failed rule) and looks the person up in the
    /// register; with `parent_iin`, it also says whether that parent is the legal representative.
    /// `{"manual": "no_iin"|"born_abroad", "surname", "given_name", "patronymic", "birth_date",
    /// "iin" (born abroad only)}` validates a person entered by hand and marks them as declared.
    static func checkIIN(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["iin", "parent_iin", "confirmation_token", "manual", "surname", "given_name",
                                                      "patronymic", "birth_date"])
        if body.contains("manual") { return try declared(body, identity) }

        let authorization: CheckAuthorization?
        if let token = try body.optionalString("confirmation_token") {
            authorization = .phoneConfirmation(token)
        } else if SessionCredentials.token(request) != nil {
            authorization = .session(try SessionCredentials.session(request, identity, stateChanging: true))
        } else {
            authorization = nil
        }
        let check = try identity.service.checkIIN(try body.string("iin"), parentIIN: try body.optionalString("parent_iin"),
                                                  authorization: authorization, client: client(request))

        var object = JSONObject()
        object["iin"] = .string(check.iin.digits)
        object["valid"] = true
        object["birth_date"] = .string(check.iin.birthDate.iso)
        object["sex"] = .string(check.iin.sex.rawValue)
        object["source"] = "register"
        object["found"] = .bool(check.found)
        object["person"] = check.person.map(personJSON) ?? .null
        // Someone else's record stays private: only its existence is confirmed.
        if check.found && check.person == nil { object["details_withheld"] = true }
        if check.checkedRepresentation {
            object["representative"] = .bool(check.representation != nil)
            object["relation"] = check.representation.map { .string($0.rawValue) } ?? .null
        }
        return .json(.object(object))
    }

    private static func declared(_ body: RequestBody, _ identity: IdentityServices) throws -> HTTPResponse {
        let reasonText = try body.string("manual")
        guard let reason = DeclaredPerson.Reason(rawValue: reasonText) else {
            let allowed = DeclaredPerson.Reason.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(status: 400, code: "unknown_manual_reason", field: "manual", arguments: ["allowed": allowed])
        }
        let person = try DeclaredPerson(reason: reason, iin: try body.optionalString("iin"), surname: try body.string("surname"),
                                        givenName: try body.string("given_name"), patronymic: try body.optionalString("patronymic"),
                                        birthDate: try body.string("birth_date"), today: CalendarDate(identity.service.now))
        return .json([
            "source": "declared", "reason": .string(reason.rawValue),
            "person": [
                "iin": person.iin.map { .string($0.digits) } ?? .null, "surname": .string(person.surname),
                "given_name": .string(person.givenName), "patronymic": .optional(person.patronymic),
                "birth_date": .string(person.birthDate.iso),
            ],
        ])
    }

    private static func personJSON(_ person: RegisterPerson) -> JSONValue {
        [
            "surname": .string(person.surname), "given_name": .string(person.givenName), "patronymic": .optional(person.patronymic),
            "birth_date": .string(person.birthDate.iso), "sex": .string(person.sex.rawValue), "citizenship": .string(person.citizenship),
        ]
    }
}

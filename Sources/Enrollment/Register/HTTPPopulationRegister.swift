import HTTPServer
import JSON

/// An outside population register reached over HTTP, with JSON bodies.
///
/// Requests (both POST, `Content-Type: application/json`, `Authorization: Bearer TOKEN` when a
/// token is configured). The IINs travel in the body, not in the URL, so they stay out of the
/// access logs of proxies on the way:
///
/// - `POST {base}/persons/lookup` with `{"iin": "…"}` returns 200 with `{"iin", "surname",
///   "given_name", "patronymic" (optional), "birth_date": "YYYY-MM-DD", "sex": "male"|"female",
///   "citizenship": "KZ", "phone": "+77…" (optional)}`, or 404 when the register has no such person.
/// - `POST {base}/representations/check` with `{"parent_iin": "…", "child_iin": "…"}` returns 200
///   with `{"relation": "parent"|"guardian"|null}`.
///
/// Each request gets `client.connectTimeout` to connect and `client.readTimeout` for the whole
/// answer, and is sent once more after a network error or a 5xx status, because look-ups
/// change nothing. Any other failure becomes `EnrollmentError` "register_unavailable" (HTTP 503).
public struct HTTPPopulationRegister: PopulationRegister {
    public let baseURL: ClientURL
    public let bearerToken: String?
    public let client: HTTPClient
    /// Extra attempts after a transient failure.
    public let retries: Int
    let log: IdentityLog

    public init(baseURL: ClientURL, bearerToken: String?, client: HTTPClient = HTTPClient(connectTimeout: 2, readTimeout: 5),
                retries: Int = 1, log: IdentityLog = .discard) {
        self.baseURL = baseURL
        self.bearerToken = bearerToken
        self.client = client
        self.retries = retries
        self.log = log
    }

    public func person(_ iin: IIN) throws(EnrollmentError) -> RegisterPerson? {
        let response = try post("persons/lookup", ["iin": .string(iin.digits)], logFields: [("iin", iin.masked)])
        if response.status == 404 { return nil }
        guard response.status == 200, let body = try? JSONParser.parse(bytes: response.body),
              let person = Self.person(from: body, expected: iin) else {
            log.error("register answer is invalid", nil, [("iin", iin.masked), ("status", String(response.status))])
            throw EnrollmentError.unavailable("register_unavailable")
        }
        return person
    }

    public func representation(parent: IIN, child: IIN) throws(EnrollmentError) -> Representation? {
        let fields = [("parent_iin", parent.masked), ("child_iin", child.masked)]
        let response = try post("representations/check", ["parent_iin": .string(parent.digits), "child_iin": .string(child.digits)],
                                logFields: fields)
        guard response.status == 200, let body = try? JSONParser.parse(bytes: response.body), let relation = body["relation"] else {
            log.error("register answer is invalid", nil, fields + [("status", String(response.status))])
            throw EnrollmentError.unavailable("register_unavailable")
        }
        if relation.isNull { return nil }
        guard let text = relation.stringValue, let value = Representation(rawValue: text) else {
            log.error("register answer has an unknown relation", nil, fields)
            throw EnrollmentError.unavailable("register_unavailable")
        }
        return value
    }

    private func post(_ path: String, _ body: JSONValue, logFields: [(String, String)]) throws(EnrollmentError) -> HTTPClientResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        headers.set("Accept", "application/json")
        if let bearerToken { headers.set("Authorization", "Bearer \(bearerToken)") }
        let url = baseURL.appending(path: path)
        let bytes = JSONWriter.encode(body)

        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try client.send(method: "POST", url: url, headers: headers, body: bytes)
                if response.status >= 500 && attempt <= retries {
                    log.warning("register answered an error; retrying", nil, logFields + [("status", String(response.status)), ("attempt", String(attempt))])
                    continue
                }
                return response
            } catch {
                if error.isTransient && attempt <= retries {
                    log.warning("register request failed; retrying", nil, logFields + [("error", error.description), ("attempt", String(attempt))])
                    continue
                }
                log.error("register request failed", nil, logFields + [("error", error.description), ("attempts", String(attempt))])
                throw EnrollmentError.unavailable("register_unavailable")
            }
        }
    }

    static func person(from body: JSONValue, expected iin: IIN) -> RegisterPerson? {
        guard body["iin"]?.stringValue == iin.digits,
              let surname = body["surname"]?.stringValue, !surname.isEmpty,
              let givenName = body["given_name"]?.stringValue, !givenName.isEmpty,
              let birthText = body["birth_date"]?.stringValue, let birthDate = CalendarDate(iso: birthText),
              let sexText = body["sex"]?.stringValue, let sex = Sex(rawValue: sexText),
              let citizenship = body["citizenship"]?.stringValue, citizenship.count == 2 else { return nil }
        let phone = body["phone"]?.stringValue.flatMap { PhoneNumber(e164: $0) }
        return RegisterPerson(iin: iin, surname: surname, givenName: givenName, patronymic: body["patronymic"]?.stringValue,
                              birthDate: birthDate, sex: sex, citizenship: citizenship, phone: phone)
    }
}

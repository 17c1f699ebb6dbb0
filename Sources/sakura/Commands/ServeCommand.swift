import Dispatch
import Enrollment
import Foundation
import HTTPServer
import SakuraCore
import SakuraServer
import Store
import Synchronization

enum ServeCommand {
    static let help = """
        Usage: sakura serve [--db PATH] [--host ADDRESS] [--port N] [--threads N]
                            [--identity-config FILE] [--secret-file PATH] [--secure-cookies]

        Serves the public API v1 (/api/v1/…), the planner API (/api/v1/cities/{city}/plans…, with a
        staff token from sakura users add), parent login and settings (/api/v1/auth/…,
        /api/v1/me/settings), /health and /metrics over HTTP/1.1 until SIGTERM or SIGINT, then
        finishes requests in flight (up to 10 s) and exits with 0. Without --db it builds a
        database from the shipped demo city (geodata/) on first start. Logs one line per request
        (request id, method, path without query, status, bytes, duration) to standard error.
        Without --identity-config, SMS and e-mail go to the development outbox in the database
        (read them with sakura outbox) and IINs are checked against the embedded register.

        Options:
          --db PATH              SQLite database made by sakura import (default: the demo city)
          --host ADDRESS         IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
          --port N               TCP port, 0 to pick a free one (default 8080)
          --threads N            event-loop threads, 1 to 256 (default: one per core)
          --identity-config FILE JSON file with the SMS and e-mail gateways, the population register
                                 and password_iterations (see README)
          --secret-file PATH     server secret for hashing codes, created on first start
                                 (default: the database path plus .secret)
          --secure-cookies       mark session cookies Secure, for a server reached over TLS
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help", "secure-cookies"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        var configuration = ServerConfiguration()
        configuration.host = args.option("host") ?? configuration.host
        configuration.port = UInt16(try args.integer("port", default: 8080, range: 0...65535))
        configuration.threads = try args.integer("threads", default: configuration.threads, range: 1...256)
        let path = try args.databasePath(requireExisting: true)
        let identityOptions = IdentityOptions(databasePath: path, secretPath: args.option("secret-file"),
                                              configurationFile: args.option("identity-config"), secureCookies: args.flag("secure-cookies"))
        try args.rejectUnknown()
        guard args.positional.isEmpty else { throw UsageError(message: "sakura serve takes no positional arguments") }

        let log = ServerLog()
        let started = Date()
        let catalog = try CityCatalog(store: try SakuraStore(path: path))
        for city in catalog.summary {
            log.event("info", "city loaded", ["city": city.id, "catchments": String(city.catchments), "schools": String(city.schools),
                                              "demo": String(city.isDemo)])
        }
        log.event("info", "database loaded", ["db": path, "cities": String(catalog.cityCount),
                                               "seconds": String(format: "%.3f", Date().timeIntervalSince(started))])

        let identity = try IdentitySetup.make(identityOptions, log: log)
        let maintenance = purgeEveryHour(identity.service)
        defer { maintenance.cancel() }

        let serverBox = Mutex<HTTPServer?>(nil)
        let planning = try PlanningDesk(storePath: path, catalog: catalog, log: log)
        let router = SakuraAPI.router(catalog: catalog, planning: planning, identity: identity) { serverBox.withLock { $0?.metrics } }
        let server = HTTPServer(configuration: configuration, router: router, log: log, errorResponder: apiErrorResponder)
        serverBox.withLock { $0 = server }
        try server.run()
        return 0
    }

    /// Deletes expired codes, tokens, sessions and rate-limit events now and then every hour.
    static func purgeEveryHour(_ service: IdentityService) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "sakura.identity.purge"))
        timer.schedule(deadline: .now(), repeating: .seconds(3600))
        timer.setEventHandler { service.purgeExpired() }
        timer.resume()
        return timer
    }
}

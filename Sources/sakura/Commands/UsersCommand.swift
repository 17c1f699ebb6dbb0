import Foundation
import SakuraCore
import Store

enum UsersCommand {
    static let help = """
        Usage: sakura users add [--db PATH] --role planner|staff|admin [--city ID] --name NAME
               sakura users list [--db PATH]
               sakura users disable [--db PATH] ID

        Manages staff accounts of the planner and staff API. "add" prints the new account's API token
        once: only its SHA-256 hash is stored, so a lost token cannot be shown again; disable the
        account and add a new one instead. The token goes in the header "Authorization: Bearer TOKEN".

        Roles: planner edits, checks and publishes the catchment plans of its city; staff reviews
        applications of its city; admin does what a planner does, in its city or, without --city,
        in every city.

        Options:
          --db PATH     SQLite database (default: the demo city)
          --role ROLE   planner, staff or admin
          --city ID     the city the account works in (required except for an admin of every city)
          --name NAME   the person's name, as history and the audit log show it
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help"])
        if args.flag("help") || args.positional.isEmpty {
            printLine(help)
            return args.positional.isEmpty && !arguments.contains("--help") ? 2 : 0
        }
        let action = args.positional[0]
        let store = try SakuraStore(path: try args.databasePath(requireExisting: true))

        switch action {
        case "add":
            let roleText = try args.required("role", hint: "planner, staff or admin")
            guard let role = StaffUser.Role(rawValue: roleText) else {
                throw UsageError(message: "--role \(roleText): unknown role; use planner, staff or admin")
            }
            let name = try args.required("name", hint: "the person's name")
            let cityID = args.option("city")
            try args.rejectUnknown()
            guard args.positional.count == 1 else { throw UsageError(message: "sakura users add takes no positional arguments") }
            let (user, token) = try StaffTokens.addUser(name: name, role: role, cityID: cityID, store: store)
            printLine("added user \(user.id): \(user.name), \(user.role.rawValue)" + (user.cityID.map { " of \($0)" } ?? " of every city"))
            printLine("token (shown once, store it safely): \(token)")
            return 0
        case "list":
            try args.rejectUnknown()
            for user in try store.staffUsers() {
                let state = user.disabledAt.map { "disabled \($0)" } ?? "active"
                printLine("\(user.id)\t\(user.role.rawValue)\t\(user.cityID ?? "*")\t\(state)\t\(user.name)")
            }
            return 0
        case "disable":
            try args.rejectUnknown()
            guard args.positional.count == 2, let id = Int(args.positional[1]) else {
                throw UsageError(message: "sakura users disable takes the numeric id of the account, as sakura users list shows it")
            }
            try store.disableStaffUser(id: id)
            try store.recordAudit(user: nil, userName: "command line", cityID: try store.staffUser(id: id)?.cityID, action: "user.disable", target: "user \(id)")
            printLine("disabled user \(id); its token no longer signs in")
            return 0
        default:
            throw UsageError(message: "unknown action \"\(action)\"; use add, list or disable")
        }
    }
}

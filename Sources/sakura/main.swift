import Foundation
import SakuraCore

let usage = """
    sakura: school catchments (micro-districts) for the cities of Kazakhstan.

    Usage: sakura COMMAND [options]

    Commands:
      import    import schools, catchments, a boundary, districts, streets or addresses into a database
      lookup    find the catchments (and schools) covering points
      nearby    find the schools nearest to points
      geocode   find addresses and the catchments that serve them
      check     report invalid catchments, overlaps, gaps and schools outside catchments
      plan      list, check, compare, publish and roll back catchment plans
      users     add, list and disable staff accounts with API tokens
      export    write a city's schools with their passports as CSV or GeoJSON
      serve     serve the HTTP API v1 (catchment lookups, schools, map layers, parent login)
      outbox    list the SMS and e-mail messages kept by the development gateway

    Run sakura COMMAND --help for the options of each command.
    Without --db, every command that reads or writes a database uses the shipped demo city's (generated data, not a real city).
    """

let commands: [String: ([String]) throws -> Int32] = [
    "import": ImportCommand.run,
    "lookup": LookupCommand.run,
    "nearby": NearbyCommand.run,
    "check": CheckCommand.run,
    "geocode": GeocodeCommand.run,
    "export": ExportCommand.run,
    "serve": ServeCommand.run,
    "plan": PlanCommand.run,
    "users": UsersCommand.run,
    "outbox": OutboxCommand.run,
]

var arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    printError(usage)
    exit(2)
}
if name == "--help" || name == "-h" || name == "help" {
    printLine(usage)
    exit(0)
}
guard let command = commands[name] else {
    printError("sakura: unknown command \"\(name)\"\n\n" + usage)
    exit(2)
}

do {
    exit(try command(Array(arguments.dropFirst())))
} catch let error as UsageError {
    printError("sakura \(name): \(error.message)")
    exit(2)
} catch {
    printError("sakura \(name): \(error)")
    exit(1)
}

import Catchment
import Foundation
import Geometry
import JSON
import SakuraCore
import Store

enum PlanCommand {
    static let help = """
        Usage: sakura plan ACTION [--db PATH] [--city ID] [options]

        Catchment plans of a city, as the planner API offers them:
          list                      the city's plans, newest first, marking the one in force today
          show PLAN                 a plan and its revisions
          create --school-year YYYY-YYYY [--name TEXT] [--based-on PLAN]
                                    a draft copied from the plan in force (or from --based-on)
          check PLAN [--json] [--min-area M2]
                                    the coverage report: invalid catchments, same-language overlaps,
                                    gaps, addresses covered by no catchment or by two, schools
                                    outside their own catchment; exits with 1 when it has errors
          impact PLAN [--against PLAN] [--json] [--limit N]
                                    addresses whose school changes against the plan in force
          publish PLAN [--effective-from YYYY-MM-DD] [--override-reason TEXT]
                                    publishes a draft (refused while check finds errors, unless an
                                    override reason is given)
          rollback PLAN --revision N [--comment TEXT]
                                    restores the catchments the plan held at revision N
          export PLAN [--revision N] the plan's catchments as GeoJSON on standard output
          import-addresses PLAN FILE [--dry-run] [--json]
                                    builds catchments from a published address list (one section
                                    per school with street lines and house ranges) into a draft and
                                    reports lines matching no street, houses claimed twice and
                                    houses claimed by none; --dry-run only reports

        Options:
          --db PATH       SQLite database (default: the demo city)
          --city ID       city id (default: the only city in the database)
          --author NAME   the name history records for a change (default: command line)

        A running sakura serve loads plans published here at its next start; publish through the
        API to switch a running server at once.
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help", "json", "dry-run"])
        if args.flag("help") || args.positional.isEmpty {
            printLine(help)
            return args.flag("help") ? 0 : 2
        }
        let action = args.positional[0]
        let service = PlanService(store: try SakuraStore(path: try args.databasePath(requireExisting: true)))
        let cityID = try args.cityID(in: service.store)
        let actor = Actor(name: args.option("author") ?? "command line")
        let asJSON = args.flag("json")

        func planArgument() throws -> Plan {
            guard args.positional.count >= 2, let id = Int(args.positional[1]) else {
                throw UsageError(message: "sakura plan \(action) needs the plan id, as sakura plan list shows it")
            }
            return try service.plan(cityID: cityID, id: id)
        }

        switch action {
        case "list":
            try args.rejectUnknown()
            let inForce = try service.planInForce(cityID: cityID)?.id
            for plan in try service.plans(cityID: cityID) {
                let marker = plan.id == inForce ? " (in force today)" : ""
                printLine("\(plan.id)\t\(plan.status.rawValue)\t\(plan.schoolYear.isEmpty ? "-" : plan.schoolYear)\tfrom \(plan.effectiveFrom?.description ?? "-")\trevision \(plan.revision)\t\(plan.name)\(marker)")
            }
            return 0

        case "show":
            let plan = try planArgument()
            try args.rejectUnknown()
            var object = PlanningJSON.plan(plan).objectValue!
            object["revisions"] = .array(try service.revisions(of: plan).map(PlanningJSON.revision))
            printLine(JSONWriter.string(.object(object)))
            return 0

        case "create":
            let schoolYear = try args.required("school-year", hint: "the school year, for example 2027-2028")
            let basedOn = try args.option("based-on").map { text -> Int in
                guard let id = Int(text) else { throw UsageError(message: "--based-on must be a plan id, got \"\(text)\"") }
                return id
            }
            let name = args.option("name") ?? ""
            try args.rejectUnknown()
            let plan = try service.createDraft(cityID: cityID, schoolYear: schoolYear, name: name, basedOn: basedOn, actor: actor)
            printLine("created draft plan \(plan.id) for \(plan.schoolYear)" + (plan.basedOn.map { ", copied from plan \($0)" } ?? ", empty"))
            return 0

        case "check":
            let plan = try planArgument()
            if let text = args.option("min-area") {
                guard let value = Double(text), value >= 0, value.isFinite else {
                    throw UsageError(message: "--min-area must be a number of square metres, 0 or more, got \"\(text)\"")
                }
                service.minimumArea = value
            }
            try args.rejectUnknown()
            let report = try service.coverage(of: plan)
            printLine(asJSON ? JSONWriter.string(PlanningJSON.coverage(report, cityID: cityID)) : CheckCommand.text(report, cityID: "\(cityID), plan \(plan.id)"))
            return report.hasErrors ? 1 : 0

        case "impact":
            let plan = try planArgument()
            let against = try args.option("against").map { text -> Plan in
                guard let id = Int(text) else { throw UsageError(message: "--against must be a plan id, got \"\(text)\"") }
                return try service.plan(cityID: cityID, id: id)
            }
            let limit = try args.integer("limit", default: 50, range: 0...1_000_000)
            try args.rejectUnknown()
            let (base, report) = try service.impact(of: plan, against: against)
            if asJSON {
                printLine(JSONWriter.string(PlanningJSON.impact(report, plan: plan, base: base, limit: limit)))
                return 0
            }
            printLine("impact of plan \(plan.id) against \(base.map { "plan \($0.id)" } ?? "no plan"): \(report.changes.count) address change(s) of \(report.addressCount) addresses")
            for change in report.changes.prefix(limit) {
                let language = change.language.map { "[\($0)] " } ?? ""
                printLine("  \(language)\(change.address.label): \(change.from.joined(separator: ", ").ifEmpty("none")) → \(change.to.joined(separator: ", ").ifEmpty("none"))")
            }
            if report.changes.count > limit { printLine("  … \(report.changes.count - limit) more (raise --limit)") }
            printLine("schools:")
            for school in report.schools where school.gained > 0 || school.lost > 0 {
                printLine("  \(school.school): \(school.before) → \(school.after) (+\(school.gained) −\(school.lost))")
            }
            return 0

        case "publish":
            let plan = try planArgument()
            let day = try args.option("effective-from").map { try CalendarDay($0, field: "--effective-from") }
            let reason = args.option("override-reason")
            try args.rejectUnknown()
            let (published, report) = try service.publish(plan, expectedRevision: [plan.revision], effectiveFrom: day, overrideReason: reason, actor: actor)
            printLine("published plan \(published.id), in force from \(published.effectiveFrom?.description ?? "-")" + (report.hasErrors ? " despite coverage errors: \(reason ?? "")" : ""))
            return 0

        case "rollback":
            let plan = try planArgument()
            let revision = try args.integer("revision", default: -1, range: 0...Int.max)
            guard revision >= 0 else { throw UsageError(message: "missing --revision: the revision to restore, as sakura plan show lists them") }
            let comment = args.option("comment") ?? ""
            try args.rejectUnknown()
            let updated = try service.rollback(plan, expectedRevision: [plan.revision], toRevision: revision, comment: comment, actor: actor)
            printLine("plan \(updated.id) now at revision \(updated.revision), with the catchments of revision \(revision)")
            return 0

        case "export":
            let plan = try planArgument()
            let revision = try args.option("revision").map { text -> Int in
                guard let value = Int(text) else { throw UsageError(message: "--revision must be a whole number, got \"\(text)\"") }
                return value
            }
            try args.rejectUnknown()
            let features = try service.catchments(of: plan, revision: revision).map(PlanningJSON.feature)
            printLine(JSONWriter.string(GeoJSONWriter.featureCollection(features)))
            return 0

        case "import-addresses":
            let plan = try planArgument()
            guard args.positional.count == 3 else { throw UsageError(message: "sakura plan import-addresses needs the plan id and the address-list file") }
            let path = args.positional[2]
            let dryRun = args.flag("dry-run")
            let comment = args.option("comment") ?? "address list \((path as NSString).lastPathComponent)"
            try args.rejectUnknown()
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw UsageError(message: "\(path): cannot read the address list as UTF-8 text (\(error.localizedDescription))")
            }
            let outcome = try service.importAddressList(text, into: plan, dryRun: dryRun, comment: comment, actor: actor)
            if asJSON {
                var object = PlanningJSON.addressListReport(outcome.result.report).objectValue!
                object["built"] = .array(outcome.result.catchments.map { ["key": .string($0.key), "houses": .number(Double($0.houses.count))] })
                object["written"] = .bool(outcome.edit != nil)
                printLine(JSONWriter.string(.object(object)))
            } else {
                printLine(AddressListText.render(outcome, dryRun: dryRun))
            }
            return outcome.result.report.isClean ? 0 : 1

        default:
            throw UsageError(message: "unknown action \"\(action)\"; see sakura plan --help")
        }
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

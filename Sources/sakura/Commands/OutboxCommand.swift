import Foundation
import Store

/// `sakura outbox`: lists the messages the development gateway kept instead of sending.
enum OutboxCommand {
    static let help = """
        Usage: sakura outbox [--db PATH] [--limit N] [--channel sms|email] [--to RECIPIENT]

        Lists the SMS and e-mail messages that sakura serve kept in the development outbox
        (when no gateway is configured), newest first, so a tester can read a one-time code.
        Each message shows its id, time (UTC), channel, recipient and text. The outbox holds codes
        in clear text: use it only with test data.

        Options:
          --db PATH          the database sakura serve uses (default: the demo city's database)
          --limit N          the most messages to list, 1 to 1000 (default 20)
          --channel NAME     only sms or only email messages
          --to RECIPIENT     only messages to this phone (+77011234567) or e-mail address
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = try Arguments(arguments, flagNames: ["help"])
        if args.flag("help") {
            printLine(help)
            return 0
        }
        let path = try args.databasePath(requireExisting: true)
        let limit = try args.integer("limit", default: 20, range: 1...1000)
        let channel = args.option("channel")
        if let channel, !["sms", "email"].contains(channel) {
            throw UsageError(message: "--channel must be sms or email, got \"\(channel)\"")
        }
        let recipient = args.option("to")
        try args.rejectUnknown()
        guard args.positional.isEmpty else { throw UsageError(message: "sakura outbox takes no positional arguments") }

        let messages = try SakuraStore(path: path).outboxMessages(limit: limit, channel: channel, recipient: recipient)
        if messages.isEmpty {
            printLine("The outbox of \(path) is empty.")
            return 0
        }
        for message in messages {
            var line = "#\(message.id)  \(Timestamp.string(from: message.createdAt))  \(message.channel)  \(message.recipient)"
            if let subject = message.subject { line += "  [\(subject)]" }
            printLine(line + "\n    " + message.body.replacingOccurrences(of: "\n", with: "\n    "))
        }
        return 0
    }
}

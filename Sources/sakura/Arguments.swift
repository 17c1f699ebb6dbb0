import Foundation
import SakuraCore

/// A usage error: the message names the option and the fix; the command exits with status 2.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Parsed command-line arguments: positional values, `--name value` options and `--flag` switches.
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private var used: Set<String> = []

    /// Splits `arguments`, where `flagNames` are the options that take no value. "--name=value" is
    /// accepted too, and everything after a lone "--" is positional (for points such as -47.6,-122.3).
    init(_ arguments: [String], flagNames: Set<String>) throws {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" && !optionsEnded {
                optionsEnded = true
                continue
            }
            guard !optionsEnded, argument.hasPrefix("--"), argument.count > 2 else {
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String? = nil
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagNames.contains(name) {
                guard value == nil else { throw UsageError(message: "--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            if value == nil {
                guard index < arguments.count else { throw UsageError(message: "--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            options[name] = value
        }
    }

    mutating func flag(_ name: String) -> Bool {
        used.insert(name)
        return flags.contains(name)
    }

    mutating func option(_ name: String) -> String? {
        used.insert(name)
        return options[name]
    }

    mutating func required(_ name: String, hint: String) throws -> String {
        guard let value = option(name) else { throw UsageError(message: "missing --\(name): \(hint)") }
        return value
    }

    mutating func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = option(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(message: "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    /// Rejects options that no command read, so a typo does not pass silently.
    func rejectUnknown() throws {
        let unknown = Set(options.keys).union(flags).subtracting(used)
        if let name = unknown.sorted().first { throw UsageError(message: "unknown option --\(name); see --help") }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes a line to standard output without buffering surprises between stdout and stderr.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

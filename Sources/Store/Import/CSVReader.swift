/// A CSV table (RFC 4180): a header row and data rows, read whole.
///
/// Accepts quoted fields with embedded commas, quotes ("") and line breaks,
/// CRLF or LF line ends, and a UTF-8 byte order mark. The delimiter is `;`
/// when the header line has more semicolons than commas, as in spreadsheets
/// saved with a Russian locale.
public struct CSVTable: Sendable {
    public let header: [String]
    /// Data rows; each has as many fields as the header.
    public let rows: [[String]]
    /// The 1-based line number of each row in the file, for error messages.
    public let lineNumbers: [Int]

    /// Parses CSV text; throws naming the line of a malformed row.
    public init(text: String) throws(StoreError) {
        var content = Substring(text)
        if content.hasPrefix("\u{FEFF}") { content = content.dropFirst() }
        let firstLine = content.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","

        var records: [(line: Int, fields: [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var index = content.startIndex
        var fieldWasQuoted = false
        while index < content.endIndex {
            let character = content[index]
            if inQuotes {
                if character == "\"" {
                    let next = content.index(after: index)
                    if next < content.endIndex && content[next] == "\"" {
                        field.append("\"")
                        index = content.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" {
                guard field.isEmpty else { throw StoreError.invalidInput(field: "CSV line \(line)", reason: "a quote inside an unquoted field; quote the whole field") }
                inQuotes = true
                fieldWasQuoted = true
            } else if character == delimiter {
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { records.append((recordLine, fields)) }
                fields = []
                field = ""
                fieldWasQuoted = false
                line += 1
                recordLine = line
            } else {
                field.append(character)
            }
            index = content.index(after: index)
        }
        if inQuotes { throw StoreError.invalidInput(field: "CSV line \(recordLine)", reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            fields.append(field)
            records.append((recordLine, fields))
        }

        guard let headerRecord = records.first else { throw StoreError.invalidInput(field: "CSV", reason: "the file is empty; the first line must name the columns") }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw StoreError.invalidInput(field: "CSV line \(record.line)",
                                          reason: "has \(record.fields.count) fields, the header has \(header.count)")
        }
        self.header = header
        self.rows = records.dropFirst().map(\.fields)
        self.lineNumbers = records.dropFirst().map(\.line)
    }

    /// Returns the position of a column, or nil.
    public func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The position of a column that must exist; the error names it and lists the columns found.
    public func requiredColumn(_ name: String) throws(StoreError) -> Int {
        guard let position = column(name) else {
            throw StoreError.invalidInput(field: "CSV column \(name)", reason: "missing; the header has \(header.joined(separator: ", "))")
        }
        return position
    }
}

import Foundation

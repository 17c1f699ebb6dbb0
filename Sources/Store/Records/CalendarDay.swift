import Foundation

/// A date of the Gregorian calendar without a time, written "YYYY-MM-DD".
///
/// Plans take effect from a day; comparisons use `dayNumber`, the days since 1970-01-01.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Kazakhstan's clocks: the whole country has kept UTC+5 since 1 March 2024.
    public static let kazakhstanUTCOffsetSeconds = 5 * 3600

    /// Creates a day, checking that it exists in the calendar (no 31 September, 29 February only in leap years).
    public init(year: Int, month: Int, day: Int) throws(StoreError) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw StoreError.invalidInput(field: "date", reason: String(format: "%04d-%02d-%02d is not a date of the calendar", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD"; `field` names the value in the error.
    public init(_ text: String, field: String = "date") throws(StoreError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw StoreError.invalidInput(field: field, reason: "\"\(text)\" is not a date; write it as YYYY-MM-DD, for example 2027-09-01")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw StoreError.invalidInput(field: field, reason: "\"\(text)\" is not a date of the calendar")
        }
    }

    /// Creates the day that contains `dayNumber` (days since 1970-01-01).
    public init(dayNumber: Int) {
        // Civil-from-days conversion over 400-year eras of 146,097 days.
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Today on Kazakhstan's clocks (UTC+5).
    public static func today(now: Date = Date()) -> CalendarDay {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + kazakhstanUTCOffsetSeconds
        return CalendarDay(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.dayNumber < b.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

import Foundation
import Geometry
import Registry

/// Imports teachers and their quality indicators from CSV, replacing the city's in one transaction.
///
/// Teachers: columns `id`, `school`, `name` (required), `grades`, `subjects`, `languages`
/// (comma-separated codes), `category`, `experience_years`. Indicators: columns `teacher`,
/// `school_year`, `kind`, `sample_size` (required), `successes`, `mean_score`,
/// `standard_deviation`. Every row is checked first; any bad row rejects the whole file,
/// naming its line and column.
public struct TeacherImporter {
    public let store: SakuraStore
    public var options: ImportOptions

    public static let indicatorKinds = ["expected_level_share", "olympiad_share", "parent_feedback"]

    public init(store: SakuraStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    public func runTeachers(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        let table = try CSVTable(text: try String(contentsOf: file, encoding: .utf8))
        let id = try table.requiredColumn("id"), school = try table.requiredColumn("school"), name = try table.requiredColumn("name")
        let grades = table.column("grades"), subjects = table.column("subjects"), languages = table.column("languages")
        let category = table.column("category"), experience = table.column("experience_years")
        var summary = ImportSummary(kind: "teachers", source: file.path, cityID: cityID)
        summary.read = table.rows.count
        let schoolIDs = Set(try store.schools(cityID: cityID).map(\.id))

        var teachers: [TeacherRecord] = []
        var seen: [String: Int] = [:]
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            func value(_ column: Int?) -> String? {
                guard let column else { return nil }
                let text = row[column].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func problem(_ column: String, _ reason: String) {
                summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column \(column): \(reason)"))
            }
            guard let teacherID = value(id) else { problem("id", "empty"); continue }
            if let first = seen[teacherID] { problem("id", "\(teacherID) already used on line \(first)"); continue }
            guard let schoolID = value(school) else { problem("school", "empty"); continue }
            guard schoolIDs.contains(schoolID) else { problem("school", "no school \(schoolID) in city \(cityID); import the schools first"); continue }
            guard let teacherName = value(name) else { problem("name", "empty"); continue }
            let codes = value(languages)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            if let bad = codes.first(where: { !LanguageCode.all.contains($0) }) {
                problem("languages", "unknown language code \"\(bad)\"; use \(LanguageCode.all.joined(separator: ", "))")
                continue
            }
            if let code = value(category), !TeacherRecord.categories.contains(code) {
                problem("category", "unknown category \"\(code)\"; use \(TeacherRecord.categories.joined(separator: ", "))")
                continue
            }
            var years: Int? = nil
            if let text = value(experience) {
                guard let number = Int(text), (0...70).contains(number) else { problem("experience_years", "\"\(text)\" is not a number of years from 0 to 70"); continue }
                years = number
            }
            seen[teacherID] = line
            teachers.append(TeacherRecord(id: teacherID, schoolID: schoolID, name: teacherName, grades: value(grades), subjects: value(subjects),
                                          languages: codes, category: value(category), experienceYears: years))
        }
        if !summary.skipped.isEmpty && !options.skipInvalid { throw ImportRejected(summary: summary) }
        summary.imported = teachers.count
        summary.committed = true
        try commit(summary, started: started) { try store.replaceTeachers(cityID: cityID, teachers) }
        return summary
    }

    public func runIndicators(file: URL, cityID: String) throws -> ImportSummary {
        let started = Timestamp.now()
        try City.validate(id: cityID)
        let table = try CSVTable(text: try String(contentsOf: file, encoding: .utf8))
        let teacher = try table.requiredColumn("teacher"), year = try table.requiredColumn("school_year")
        let kind = try table.requiredColumn("kind"), sample = try table.requiredColumn("sample_size")
        let successes = table.column("successes"), mean = table.column("mean_score"), deviation = table.column("standard_deviation")
        var summary = ImportSummary(kind: "teacher indicators", source: file.path, cityID: cityID)
        summary.read = table.rows.count
        let teacherIDs = Set(try store.teachers(cityID: cityID).map(\.id))

        var indicators: [IndicatorRecord] = []
        var seen = Set<String>()
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            func value(_ column: Int?) -> String? {
                guard let column else { return nil }
                let text = row[column].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func problem(_ column: String, _ reason: String) {
                summary.skipped.append(FeatureProblem(featureIndex: line, reason: "line \(line), column \(column): \(reason)"))
            }
            guard let teacherID = value(teacher), teacherIDs.contains(teacherID) else {
                problem("teacher", "\"\(value(teacher) ?? "")\" is not a teacher of city \(cityID); import the teachers first")
                continue
            }
            guard let schoolYear = value(year) else { problem("school_year", "empty; write it as 2025-2026"); continue }
            guard let kindText = value(kind), Self.indicatorKinds.contains(kindText) else {
                problem("kind", "\"\(value(kind) ?? "")\" is not one of \(Self.indicatorKinds.joined(separator: ", "))")
                continue
            }
            guard let sampleText = value(sample), let sampleSize = Int(sampleText), sampleSize >= 0 else {
                problem("sample_size", "\"\(value(sample) ?? "")\" is not a whole number of pupils or responses")
                continue
            }
            var successCount: Int? = nil, meanScore: Double? = nil, standardDeviation: Double? = nil
            if let text = value(successes) {
                guard let number = Int(text) else { problem("successes", "\"\(text)\" is not a whole number"); continue }
                successCount = number
            }
            if let text = value(mean) {
                guard let number = Double(text), number.isFinite else { problem("mean_score", "\"\(text)\" is not a number"); continue }
                meanScore = number
            }
            if let text = value(deviation) {
                guard let number = Double(text), number.isFinite else { problem("standard_deviation", "\"\(text)\" is not a number"); continue }
                standardDeviation = number
            }
            let identity = "\(teacherID)|\(schoolYear)|\(kindText)"
            guard seen.insert(identity).inserted else { problem("kind", "\(kindText) for \(teacherID) in \(schoolYear) is given twice"); continue }
            do {
                _ = try TeacherIndicator(kind: TeacherIndicator.Kind(rawValue: kindText)!, schoolYear: schoolYear, sampleSize: sampleSize,
                                         successes: successCount, meanScore: meanScore, standardDeviation: standardDeviation)
            } catch let error as TeacherRatingError {
                problem(Self.column(forField: error.field), error.message)
                continue
            }
            indicators.append(IndicatorRecord(teacherID: teacherID, schoolYear: schoolYear, kind: kindText, successes: successCount,
                                              meanScore: meanScore, standardDeviation: standardDeviation, sampleSize: sampleSize))
        }
        if !summary.skipped.isEmpty && !options.skipInvalid { throw ImportRejected(summary: summary) }
        summary.imported = indicators.count
        summary.committed = true
        try commit(summary, started: started) { try store.replaceIndicators(cityID: cityID, indicators) }
        return summary
    }

    /// The CSV column of a `TeacherIndicator` field named in a validation error.
    static func column(forField field: String) -> String {
        switch field {
        case "schoolYear": return "school_year"
        case "sampleSize": return "sample_size"
        case "meanScore": return "mean_score"
        case "standardDeviation": return "standard_deviation"
        default: return field
        }
    }

    private func commit(_ summary: ImportSummary, started: String, _ replace: () throws -> Void) throws {
        try store.database.transaction {
            try store.ensureCity(id: summary.cityID)
            try replace()
            try store.recordImportRun(ImportRun(
                cityID: summary.cityID, kind: summary.kind, source: summary.source, startedAt: started, finishedAt: Timestamp.now(),
                readCount: summary.read, importedCount: summary.imported, repairedCount: 0,
                skippedCount: summary.skipped.count, report: summary.json))
        }
    }
}

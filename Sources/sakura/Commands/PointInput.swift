import Foundation
import Geometry
import SakuraCore

/// Reads "LAT,LON" points from arguments, or from standard input lines when there are none.
enum PointInput {
    /// Parses "LAT,LON" (spaces allowed around the comma); the message names the problem.
    static func parse(_ text: String) -> Result<Position, UsageError> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else {
            return .failure(UsageError(message: "\"\(text)\" is not a point; write LAT,LON, for example 43.25,76.92"))
        }
        guard let latitude = Double(parts[0]), latitude.isFinite else {
            return .failure(UsageError(message: "\"\(parts[0])\" is not a latitude in degrees"))
        }
        guard let longitude = Double(parts[1]), longitude.isFinite else {
            return .failure(UsageError(message: "\"\(parts[1])\" is not a longitude in degrees"))
        }
        guard (-90...90).contains(latitude) else {
            return .failure(UsageError(message: "latitude \(latitude) is outside -90…90 (latitude comes first: LAT,LON)"))
        }
        guard (-180...180).contains(longitude) else {
            return .failure(UsageError(message: "longitude \(longitude) is outside -180…180"))
        }
        return .success(Position(longitude: longitude, latitude: latitude))
    }

    /// Calls `body` for each point and returns false when any point was bad.
    ///
    /// Points given as arguments are all checked before the first one is answered, so a typo prints
    /// errors only. Lines from standard input are answered as they arrive. Every bad point is reported
    /// on standard error with its argument or line number.
    static func forEach(_ arguments: [String], _ body: (Position) throws -> Void) throws -> Bool {
        if !arguments.isEmpty {
            var points: [Position] = []
            for (index, argument) in arguments.enumerated() {
                switch parse(argument) {
                case .success(let point): points.append(point)
                case .failure(let error): printError("sakura: argument \(index + 1): \(error.message)")
                }
            }
            guard points.count == arguments.count else { return false }
            for point in points { try body(point) }
            return true
        }

        var allValid = true
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            switch parse(trimmed) {
            case .success(let point): try body(point)
            case .failure(let error):
                printError("sakura: line \(lineNumber): \(error.message)")
                allValid = false
            }
        }
        return allValid
    }
}

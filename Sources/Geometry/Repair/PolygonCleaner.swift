/// A problem that stops a polygonal geometry from being imported.
public struct GeometryProblem: Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// The location of the problem, when GEOS or the ring check reports one.
    public var location: Position?

    public init(reason: String, location: Position? = nil) {
        self.reason = reason
        self.location = location
    }

    public var description: String {
        if let location { return "\(reason) at \(location)" }
        return reason
    }
}

/// Options for `PolygonCleaner`.
public struct CleaningOptions: Sendable {
    /// Repair invalid polygons with GEOS make-valid (line-work method) instead of rejecting them.
    public var fix: Bool
    /// Close rings whose last position differs from the first instead of rejecting them.
    public var closeOpenRings: Bool

    public init(fix: Bool = false, closeOpenRings: Bool = false) {
        self.fix = fix
        self.closeOpenRings = closeOpenRings
    }
}

/// The outcome of cleaning: the polygons to store and each repair made, or every problem found.
public enum CleaningOutcome: Sendable {
    case accepted(polygons: [Polygon], repairs: [String])
    case rejected([GeometryProblem])
}

/// Validates and repairs polygonal geometries on import.
///
/// The steps, in order:
/// 1. Only Polygon and MultiPolygon are accepted.
/// 2. Every ring must be closed (unless `closeOpenRings`); exact repeated
///    consecutive positions are removed; a ring left with fewer than four
///    positions is rejected as degenerate.
/// 3. Each polygon is checked for OGC validity with GEOS. An invalid one is
///    rejected with GEOS's reason and location, or with `fix` rebuilt by
///    make-valid's line-work method, which keeps both lobes of a bow-tie.
///    (`buffer(0)` is never used: it drops one lobe.)
/// 4. Parts of a MultiPolygon that overlap or share an edge are merged by
///    union. Make-valid would turn a doubly covered area into a hole, but
///    the parts' author meant the area covered.
/// 5. Shells are wound counter-clockwise and holes clockwise.
public struct PolygonCleaner {
    public var options: CleaningOptions
    private let context: GEOSContext

    public init(options: CleaningOptions = CleaningOptions(), context: GEOSContext = .current) {
        self.options = options
        self.context = context
    }

    public func clean(_ geometry: Geometry) -> CleaningOutcome {
        guard let input = geometry.polygons else {
            return .rejected([GeometryProblem(reason: "expected a Polygon or MultiPolygon, found \(geometry.typeName)")])
        }
        guard !input.isEmpty else { return .rejected([GeometryProblem(reason: "the MultiPolygon has no polygons")]) }

        var problems: [GeometryProblem] = []
        var repairs: [String] = []
        let isMulti = input.count > 1 || { if case .multiPolygon = geometry { return true } else { return false } }()

        // Step 2: rings.
        var polygons: [Polygon] = []
        for (polygonIndex, polygon) in input.enumerated() {
            var rings: [[Position]] = []
            for (ringIndex, ring) in polygon.rings.enumerated() {
                let name = ringName(polygonIndex: polygonIndex, ringIndex: ringIndex, isMulti: isMulti)
                if let cleaned = cleanRing(ring, name: name, problems: &problems, repairs: &repairs) {
                    rings.append(cleaned)
                }
            }
            if rings.count == polygon.rings.count {
                polygons.append(Polygon(shell: rings[0], holes: Array(rings.dropFirst())))
            }
        }
        guard problems.isEmpty else { return .rejected(problems) }

        // Step 3: validity of each polygon.
        var valid: [Polygon] = []
        for (polygonIndex, polygon) in polygons.enumerated() {
            let prefix = isMulti ? "polygon \(polygonIndex): " : ""
            do throws(GeometryError) {
                let native = try NativeGeometry(.polygon(polygon), context: context)
                let validity = try native.validity()
                if validity.isValid {
                    valid.append(polygon)
                    continue
                }
                let reason = validity.reason ?? "invalid polygon"
                guard options.fix else {
                    problems.append(GeometryProblem(reason: prefix + reason, location: validity.location))
                    continue
                }
                let repaired = try native.makeValid(method: .linework).polygonalParts()
                guard !repaired.isEmpty else {
                    problems.append(GeometryProblem(reason: prefix + reason + "; make-valid left no area", location: validity.location))
                    continue
                }
                valid.append(contentsOf: repaired)
                let place = validity.location.map { " at \($0)" } ?? ""
                repairs.append("\(prefix)\(reason)\(place) repaired by make-valid into \(repaired.count) polygon(s)")
            } catch {
                problems.append(GeometryProblem(reason: prefix + error.description))
            }
        }
        guard problems.isEmpty else { return .rejected(problems) }

        // Step 4: overlapping or edge-sharing parts.
        if valid.count > 1 {
            do throws(GeometryError) {
                let native = try NativeGeometry(.multiPolygon(valid), context: context)
                let validity = try native.validity()
                if !validity.isValid {
                    let merged = try native.unaryUnion().polygonalParts()
                    let place = validity.location.map { " at \($0)" } ?? ""
                    repairs.append("MultiPolygon parts overlap or touch along an edge (\(validity.reason ?? "invalid")\(place)): merged by union into \(merged.count) polygon(s)")
                    valid = merged
                }
            } catch {
                return .rejected([GeometryProblem(reason: error.description)])
            }
        }

        // Step 5: winding.
        let oriented = valid.map(RingOrientation.oriented)
        return .accepted(polygons: oriented, repairs: repairs)
    }

    private func ringName(polygonIndex: Int, ringIndex: Int, isMulti: Bool) -> String {
        let ring = ringIndex == 0 ? "exterior ring" : "interior ring \(ringIndex)"
        return isMulti ? "polygon \(polygonIndex) \(ring)" : ring
    }

    private func cleanRing(_ ring: [Position], name: String, problems: inout [GeometryProblem], repairs: inout [String]) -> [Position]? {
        guard let first = ring.first, let last = ring.last else {
            problems.append(GeometryProblem(reason: "\(name) is empty"))
            return nil
        }
        var positions = ring
        if first != last {
            guard options.closeOpenRings else {
                problems.append(GeometryProblem(reason: "\(name) is not closed: the last position \(last) differs from the first \(first)", location: last))
                return nil
            }
            positions.append(first)
            repairs.append("\(name) closed by repeating its first position")
        }

        var deduplicated: [Position] = [positions[0]]
        deduplicated.reserveCapacity(positions.count)
        for position in positions.dropFirst() where position != deduplicated[deduplicated.count - 1] {
            deduplicated.append(position)
        }
        let removed = positions.count - deduplicated.count
        if deduplicated.count < 4 {
            problems.append(GeometryProblem(
                reason: "\(name) is degenerate: \(deduplicated.count) position(s) after removing repeated vertices, a ring needs at least 4",
                location: first))
            return nil
        }
        if removed > 0 { repairs.append("\(name): removed \(removed) repeated vertex(es)") }
        return deduplicated
    }
}

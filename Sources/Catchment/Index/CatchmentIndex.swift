import Geometry

/// A catchment that covers a looked-up point.
public struct CatchmentMatch: Sendable, Equatable {
    /// Index into `CatchmentIndex.catchments`.
    public var catchment: Int
    /// True when the point lies on this catchment's boundary (shell or hole ring).
    public var onBoundary: Bool
}

/// The catchment nearest to a point that no catchment covers.
public struct NearestCatchment: Sendable, Equatable {
    public var catchment: Int
    /// Geodesic distance in metres from the point to the nearest point of the catchment.
    public var distanceMetres: Double
    /// The nearest point of the catchment's boundary.
    public var nearestPoint: Position
}

/// The answer for one point.
public struct LookupResult: Sendable, Equatable {
    /// Every catchment that covers the point, in `CatchmentIndex` order (key, then language).
    public var matches: [CatchmentMatch]
    /// True when the point lies on the boundary of at least one covering catchment.
    public var onBoundary: Bool
    /// The nearest catchment when `matches` is empty and the index has any catchment.
    public var nearest: NearestCatchment?
}

/// An immutable point-in-catchment index: an STR-tree over GEOS prepared polygons,
/// one entry per polygon part.
///
/// Lookups use *covers* semantics: a point on a boundary belongs to every
/// catchment whose boundary it is on. The catchments are sorted by key and
/// language when the index is built, so answers never depend on the order
/// in which catchments were imported.
///
/// Thread safety: `@unchecked Sendable` because nothing is mutated after
/// `init`: the tree is a value, and each `PreparedPolygon` builds its point
/// locator in its own `init`. Each query takes the calling thread's GEOS
/// context, never the build context, which is used only in `init` and when
/// the last reference goes away.
public final class CatchmentIndex: @unchecked Sendable {
    public let catchments: [Catchment]
    private let parts: [IndexedPart]
    /// The prepared polygon and catchment of each part, split out of `parts` for the hot path.
    private let partPolygons: [PreparedPolygon]
    private let partCatchments: [Int]
    private let tree: STRTree
    private let buildContext: GEOSContext

    /// The identity of a catchment whose prepared polygons another index may reuse.
    private struct ReuseKey: Hashable {
        let key: String
        let language: String?
        let version: Int

        init(_ catchment: Catchment) {
            key = catchment.key
            language = catchment.language
            version = catchment.version
        }
    }

    /// One polygon of a catchment, prepared for point queries.
    private struct IndexedPart {
        let catchment: Int
        let prepared: PreparedPolygon
        let rings: [[Position]]
        /// Runs of consecutive ring segments with their envelopes, so a distance search skips far runs.
        let chunks: [SegmentChunk]
    }

    /// Segments `start..<end` of ring `ring` (segment i joins positions i and i + 1).
    private struct SegmentChunk {
        let envelope: Envelope
        let ring: Int
        let start: Int
        let end: Int

        /// Segments per chunk: small enough to skip most of a ring, large enough to keep the list short.
        static let size = 16

        static func chunks(of rings: [[Position]]) -> [SegmentChunk] {
            var result: [SegmentChunk] = []
            for (ringIndex, ring) in rings.enumerated() where ring.count >= 2 {
                var start = 0
                while start < ring.count - 1 {
                    let end = min(start + size, ring.count - 1)
                    result.append(SegmentChunk(envelope: Envelope(of: ring[start...end])!, ring: ringIndex, start: start, end: end))
                    start = end
                }
            }
            return result
        }
    }

    /// Builds the index; throws when a catchment has no polygons or GEOS rejects one.
    ///
    /// A catchment whose key, language, version and polygons equal one of an index in `reusing`
    /// takes that index's prepared polygons instead of preparing them again, so a plan that changes
    /// a few catchments builds in a fraction of the time. Shared prepared polygons stay valid as
    /// long as any index holds them.
    public init(catchments input: [Catchment], reusing: [CatchmentIndex] = [], context: GEOSContext = GEOSContext()) throws(CatchmentError) {
        let sorted = input.sorted(by: Catchment.precedes)
        for (index, catchment) in sorted.enumerated().dropFirst() {
            let previous = sorted[index - 1]
            if previous.key == catchment.key && previous.language == catchment.language {
                throw CatchmentError.duplicateKey(key: catchment.key, language: catchment.language)
            }
        }

        var reusable: [ReuseKey: (catchment: Catchment, parts: [IndexedPart])] = [:]
        for index in reusing {
            var partsOfCatchment: [Int: [IndexedPart]] = [:]
            for part in index.parts { partsOfCatchment[part.catchment, default: []].append(part) }
            for (position, catchment) in index.catchments.enumerated() {
                reusable[ReuseKey(catchment)] = (catchment, partsOfCatchment[position] ?? [])
            }
        }

        var parts: [IndexedPart] = []
        for (catchmentIndex, catchment) in sorted.enumerated() {
            guard !catchment.polygons.isEmpty else {
                throw CatchmentError.invalidCatchment(key: catchment.key, reason: "no polygons")
            }
            if let earlier = reusable[ReuseKey(catchment)], earlier.catchment.polygons == catchment.polygons {
                for part in earlier.parts {
                    parts.append(IndexedPart(catchment: catchmentIndex, prepared: part.prepared, rings: part.rings, chunks: part.chunks))
                }
                continue
            }
            for polygon in catchment.polygons {
                do throws(GeometryError) {
                    let native = try NativeGeometry(.polygon(polygon), context: context)
                    let prepared = try PreparedPolygon(native)
                    parts.append(IndexedPart(catchment: catchmentIndex, prepared: prepared, rings: polygon.rings,
                                             chunks: SegmentChunk.chunks(of: polygon.rings)))
                } catch {
                    throw CatchmentError.invalidCatchment(key: catchment.key, reason: error.description)
                }
            }
        }

        self.catchments = sorted
        self.parts = parts
        self.partPolygons = parts.map(\.prepared)
        self.partCatchments = parts.map(\.catchment)
        self.tree = STRTree(envelopes: parts.map(\.prepared.envelope))
        self.buildContext = context
    }

    public var partCount: Int { parts.count }

    /// The envelope of all catchments, or nil for an empty index.
    public var envelope: Envelope? {
        var result: Envelope? = nil
        for part in parts {
            if result == nil { result = part.prepared.envelope } else { result!.expand(toInclude: part.prepared.envelope) }
        }
        return result
    }

    /// Calls `body` with the index of each catchment part's catchment that covers the point, in tree
    /// order and once per covering part, without allocating. This is the hot path of every lookup.
    @inline(__always)
    public func forEachCovering(_ position: Position, context: GEOSContext = .current, _ body: (Int) -> Void) throws(CatchmentError) {
        do throws(GeometryError) {
            try context.withPoint(position) { probe throws(GeometryError) in
                var failure: GeometryError? = nil
                partPolygons.withUnsafeBufferPointer { polygons in
                    partCatchments.withUnsafeBufferPointer { catchmentOfPart in
                        tree.query(position) { partIndex in
                            guard failure == nil else { return }
                            do throws(GeometryError) {
                                if try polygons[partIndex].covers(probe) { body(catchmentOfPart[partIndex]) }
                            } catch {
                                failure = error
                            }
                        }
                    }
                }
                if let failure { throw failure }
            }
        } catch {
            throw CatchmentError.geometry(error)
        }
    }

    /// Indexes of the catchments covering the point, ascending and without repeats.
    public func covering(_ position: Position, context: GEOSContext = .current) throws(CatchmentError) -> [Int] {
        var result: [Int] = []
        try forEachCovering(position, context: context) { result.append($0) }
        if result.count > 1 {
            result.sort()
            var unique: [Int] = []
            for index in result where unique.last != index { unique.append(index) }
            return unique
        }
        return result
    }

    /// Finds the covering catchments with their boundary flags, and the nearest catchment when none covers the point.
    ///
    /// - Parameter language: when given, only catchments of this language of instruction are considered.
    public func lookup(_ position: Position, language: String? = nil, context: GEOSContext = .current) throws(CatchmentError) -> LookupResult {
        var matches: [CatchmentMatch] = []
        for catchment in try covering(position, context: context) {
            if let language, catchments[catchment].language != language { continue }
            let onBoundary = isOnBoundary(position, of: catchment)
            matches.append(CatchmentMatch(catchment: catchment, onBoundary: onBoundary))
        }
        let onBoundary = matches.contains { $0.onBoundary }
        var nearest: NearestCatchment? = nil
        if matches.isEmpty {
            nearest = self.nearest(to: position) { language == nil || self.catchments[$0].language == language }
        }
        return LookupResult(matches: matches, onBoundary: onBoundary, nearest: nearest)
    }

    /// True when the position lies exactly on a ring of the catchment (robust orientation test, as GEOS decides).
    public func isOnBoundary(_ position: Position, of catchment: Int) -> Bool {
        var found = false
        tree.query(position) { partIndex in
            guard !found, parts[partIndex].catchment == catchment else { return }
            for ring in parts[partIndex].rings where Self.ring(ring, contains: position) {
                found = true
                return
            }
        }
        return found
    }

    private static func ring(_ ring: [Position], contains position: Position) -> Bool {
        for index in 0..<(ring.count - 1) where RobustOrientation.isOnSegment(position, ring[index], ring[index + 1]) {
            return true
        }
        return false
    }

    /// Finds the nearest catchment accepted by `filter`, by distance to its boundary.
    ///
    /// The search runs in a local equirectangular projection around the
    /// point; the reported distance is the geodesic distance to the nearest
    /// point found.
    public func nearest(to position: Position, filter: (Int) -> Bool = { _ in true }) -> NearestCatchment? {
        let projection = LocalProjection(referenceLatitude: position.y)
        let origin = projection.project(position)
        var candidatePoints: [(part: Int, point: Position)] = []
        var bestSoFar = Double.infinity
        var bounds: [(bound: Double, chunk: Int)] = []
        func envelopeDistance(_ envelope: Envelope) -> Double {
            let dx = max(envelope.minX - position.x, 0, position.x - envelope.maxX) * projection.metresPerDegreeX
            let dy = max(envelope.minY - position.y, 0, position.y - envelope.maxY) * projection.metresPerDegreeY
            return (dx * dx + dy * dy).squareRoot()
        }

        let found = tree.nearest(
            envelopeDistance: envelopeDistance,
            itemDistance: { partIndex in
                let part = parts[partIndex]
                // Nearest chunks first, so the best distance found early lets the rest be skipped.
                bounds.removeAll(keepingCapacity: true)
                for chunkIndex in part.chunks.indices {
                    bounds.append((envelopeDistance(part.chunks[chunkIndex].envelope), chunkIndex))
                }
                bounds.sort { $0.bound < $1.bound }
                var best = Double.infinity
                var bestPoint = position
                for (bound, chunkIndex) in bounds {
                    // A chunk farther than an item already measured cannot hold the answer.
                    if bound >= best || bound > bestSoFar { break }
                    let chunk = part.chunks[chunkIndex]
                    let ring = part.rings[chunk.ring]
                    for index in chunk.start..<chunk.end {
                        let a = projection.project(ring[index])
                        let b = projection.project(ring[index + 1])
                        let (distance, point) = Self.distance(from: origin, toSegment: a, b)
                        if distance < best {
                            best = distance
                            bestPoint = point
                        }
                    }
                }
                // Unless this part can win, the value returned only needs to exceed the best so far.
                guard best <= bestSoFar else { return best.isFinite ? best : (bounds.first?.bound ?? .infinity) }
                bestSoFar = best
                candidatePoints.append((partIndex, projection.unproject(bestPoint)))
                return best
            },
            accept: { partIndex in filter(parts[partIndex].catchment) }
        )
        guard let found, let point = candidatePoints.last(where: { $0.part == found.item })?.point else { return nil }
        return NearestCatchment(
            catchment: parts[found.item].catchment,
            distanceMetres: Geodesic.wgs84.distance(position, point),
            nearestPoint: point)
    }

    private static func distance(from p: Position, toSegment a: Position, _ b: Position) -> (Double, Position) {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        var t = 0.0
        if lengthSquared > 0 { t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared)) }
        let closest = Position(x: a.x + t * dx, y: a.y + t * dy)
        let ex = p.x - closest.x, ey = p.y - closest.y
        return ((ex * ex + ey * ey).squareRoot(), closest)
    }
}

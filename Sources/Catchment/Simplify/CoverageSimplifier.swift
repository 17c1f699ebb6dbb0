import Foundation
import Geometry

/// Simplifies a set of polygonal areas (a coverage) so that borders shared by two areas are simplified once.
///
/// The coverage is split into arcs between nodes (see `CoverageTopology`),
/// each arc is simplified once with Douglas–Peucker, and every ring is
/// rebuilt from its arcs, so neighbouring areas get bit-identical shared
/// borders and no sliver can open between them. Nodes never move or
/// disappear. After each round, GEOS and ring checks find the areas that
/// became invalid, the rings that collapsed or flipped their winding, and
/// the pairs of areas whose interiors came to overlap. Their arcs are
/// simplified again with half the tolerance, up to `maximumHalvings` times,
/// and after that kept unsimplified. Because arcs are shared, a neighbour
/// sees the same change.
///
/// The output depends only on the areas and the tolerance: arcs have a
/// canonical direction and start, and the repair rounds treat all areas
/// alike, so reordering the input only reorders the output.
///
/// Thread safety: a value type that is immutable after `init`, so one
/// instance can be shared and `simplified(tolerance:)` called from many
/// threads at once. Each call runs its GEOS checks on the calling thread's
/// `GEOSContext.current`.
public struct CoverageSimplifier: Sendable {
    /// How many times an arc's tolerance is halved before the arc is kept unsimplified.
    public static let maximumHalvings = 12

    private let areas: [[Polygon]]
    private let topology: CoverageTopology

    /// `areas[i]` are the polygons of area i (valid, shells CCW, holes CW, WGS 84 lon/lat).
    ///
    /// Builds the arcs and their Douglas–Peucker significance once, so that
    /// each later call of `simplified(tolerance:)` only filters vertices and
    /// checks the result. Borders are shared only where both areas use the
    /// same vertices (exact coordinates). A ring that is not closed or has
    /// fewer than 3 distinct vertices is returned unchanged.
    public init(areas: [[Polygon]]) {
        self.areas = areas
        self.topology = CoverageTopology(areas: areas)
    }

    /// The areas simplified with Douglas–Peucker at `tolerance` (degrees of latitude; longitudes are scaled by cos(latitude) of the coverage's centre so the tolerance is isotropic on the ground). Same count and order as the input.
    ///
    /// A tolerance of 0, a negative one or NaN returns the input unchanged.
    /// Every ring keeps at least 4 positions and its winding. An area that
    /// was valid stays valid (GEOS validity), and two areas whose interiors
    /// did not intersect still do not.
    ///
    /// NOTE: the overlap check covers pairs with intersecting envelopes, which
    /// includes every pair that shares an arc. A pair that already overlapped
    /// in the input (for example catchments of two languages given together)
    /// is not checked, so simplify one language at a time.
    public func simplified(tolerance: Double) -> [[Polygon]] {
        guard tolerance > 0 else { return areas }
        var run = SimplificationRun(areas: areas, topology: topology, tolerance: tolerance)
        return run.execute()
    }

    /// Tolerance for a web-map zoom level: half a pixel of a 256-pixel tile at that zoom, in degrees.
    ///
    /// This is the half pixel at the equator, 180 / (256 · 2^zoom) degrees.
    /// At latitude φ a Web Mercator pixel covers cos φ times as many degrees
    /// of latitude, so this value simplifies by up to 1 / cos φ half pixels
    /// there. `tolerance(forZoom:latitude:)` corrects for it.
    public static func tolerance(forZoom zoom: Int) -> Double {
        scalbn(180.0 / 256.0, -zoom)
    }

    /// Tolerance for a web-map zoom level at a latitude (degrees): half a pixel of a 256-pixel tile,
    /// in degrees of latitude.
    public static func tolerance(forZoom zoom: Int, latitude: Double) -> Double {
        tolerance(forZoom: zoom) * cos(latitude * .pi / 180)
    }
}

/// The state of one `simplified(tolerance:)` call: per-arc tolerances, the rebuilt areas and the checks.
private struct SimplificationRun {
    let input: [[Polygon]]
    let topology: CoverageTopology
    let tolerance: Double
    let context = GEOSContext.current

    /// Per arc: how many times its tolerance was halved. Above `maximumHalvings` the arc keeps every position.
    var halvings: [Int]
    /// Per arc: the indices of the positions kept at its current tolerance, nil until computed.
    var keptIndices: [[Int]?]
    var output: [[Polygon]]
    /// Per area: true when every position of its arcs is kept, so it equals the input.
    var isUnchanged: [Bool]
    var natives: [NativeGeometry?]
    var inputNatives: [NativeGeometry?]
    var inputValidity: [Bool?]
    var inputOverlaps: [UInt64: Bool] = [:]

    init(areas: [[Polygon]], topology: CoverageTopology, tolerance: Double) {
        self.input = areas
        self.topology = topology
        self.tolerance = tolerance
        halvings = [Int](repeating: 0, count: topology.arcs.count)
        keptIndices = [[Int]?](repeating: nil, count: topology.arcs.count)
        output = areas
        isUnchanged = [Bool](repeating: true, count: areas.count)
        natives = [NativeGeometry?](repeating: nil, count: areas.count)
        inputNatives = [NativeGeometry?](repeating: nil, count: areas.count)
        inputValidity = [Bool?](repeating: nil, count: areas.count)
    }

    /// Simplifies every arc, then repeats rounds of checks and repairs until no check fails
    /// or the failing arcs are all kept unsimplified.
    mutating func execute() -> [[Polygon]] {
        var pending = Array(input.indices)
        while !pending.isEmpty {
            for area in pending { rebuild(area: area) }
            let refinedArcs = findArcsToRefine(checking: pending)

            var changedArcs: [Int] = []
            for arc in refinedArcs where halvings[arc] <= CoverageSimplifier.maximumHalvings {
                // Halvings that keep the same positions change nothing, so they are taken at once.
                let keptCount = kept(arc: arc).count
                repeat {
                    halvings[arc] += 1
                    keptIndices[arc] = nil
                } while kept(arc: arc).count == keptCount && halvings[arc] <= CoverageSimplifier.maximumHalvings
                if kept(arc: arc).count != keptCount { changedArcs.append(arc) }
            }
            pending = Array(Set(changedArcs.flatMap { topology.arcs[$0].areas })).sorted()
        }
        return output
    }

    // MARK: Rebuilding rings from arcs

    mutating func kept(arc: Int) -> [Int] {
        if let cached = keptIndices[arc] { return cached }
        let significance = topology.arcs[arc].significance
        let indices: [Int]
        if halvings[arc] > CoverageSimplifier.maximumHalvings {
            indices = Array(significance.indices)
        } else {
            let arcTolerance = scalbn(tolerance, -halvings[arc])
            indices = significance.indices.filter { significance[$0] > arcTolerance }
        }
        keptIndices[arc] = indices
        return indices
    }

    mutating func rebuild(area: Int) {
        var polygons = input[area]
        for ringID in topology.areaRings[area] {
            let ring = topology.rings[ringID]
            guard ring.verbatim == nil else { continue }
            let positions = rebuild(ring: ring)
            if ring.ringIndex == 0 {
                polygons[ring.polygon].shell = positions
            } else {
                polygons[ring.polygon].holes[ring.ringIndex - 1] = positions
            }
        }
        output[area] = polygons
        natives[area] = nil
        isUnchanged[area] = topology.areaArcs[area].allSatisfy { kept(arc: $0).count == topology.arcs[$0].positions.count }
    }

    /// Concatenates the kept positions of a ring's arcs and starts the ring at its input start when that position is kept.
    mutating func rebuild(ring: CoverageTopology.Ring) -> [Position] {
        var positions: [Position] = []
        // The offset of each output position in the input ring, counted from `ring.startOffset`.
        var offsets: [Int] = []
        var offset = 0
        for use in ring.uses {
            let arc = topology.arcs[use.arc]
            let last = arc.positions.count - 1
            let indices = kept(arc: use.arc)
            for step in indices.indices {
                let index = use.isReversed ? indices[indices.count - 1 - step] : indices[step]
                if step == 0 && !positions.isEmpty { continue }
                positions.append(arc.positions[index])
                offsets.append(offset + (use.isReversed ? last - index : index))
            }
            offset += last
        }

        let inputStart = (ring.vertexCount - ring.startOffset) % ring.vertexCount
        guard inputStart != 0, let rotation = offsets.dropLast().firstIndex(of: inputStart) else { return positions }
        var rotated = Array(positions[rotation..<(positions.count - 1)])
        rotated.append(contentsOf: positions[0..<rotation])
        rotated.append(rotated[0])
        return rotated
    }

    // MARK: Checks

    /// Runs the checks on the `pending` areas (and every pair with one of them) and returns the arcs to simplify again.
    mutating func findArcsToRefine(checking pending: [Int]) -> [Int] {
        var refine = Set<Int>()
        var hasFailed = [Bool](repeating: false, count: input.count)

        // Rings: at least 4 positions and the input winding, so none collapses or turns inside out.
        for area in pending {
            for ringID in topology.areaRings[area] {
                let ring = topology.rings[ringID]
                guard ring.verbatim == nil else { continue }
                let positions = ring.ringIndex == 0
                    ? output[area][ring.polygon].shell
                    : output[area][ring.polygon].holes[ring.ringIndex - 1]
                if !isSound(positions, orientation: ring.orientation) {
                    refine.formUnion(ring.uses.map(\.arc))
                    hasFailed[area] = true
                }
            }
        }

        // Areas: GEOS validity, for areas that were valid in the input.
        for area in pending where !hasFailed[area] && !isUnchanged[area] {
            if !isValid(area: area) && inputIsValid(area: area) {
                refine.formUnion(topology.areaArcs[area])
                hasFailed[area] = true
            }
        }

        // Pairs: interiors that intersect now but did not in the input.
        var isPending = [Bool](repeating: false, count: input.count)
        for area in pending { isPending[area] = true }
        let (tree, items) = envelopeTree()
        for area in pending where !hasFailed[area] {
            guard let envelope = envelope(area: area) else { continue }
            var candidates: [Int] = []
            tree.query(envelope) { item in candidates.append(items[item]) }
            for other in candidates.sorted() where other != area && !hasFailed[other] {
                if isPending[other] && other < area { continue }
                if isUnchanged[area] && isUnchanged[other] { continue }
                if interiorsIntersect(area, other) && !inputInteriorsIntersect(area, other) {
                    refine.formUnion(topology.areaArcs[area])
                    refine.formUnion(topology.areaArcs[other])
                }
            }
        }
        return refine.sorted()
    }

    func isSound(_ ring: [Position], orientation: Int) -> Bool {
        guard ring.count >= 4 else { return false }
        let signedArea = RingOrientation.signedDoubleArea(ring)
        let sign = signedArea > 0 ? 1 : (signedArea < 0 ? -1 : 0)
        return sign == orientation
    }

    func envelope(area: Int) -> Envelope? {
        Envelope(of: output[area].lazy.flatMap(\.shell))
    }

    /// Builds an STR-tree of the current envelopes of the non-empty areas; returns it with the area of each tree item.
    func envelopeTree() -> (STRTree, [Int]) {
        var envelopes: [Envelope] = []
        var items: [Int] = []
        for area in output.indices {
            guard let envelope = envelope(area: area) else { continue }
            envelopes.append(envelope)
            items.append(area)
        }
        return (STRTree(envelopes: envelopes), items)
    }

    static func geometry(_ polygons: [Polygon]) -> Geometry {
        polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
    }

    /// Returns the GEOS geometry of an output area, built on first use, or nil when GEOS cannot build it.
    mutating func native(area: Int) -> NativeGeometry? {
        if let native = natives[area] { return native }
        let native = try? NativeGeometry(Self.geometry(output[area]), context: context)
        natives[area] = native
        return native
    }

    mutating func inputNative(area: Int) -> NativeGeometry? {
        if let native = inputNatives[area] { return native }
        let native = try? NativeGeometry(Self.geometry(input[area]), context: context)
        inputNatives[area] = native
        return native
    }

    mutating func isValid(area: Int) -> Bool {
        guard let native = native(area: area), let validity = try? native.validity() else { return false }
        return validity.isValid
    }

    mutating func inputIsValid(area: Int) -> Bool {
        if let known = inputValidity[area] { return known }
        let isValid = (try? inputNative(area: area)?.validity().isValid) ?? false
        inputValidity[area] = isValid
        return isValid
    }

    /// True when the output interiors of two areas intersect, or when GEOS fails on output that it could
    /// read as input, so that the pair gets repaired.
    mutating func interiorsIntersect(_ first: Int, _ second: Int) -> Bool {
        guard let a = native(area: first), let b = native(area: second) else {
            return inputNative(area: first) != nil && inputNative(area: second) != nil
        }
        return (try? a.interiorsIntersect(b)) ?? true
    }

    mutating func inputInteriorsIntersect(_ first: Int, _ second: Int) -> Bool {
        let key = UInt64(min(first, second)) << 32 | UInt64(max(first, second))
        if let known = inputOverlaps[key] { return known }
        var result = false
        if let a = inputNative(area: first), let b = inputNative(area: second) {
            result = (try? a.interiorsIntersect(b)) ?? false
        }
        inputOverlaps[key] = result
        return result
    }
}

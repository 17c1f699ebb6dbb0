import Foundation
import Geometry

/// The arcs and nodes of a coverage, built from exact vertex coordinates.
///
/// Every ring edge is keyed by its two endpoints (exact `Double` equality),
/// so two rings that draw a border with the same vertices use the same
/// edges. A node is a vertex whose degree (number of distinct edges) is not
/// 2, or where the two edges are used by different rings. Arcs are the
/// chains of edges between nodes; a ring without any node is one closed arc.
/// Each arc is stored once, in a canonical direction that does not depend
/// on the order of the input, and every ring refers to its arcs.
struct CoverageTopology: Sendable {
    /// A chain of edges between two nodes, or a closed ring without nodes.
    struct Arc: Sendable {
        /// Positions from the start node to the end node. A closed arc (a whole ring without nodes)
        /// starts and ends at its lexicographically smallest vertex.
        var positions: [Position]
        /// For each position, the Douglas–Peucker tolerance (degrees of latitude) below which it is
        /// kept. The first and last positions have infinity, so they are always kept.
        var significance: [Double]
        /// Indices of the areas whose rings use the arc, ascending.
        var areas: [Int]
    }

    /// One traversal of an arc by a ring.
    struct ArcUse: Sendable {
        var arc: Int
        /// True when the ring runs from the arc's last position to its first.
        var isReversed: Bool
    }

    /// A ring of the input, described by the arcs it traverses.
    struct Ring: Sendable {
        var area: Int
        var polygon: Int
        /// 0 for the shell, 1… for the holes.
        var ringIndex: Int
        /// The arcs in ring order, starting at the vertex `startOffset` of the input ring.
        var uses: [ArcUse]
        /// The input vertex where `uses` begins (a node, or the start of the closed arc).
        var startOffset: Int
        /// The number of distinct vertices of the input ring.
        var vertexCount: Int
        /// The sign of the input ring's signed area: 1 counter-clockwise, -1 clockwise, 0 degenerate.
        var orientation: Int
        /// The input ring unchanged, for a ring that is not closed or has fewer than 3 distinct vertices.
        /// Such a ring takes no part in the topology and is returned as it was.
        var verbatim: [Position]?
    }

    var arcs: [Arc] = []
    /// All rings, ordered by area, then polygon, then ring (shell first).
    var rings: [Ring] = []
    /// The range of `rings` that belongs to each area.
    var areaRings: [Range<Int>] = []
    /// The arcs used by each area, ascending and without repeats.
    var areaArcs: [[Int]] = []

    init(areas: [[Polygon]]) {
        var builder = TopologyBuilder()
        builder.addRings(of: areas)
        builder.findNodes()
        builder.buildArcs()
        self = builder.topology(areaCount: areas.count)
    }
}

/// Packs an undirected edge between two vertex ids into one dictionary key.
private func edgeKey(_ a: Int32, _ b: Int32) -> UInt64 {
    let low = UInt64(UInt32(bitPattern: min(a, b)))
    let high = UInt64(UInt32(bitPattern: max(a, b)))
    return low << 32 | high
}

/// Lexicographic order of positions: by x, then by y.
private func lexicographicallyPrecedes(_ a: Position, _ b: Position) -> Bool {
    a.x < b.x || (a.x == b.x && a.y < b.y)
}

/// The mutable state of building a `CoverageTopology`, step by step.
private struct TopologyBuilder {
    /// Distinct positions. A vertex id is an index into this array.
    var vertices: [Position] = []
    var vertexIDs: [Position: Int32] = [:]

    /// Per ring: the distinct vertex ids of the ring in order, without the closing repeat. Nil for a verbatim ring.
    var ringVertices: [[Int32]?] = []
    var rings: [CoverageTopology.Ring] = []
    var areaRings: [Range<Int>] = []

    var edgeIDs: [UInt64: Int32] = [:]
    /// Per edge: the rings using it, one entry per use, sorted once all rings are added.
    var edgeRings: [[Int32]] = []
    /// Per vertex: the number of distinct edges at it, and its first two edges.
    var degree: [Int32] = []
    var firstEdge: [Int32] = []
    var secondEdge: [Int32] = []
    var isNode: [Bool] = []

    var arcs: [CoverageTopology.Arc] = []
    /// Per edge: the arc it belongs to, or -1 before that arc is built.
    var edgeArc: [Int32] = []

    mutating func vertexID(_ position: Position) -> Int32 {
        if let id = vertexIDs[position] { return id }
        let id = Int32(vertices.count)
        vertices.append(position)
        vertexIDs[position] = id
        degree.append(0)
        firstEdge.append(-1)
        secondEdge.append(-1)
        return id
    }

    mutating func addRings(of areas: [[Polygon]]) {
        for (areaIndex, polygons) in areas.enumerated() {
            let firstRing = rings.count
            for (polygonIndex, polygon) in polygons.enumerated() {
                for (ringIndex, ring) in polygon.rings.enumerated() {
                    addRing(ring, area: areaIndex, polygon: polygonIndex, ringIndex: ringIndex)
                }
            }
            areaRings.append(firstRing..<rings.count)
        }
        for index in edgeRings.indices { edgeRings[index].sort() }
    }

    private mutating func addRing(_ ring: [Position], area: Int, polygon: Int, ringIndex: Int) {
        let signedArea = RingOrientation.signedDoubleArea(ring)
        var record = CoverageTopology.Ring(
            area: area, polygon: polygon, ringIndex: ringIndex, uses: [], startOffset: 0, vertexCount: 0,
            orientation: signedArea > 0 ? 1 : (signedArea < 0 ? -1 : 0), verbatim: nil)

        // Repeated consecutive positions are dropped because they carry no edge.
        var ids: [Int32] = []
        ids.reserveCapacity(ring.count)
        if ring.count >= 4, ring.first == ring.last {
            for position in ring.dropLast() {
                let id = vertexID(position)
                if id != ids.last { ids.append(id) }
            }
            if ids.count > 1, ids.first == ids.last { ids.removeLast() }
        }
        guard ids.count >= 3 else {
            record.verbatim = ring
            rings.append(record)
            ringVertices.append(nil)
            return
        }

        let ringID = Int32(rings.count)
        for offset in ids.indices {
            let a = ids[offset], b = ids[(offset + 1) % ids.count]
            let key = edgeKey(a, b)
            if let edge = edgeIDs[key] {
                edgeRings[Int(edge)].append(ringID)
                continue
            }
            let edge = Int32(edgeRings.count)
            edgeIDs[key] = edge
            edgeRings.append([ringID])
            for vertex in [a, b] {
                let index = Int(vertex)
                if degree[index] == 0 { firstEdge[index] = edge } else if degree[index] == 1 { secondEdge[index] = edge }
                degree[index] += 1
            }
        }
        record.vertexCount = ids.count
        rings.append(record)
        ringVertices.append(ids)
    }

    /// Marks the nodes: vertices of degree other than 2, and vertices where the set of rings changes.
    mutating func findNodes() {
        isNode = vertices.indices.map { index in
            guard degree[index] == 2 else { return true }
            return edgeRings[Int(firstEdge[index])] != edgeRings[Int(secondEdge[index])]
        }
    }

    mutating func buildArcs() {
        edgeArc = [Int32](repeating: -1, count: edgeRings.count)
        for ringID in rings.indices {
            guard let ids = ringVertices[ringID] else { continue }
            if let start = ids.firstIndex(where: { isNode[Int($0)] }) {
                traceOpenArcs(ringID: ringID, ids: ids, start: start)
            } else {
                traceClosedArc(ringID: ringID, ids: ids)
            }
        }
    }

    /// Splits a ring that has nodes into arcs, starting at its first node.
    private mutating func traceOpenArcs(ringID: Int, ids: [Int32], start: Int) {
        let count = ids.count
        var uses: [CoverageTopology.ArcUse] = []
        var offset = start
        repeat {
            var chain: [Int32] = [ids[offset % count]]
            var next = offset + 1
            while true {
                chain.append(ids[next % count])
                if isNode[Int(ids[next % count])] { break }
                next += 1
            }
            uses.append(use(ofChain: chain, ringID: ringID))
            offset = next
        } while offset < start + count
        rings[ringID].uses = uses
        rings[ringID].startOffset = start
    }

    /// Records a ring without nodes as one closed arc that starts at its lexicographically smallest vertex.
    private mutating func traceClosedArc(ringID: Int, ids: [Int32]) {
        let count = ids.count
        var smallest = 0
        for offset in 1..<count where lexicographicallyPrecedes(vertices[Int(ids[offset])], vertices[Int(ids[smallest])]) {
            smallest = offset
        }
        var chain: [Int32] = []
        chain.reserveCapacity(count + 1)
        for step in 0...count { chain.append(ids[(smallest + step) % count]) }
        rings[ringID].uses = [use(ofChain: chain, ringID: ringID)]
        rings[ringID].startOffset = smallest
    }

    /// Returns the arc that a ring traverses as `chain` (vertex ids from one node to the next), building it on first use.
    private mutating func use(ofChain chain: [Int32], ringID: Int) -> CoverageTopology.ArcUse {
        let firstEdge = Int(edgeIDs[edgeKey(chain[0], chain[1])]!)
        let existing = edgeArc[firstEdge]
        if existing >= 0 {
            let arc = arcs[Int(existing)]
            let isForward = arc.positions[0] == vertices[Int(chain[0])] && arc.positions[1] == vertices[Int(chain[1])]
            appendArea(rings[ringID].area, toArc: Int(existing))
            return CoverageTopology.ArcUse(arc: Int(existing), isReversed: !isForward)
        }

        // The canonical direction runs from the lexicographically smaller end node to the larger one.
        // A loop (both ends the same node) and a closed arc start towards the smaller of the start's two neighbours.
        let first = vertices[Int(chain[0])], last = vertices[Int(chain[chain.count - 1])]
        let isReversed: Bool
        if first != last {
            isReversed = lexicographicallyPrecedes(last, first)
        } else {
            isReversed = lexicographicallyPrecedes(vertices[Int(chain[chain.count - 2])], vertices[Int(chain[1])])
        }
        let canonical = isReversed ? Array(chain.reversed()) : chain
        let positions = canonical.map { vertices[Int($0)] }

        let arcID = arcs.count
        arcs.append(CoverageTopology.Arc(
            positions: positions, significance: [], areas: [rings[ringID].area]))
        for index in 0..<(canonical.count - 1) {
            edgeArc[Int(edgeIDs[edgeKey(canonical[index], canonical[index + 1])]!)] = Int32(arcID)
        }
        return CoverageTopology.ArcUse(arc: arcID, isReversed: isReversed)
    }

    private mutating func appendArea(_ area: Int, toArc arc: Int) {
        // Rings are visited area by area, so a new area is always the largest so far.
        if arcs[arc].areas.last != area { arcs[arc].areas.append(area) }
    }

    func topology(areaCount: Int) -> CoverageTopology {
        var result = CoverageTopology(empty: ())
        result.rings = rings
        result.areaRings = areaRings

        // Distances are measured with longitudes scaled by cos(latitude) of the coverage's centre,
        // so a tolerance in degrees of latitude means the same ground distance in every direction.
        let scale: Double
        if let envelope = Envelope(of: vertices) {
            scale = max(cos(envelope.center.y * .pi / 180), 0.01)
        } else {
            scale = 1
        }
        result.arcs = arcs.map { arc in
            var arc = arc
            arc.significance = DouglasPeucker.significance(of: arc.positions, longitudeScale: scale)
            return arc
        }

        result.areaArcs = [[Int]](repeating: [], count: areaCount)
        for ring in rings {
            result.areaArcs[ring.area].append(contentsOf: ring.uses.map(\.arc))
        }
        for area in result.areaArcs.indices {
            result.areaArcs[area] = Array(Set(result.areaArcs[area])).sorted()
        }
        return result
    }
}

extension CoverageTopology {
    /// An empty topology, filled in by `TopologyBuilder`.
    fileprivate init(empty: Void) {}
}

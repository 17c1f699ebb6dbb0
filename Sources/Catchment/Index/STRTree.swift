import Geometry

/// A static R-tree packed with the Sort-Tile-Recursive algorithm (Leutenegger et al., 1997).
///
/// Built once from item envelopes and read-only afterwards, so queries from
/// many threads need no lock. Items are referred to by their index in the
/// array given to `init`.
public struct STRTree: Sendable {
    /// Maximum children per node.
    public static let nodeCapacity = 10

    private struct Node: Sendable {
        var envelope: Envelope
        /// Range of children: items (in `leafItems`) for level 0, nodes of the level below otherwise.
        var start: Int32
        var count: Int32
    }

    /// levels[0] are the leaves; the last level has the single root.
    private let levels: [[Node]]
    private let leafItems: [Int32]
    private let itemEnvelopes: [Envelope]

    public var count: Int { itemEnvelopes.count }

    public init(envelopes: [Envelope]) {
        itemEnvelopes = envelopes
        guard !envelopes.isEmpty else {
            levels = []
            leafItems = []
            return
        }

        // Leaves: items sorted into tiles, each group of `nodeCapacity` items one node.
        let order = Self.sortTileRecursive(Array(0..<envelopes.count)) { envelopes[$0].center }
        leafItems = order.map { Int32($0) }
        var leaves: [Node] = []
        var start = 0
        while start < order.count {
            let end = min(start + Self.nodeCapacity, order.count)
            var envelope = envelopes[order[start]]
            for position in (start + 1)..<end { envelope.expand(toInclude: envelopes[order[position]]) }
            leaves.append(Node(envelope: envelope, start: Int32(start), count: Int32(end - start)))
            start = end
        }

        // Upper levels: the nodes of each level are themselves sorted into tiles and grouped.
        var built: [[Node]] = [leaves]
        while built[built.count - 1].count > 1 {
            let below = built[built.count - 1]
            let sorted = Self.sortTileRecursive(Array(below.indices)) { below[$0].envelope.center }
            let reordered = sorted.map { below[$0] }
            built[built.count - 1] = reordered
            var parents: [Node] = []
            var first = 0
            while first < reordered.count {
                let end = min(first + Self.nodeCapacity, reordered.count)
                var envelope = reordered[first].envelope
                for position in (first + 1)..<end { envelope.expand(toInclude: reordered[position].envelope) }
                parents.append(Node(envelope: envelope, start: Int32(first), count: Int32(end - first)))
                first = end
            }
            built.append(parents)
        }
        levels = built
    }

    /// Orders elements into vertical slices by x, each slice sorted by y.
    private static func sortTileRecursive(_ elements: [Int], center: (Int) -> Position) -> [Int] {
        let leafCount = (elements.count + nodeCapacity - 1) / nodeCapacity
        let sliceCount = max(1, Int(Double(leafCount).squareRoot().rounded(.up)))
        let sliceSize = sliceCount * nodeCapacity
        let byX = elements.sorted { center($0).x < center($1).x || (center($0).x == center($1).x && $0 < $1) }
        var result: [Int] = []
        result.reserveCapacity(elements.count)
        var start = 0
        while start < byX.count {
            let end = min(start + sliceSize, byX.count)
            let slice = byX[start..<end].sorted { center($0).y < center($1).y || (center($0).y == center($1).y && $0 < $1) }
            result.append(contentsOf: slice)
            start = end
        }
        return result
    }

    /// Calls `visit` with every item whose envelope covers the position, in no particular order.
    @inline(__always)
    public func query(_ position: Position, _ visit: (Int) throws -> Void) rethrows {
        try traverse({ $0.covers(position) }, visit)
    }

    /// Calls `visit` with every item whose envelope intersects `envelope`, in no particular order.
    @inline(__always)
    public func query(_ envelope: Envelope, _ visit: (Int) throws -> Void) rethrows {
        try traverse({ $0.intersects(envelope) }, visit)
    }

    /// Visits every item whose envelope, and every ancestor node's envelope, passes `test`.
    ///
    /// The depth-first stack lives on the call frame, so a query allocates nothing.
    @inline(__always)
    private func traverse(_ test: (Envelope) -> Bool, _ visit: (Int) throws -> Void) rethrows {
        guard let rootLevel = levels.last else { return }
        // Popping a node pushes at most nodeCapacity children, once per level, above the root level's entries.
        let capacity = rootLevel.count + levels.count * Self.nodeCapacity
        try withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: capacity) { stack throws in
            var top = 0
            for index in rootLevel.indices {
                stack[top] = (Int32(levels.count - 1), Int32(index))
                top += 1
            }
            try levels.withUnsafeBufferPointer { levels throws in
                try leafItems.withUnsafeBufferPointer { leafItems throws in
                    try itemEnvelopes.withUnsafeBufferPointer { itemEnvelopes throws in
                        while top > 0 {
                            top -= 1
                            let (level, index) = (Int(stack[top].0), Int(stack[top].1))
                            let node = levels[level][index]
                            guard test(node.envelope) else { continue }
                            let range = Int(node.start)..<Int(node.start + node.count)
                            if level == 0 {
                                for slot in range {
                                    let item = Int(leafItems[slot])
                                    if test(itemEnvelopes[item]) { try visit(item) }
                                }
                            } else {
                                for child in range {
                                    stack[top] = (Int32(level - 1), Int32(child))
                                    top += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Finds the item nearest to a query by best-first search.
    ///
    /// - Parameters:
    ///   - envelopeDistance: a lower bound of `itemDistance` for every item inside an envelope.
    ///   - itemDistance: the exact distance to one item.
    ///   - accept: items for which this returns false are skipped.
    /// - Returns: the nearest item and its distance, ties broken by the lower item index; nil when no item is accepted.
    public func nearest(
        envelopeDistance: (Envelope) -> Double,
        itemDistance: (Int) -> Double,
        accept: (Int) -> Bool = { _ in true }
    ) -> (item: Int, distance: Double)? {
        guard let rootLevel = levels.last else { return nil }

        // Min-heap of (distance bound, level, index); level -1 marks an item.
        var heap = MinHeap<(Double, Int, Int)> { a, b in a.0 < b.0 || (a.0 == b.0 && (a.1, a.2) < (b.1, b.2)) }
        for index in rootLevel.indices {
            heap.push((envelopeDistance(rootLevel[index].envelope), levels.count - 1, index))
        }
        var best: (item: Int, distance: Double)? = nil
        while let (bound, level, index) = heap.pop() {
            if let best, bound > best.distance { break }
            if level == -1 {
                if best == nil || bound < best!.distance || (bound == best!.distance && index < best!.item) {
                    best = (index, bound)
                }
                continue
            }
            let node = levels[level][index]
            let range = Int(node.start)..<Int(node.start + node.count)
            if level == 0 {
                for slot in range {
                    let item = Int(leafItems[slot])
                    guard accept(item) else { continue }
                    heap.push((itemDistance(item), -1, item))
                }
            } else {
                for child in range { heap.push((envelopeDistance(levels[level - 1][child].envelope), level - 1, child)) }
            }
        }
        return best
    }
}

/// A binary min-heap ordered by a caller-given comparison.
struct MinHeap<Element> {
    private var elements: [Element] = []
    private let less: (Element, Element) -> Bool

    init(less: @escaping (Element, Element) -> Bool) { self.less = less }

    var isEmpty: Bool { elements.isEmpty }

    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(elements[child], elements[parent]) else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let top = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < elements.count, less(elements[left], elements[smallest]) { smallest = left }
            if right < elements.count, less(elements[right], elements[smallest]) { smallest = right }
            if smallest == parent { break }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}

import Synchronization

/// Request counters, a latency histogram and the open-connection gauge, in Prometheus text format.
///
/// Each event loop records into its own slot, so recording never contends
/// with another loop. A scrape takes each slot's mutex briefly in turn.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds.
    public static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    struct Slot {
        var requests: [RouteStatus: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.bucketBounds.count)
        var latencyCount = 0
        var latencySum = 0.0
    }

    struct RouteStatus: Hashable {
        let route: String
        let status: Int
    }

    /// One loop's counters behind their own lock.
    final class SlotBox: Sendable {
        let slot = Mutex(Slot())
    }

    private let slots: [SlotBox]
    private let openConnections = Atomic<Int>(0)
    private let totalConnections = Atomic<Int>(0)

    init(loopCount: Int) {
        slots = (0..<max(1, loopCount)).map { _ in SlotBox() }
    }

    func connectionOpened() {
        openConnections.add(1, ordering: .relaxed)
        totalConnections.add(1, ordering: .relaxed)
    }

    func connectionClosed() {
        openConnections.subtract(1, ordering: .relaxed)
    }

    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    func record(loop: Int, route: String, status: Int, seconds: Double) {
        slots[loop % slots.count].slot.withLock { slot in
            slot.requests[RouteStatus(route: route, status: status), default: 0] += 1
            slot.latencyCount += 1
            slot.latencySum += seconds
            if let bucket = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { slot.bucketCounts[bucket] += 1 }
        }
    }

    /// Renders the metrics in the Prometheus text exposition format (version 0.0.4).
    public func prometheusText() -> String {
        var requests: [RouteStatus: Int] = [:]
        var buckets = [Int](repeating: 0, count: Self.bucketBounds.count)
        var count = 0
        var sum = 0.0
        for box in slots {
            box.slot.withLock { slot in
                requests.merge(slot.requests, uniquingKeysWith: +)
                for index in buckets.indices { buckets[index] += slot.bucketCounts[index] }
                count += slot.latencyCount
                sum += slot.latencySum
            }
        }

        var lines: [String] = []
        lines.append("# HELP sakura_http_requests_total HTTP requests answered, by route pattern and status.")
        lines.append("# TYPE sakura_http_requests_total counter")
        for (key, value) in requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            lines.append("sakura_http_requests_total{route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(value)")
        }
        lines.append("# HELP sakura_http_request_duration_seconds Time from a complete request to its response, in seconds.")
        lines.append("# TYPE sakura_http_request_duration_seconds histogram")
        var cumulative = 0
        for (index, bound) in Self.bucketBounds.enumerated() {
            cumulative += buckets[index]
            lines.append("sakura_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)")
        }
        lines.append("sakura_http_request_duration_seconds_bucket{le=\"+Inf\"} \(count)")
        lines.append("sakura_http_request_duration_seconds_sum \(sum)")
        lines.append("sakura_http_request_duration_seconds_count \(count)")
        lines.append("# HELP sakura_http_open_connections Client connections open now.")
        lines.append("# TYPE sakura_http_open_connections gauge")
        lines.append("sakura_http_open_connections \(openConnectionCount)")
        lines.append("# HELP sakura_http_connections_total Client connections accepted.")
        lines.append("# TYPE sakura_http_connections_total counter")
        lines.append("sakura_http_connections_total \(totalConnections.load(ordering: .relaxed))")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

import Foundation
import Store

/// Counts events per bucket in SQLite, so limits hold across requests, threads and restarts.
struct RateLimiter: Sendable {
    /// A limit on one bucket: at most `maxCount` events in any `window`, and at least `interval`
    /// between two events when it is set.
    struct Limit {
        var bucket: String
        var maxCount: Int
        var window: TimeInterval
        var interval: TimeInterval?
    }

    /// Returns the seconds until every limit allows one more event, or nil when all allow it now.
    /// Read-only; call inside the transaction that then records the event.
    func delay(_ limits: [Limit], now: Date, in store: SakuraStore) throws -> TimeInterval? {
        var wait: TimeInterval = 0
        for limit in limits {
            let events = try store.rateEvents(bucket: limit.bucket, since: now.addingTimeInterval(-limit.window))
            if events.count >= limit.maxCount {
                // The next event fits once enough of the oldest events have left the window.
                let mustExpire = events[events.count - limit.maxCount]
                wait = max(wait, mustExpire.timeIntervalSince(now) + limit.window)
            }
            if let interval = limit.interval, let last = events.last {
                wait = max(wait, last.timeIntervalSince(now) + interval)
            }
        }
        return wait > 0 ? wait : nil
    }

    /// Records one event in every bucket of `limits`.
    func record(_ limits: [Limit], now: Date, in store: SakuraStore) throws {
        for limit in limits { try store.recordRateEvent(bucket: limit.bucket, at: now) }
    }
}

import Glibc

/// A cache with one dictionary per thread, so lookups on the request path take no lock.
///
/// Each event-loop thread fills its own copy on first use; the values are
/// immutable, so a duplicate computed on another thread is harmless.
/// `@unchecked Sendable`: a thread only reaches its own storage, through a
/// pthread key, and the key itself is created once in `init`.
final class PerThreadCache<Key: Hashable, Value>: @unchecked Sendable {
    private var key = pthread_key_t()
    private let capacity: Int

    private final class Storage {
        var entries: [Key: Value] = [:]
    }

    /// `capacity` is the most entries one thread keeps; the cache is emptied when it is reached.
    init(capacity: Int) {
        self.capacity = capacity
        let status = pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<AnyObject>.fromOpaque(raw).release()
        }
        precondition(status == 0, "pthread_key_create failed with \(status)")
    }

    deinit {
        pthread_key_delete(key)
    }

    private var storage: Storage {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as! Storage
        }
        let storage = Storage()
        pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(storage).toOpaque())
        return storage
    }

    /// Returns the cached value for `key`, computing and storing it on a miss.
    func value(for cacheKey: Key, compute: () throws -> Value) rethrows -> Value {
        let storage = self.storage
        if let value = storage.entries[cacheKey] { return value }
        let value = try compute()
        if storage.entries.count >= capacity { storage.entries.removeAll() }
        storage.entries[cacheKey] = value
        return value
    }
}

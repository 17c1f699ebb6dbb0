import CGEOS
import Glibc
import Synchronization

/// One GEOS context handle (`GEOSContextHandle_t`) and the last error message GEOS reported on it.
///
/// Thread safety: a context must be used by one thread at a time. Create
/// one per worker, or take `GEOSContext.current`, which keeps one context
/// per thread. Geometries created with a context keep it alive.
public final class GEOSContext {
    @usableFromInline let handle: GEOSContextHandle_t
    private let messages: MessageBox
    /// Serializes the destruction of long-lived geometries, which indexes may share: the last
    /// reference to such a geometry can go away on any thread.
    private let destruction = Mutex(())

    /// Collects GEOS error and notice messages; only the thread using the context writes to it.
    final class MessageBox {
        var lastError: String?
        var lastNotice: String?
    }

    public init() {
        // GEOS_init_r allocates a context; it returns NULL only when out of memory.
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r failed: out of memory") }
        self.handle = handle
        self.messages = MessageBox()

        let box = Unmanaged.passUnretained(messages).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, box)
        GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().lastNotice = String(cString: message)
        }, box)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Runs a GEOS destroy call on this context, one thread at a time.
    func destroy(_ body: (GEOSContextHandle_t) -> Void) {
        destruction.withLock { _ in body(handle) }
    }

    /// Takes the last error GEOS reported on this context, clearing it.
    func takeError() -> String {
        defer { messages.lastError = nil }
        return messages.lastError ?? "unknown GEOS error"
    }

    @usableFromInline
    func failure(_ operation: String) -> GeometryError {
        .geosFailure(operation: operation, message: takeError())
    }

    /// The context of the calling thread, created on first use and freed when the thread exits.
    public static var current: GEOSContext {
        if let raw = pthread_getspecific(threadKey.key) {
            return Unmanaged<GEOSContext>.fromOpaque(raw).takeUnretainedValue()
        }
        let context = GEOSContext()
        pthread_setspecific(threadKey.key, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    private static let threadKey = ThreadKey()

    /// The pthread key behind `current`; its destructor releases the thread's context.
    private final class ThreadKey: Sendable {
        // Written once in init before the instance is shared; pthread keys are process-wide and thread-safe.
        nonisolated(unsafe) var key: pthread_key_t = 0

        init() {
            let status = pthread_key_create(&key) { raw in
                guard let raw else { return }
                Unmanaged<GEOSContext>.fromOpaque(raw).release()
            }
            precondition(status == 0, "pthread_key_create failed with \(status)")
        }
    }
}

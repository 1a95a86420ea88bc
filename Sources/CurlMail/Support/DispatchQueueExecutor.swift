#if os(Linux)
    @preconcurrency import Dispatch
#else
    import Dispatch
#endif

/// A serial executor backed by a dispatch queue, for actors whose methods block in C (curl_easy_perform):
/// they then block a dispatch thread, never one of Swift's cooperative-pool threads. As GRDB's
/// `DispatchQueueActor` does it.
final class DispatchQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    /// - Parameter label: the queue's label, seen in debuggers and crash reports.
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: UnownedJob) {
        queue.async {
            job.runSynchronously(on: self.asUnownedSerialExecutor())
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }

    /// Runs `body` on the queue later: how an actor's deinit hands its libcurl handle back to its own
    /// queue, so the polite QUIT/LOGOUT of `curl_easy_cleanup` blocks that queue's thread and never the
    /// thread that dropped the last reference (possibly one of the cooperative pool's).
    ///
    /// (Swift's `isolated deinit` would say this directly, but Swift 6.3's optimizer reports a circular
    /// reference on it when a client module is built with whole-module optimization.)
    func finish<T>(_ state: ExecutorBound<T>, _ body: @escaping @Sendable (ExecutorBound<T>) -> Void) {
        queue.async { body(state) }
    }
}

/// State of an actor that runs on a ``DispatchQueueExecutor``, reachable from its (nonisolated) deinit.
/// `@unchecked Sendable`: `value` is only read or written by the owning actor's methods, which all run on
/// its serial queue, and by ``DispatchQueueExecutor/finish(_:_:)`` on that same queue after the actor is
/// gone, so no two threads ever touch it at once.
final class ExecutorBound<T>: @unchecked Sendable {
    var value: T

    init(_ value: T) { self.value = value }
}

#if os(Linux) || os(Android) || os(Windows)
    // Safe: the only stored property is a `let` DispatchQueue, and dispatch queues are thread-safe (they are
    // `Sendable` on Darwin; corelibs-dispatch does not say so yet).
    extension DispatchQueueExecutor: @unchecked Sendable {}
#endif

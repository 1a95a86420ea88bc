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
}

#if os(Linux) || os(Android) || os(Windows)
    // Safe: the only stored property is a `let` DispatchQueue, and dispatch queues are thread-safe (they are
    // `Sendable` on Darwin; corelibs-dispatch does not say so yet).
    extension DispatchQueueExecutor: @unchecked Sendable {}
#endif

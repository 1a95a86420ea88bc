import ServiceLifecycle
import Synchronization

/// The configuration `serve` runs with now, replaced as a whole by a good reload. Services read it at the
/// start of each unit of work (a delivery run, a poll, a scheduling decision); a delivery run in progress
/// is told through ``onChange(_:)`` and stops after the messages in flight, so a new configuration takes
/// effect between messages, never inside one.
public final class LiveConfiguration: Sendable {
    private struct State {
        var generation = 0
        var setup: ServeSetup
        var observers: [Int: @Sendable () -> Void] = [:]
        var nextToken = 0
    }
    private let state: Mutex<State>

    public init(_ setup: ServeSetup) {
        state = Mutex(State(setup: setup))
    }

    /// The running setup and its generation (0 at start, one more per good reload).
    public var current: (generation: Int, setup: ServeSetup) {
        state.withLock { ($0.generation, $0.setup) }
    }

    /// Makes `setup` the running one and tells the observers; returns the new generation.
    @discardableResult
    public func replace(with setup: ServeSetup) -> Int {
        let (generation, observers) = state.withLock { s in
            s.setup = setup
            s.generation += 1
            return (s.generation, Array(s.observers.values))
        }
        for observer in observers { observer() }
        return generation
    }

    /// Calls `observer` at every replacement until `stopObserving` with the returned token.
    public func onChange(_ observer: @escaping @Sendable () -> Void) -> Int {
        state.withLock { s in
            s.nextToken += 1
            s.observers[s.nextToken] = observer
            return s.nextToken
        }
    }

    public func stopObserving(_ token: Int) {
        _ = state.withLock { $0.observers.removeValue(forKey: token) }
    }

    /// Sleeps for `duration`, or less: until a reload replaces generation `generation`, or a graceful
    /// shutdown begins (a service then acts on the new configuration at once).
    public func sleep(for duration: Duration, unlessReplacing generation: Int) async {
        let clock = ContinuousClock()
        let end = clock.now + duration
        while clock.now < end, current.generation == generation, !Task.isShuttingDownGracefully,
            !Task.isCancelled
        {
            let step = min(end - clock.now, .seconds(1))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: step) }
        }
    }
}

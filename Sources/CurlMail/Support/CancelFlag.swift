import Synchronization

/// A flag set once from any thread and read on another: by libcurl's callbacks on the transfer's thread,
/// or by the delivery channels between two messages.
public final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { value.load(ordering: .acquiring) }

    public func set() { value.store(true, ordering: .releasing) }
}

import Synchronization

/// A flag set from any thread and read by libcurl's callbacks on the transfer's thread.
final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}

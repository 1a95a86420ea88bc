import Foundation
import Synchronization

/// `transform(0)`, …, `transform(count - 1)` spread over the cores (`DispatchQueue.concurrentPerform`,
/// which returns when every call has); the results in index order.
public func concurrentMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let results = Mutex([T?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let value = transform(i)
        results.withLock { $0[i] = value }
    }
    return results.withLock { $0.map { $0! } }
}

import Synchronization
import Testing

@testable import Roster

@Suite("concurrentMap")
struct ConcurrentMapTests {
    @Test("every index once, results in index order")
    func orderAndOnce() {
        let calls = Mutex([Int: Int]())
        let results = concurrentMap(1000) { i in
            calls.withLock { $0[i, default: 0] += 1 }
            return i * i
        }
        #expect(results == (0..<1000).map { $0 * $0 })
        #expect(calls.withLock { $0.count == 1000 && $0.values.allSatisfy { $0 == 1 } })
    }

    @Test("no work, no results")
    func empty() {
        #expect(concurrentMap(0) { $0 }.isEmpty)
    }
}

import Foundation
import Testing
@testable import MTLintKit

/// The order-preserving parallel map that files and corpus batches go through.
struct ParallelTests {
    final class Tracked: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ v: Int) {
            value = v
            Self.lock.lock(); Self.alive += 1; Self.lock.unlock()
        }
        deinit { Self.lock.lock(); Self.alive -= 1; Self.lock.unlock() }
    }

    @Test func keepsOrderAndReleasesResults() {
        do {
            let out = Parallel.map(Array(0..<500), jobs: 2) { Tracked($0 * 2) }
            #expect(out.map(\.value) == (0..<500).map { $0 * 2 })
        }
        // Every result is freed once the caller drops it: a leak here grew corpus mode's memory with its input.
        #expect(Tracked.alive == 0)
    }

    /// The memo behind the cross-document caches: right values from every thread, each key computed about
    /// once, and never more entries than its capacity.
    @Test func memoIsRightFromEveryThreadAndBounded() {
        let memo = Memo<Int, Int>(capacity: 50)
        let computed = ManagedCounter()
        let keys = (0..<2000).map { $0 % 40 }
        let values = Parallel.map(keys, jobs: 2) { k in memo.value(k) { computed.increment(); return k * k } }
        #expect(values == keys.map { $0 * $0 })
        #expect(computed.value >= 40 && computed.value <= 80)   // a key may be computed twice in a race, not more
        let small = Memo<Int, Int>(capacity: 3)
        for k in 0..<10 { _ = small.value(k) { k } }
        #expect(small.count <= 3)
        #expect(small.value(9) { -1 } == 9)
    }

    final class ManagedCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func increment() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}

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
}

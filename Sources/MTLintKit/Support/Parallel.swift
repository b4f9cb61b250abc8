import Dispatch
import Foundation

/// Order-preserving parallel map over a bounded batch: callers feed batches, so memory stays bounded by the
/// batch size however long the input is.
public enum Parallel {
    /// The number of cores this process may use.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) -> R) -> [R] {
        let n = items.count
        if jobs <= 1 || n <= 1 { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        // Deinitialize before deallocating: the copies returned below are retained, and without it every
        // batch's results would leak (memory grew with the input in corpus mode).
        defer { _ = results.deinitialize(); results.deallocate() }
        let box = UnsafeSendableBuffer(results)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, n)) { _ in
            while true {
                let i = next.increment()
                if i >= n { break }
                box.buffer[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }

    private struct UnsafeSendableBuffer<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(_ b: UnsafeMutableBufferPointer<R?>) { buffer = b }
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func increment() -> Int {
            lock.lock(); defer { lock.unlock() }
            let v = value
            value += 1
            return v
        }
    }
}

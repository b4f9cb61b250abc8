import Foundation

/// A bounded, thread-safe memo of a pure function over fixed data: the same names and words come back in
/// document after document, so what they cost to look up is paid once per process rather than once per
/// document. Emptied when full, so memory stays bounded on any input.
final class Memo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()
    let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    var count: Int { lock.lock(); defer { lock.unlock() }; return values.count }

    func value(_ key: Key, _ compute: () -> Value) -> Value {
        lock.lock()
        if let v = values[key] { lock.unlock(); return v }
        lock.unlock()
        let v = compute()
        lock.lock()
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        values[key] = v
        lock.unlock()
        return v
    }
}

import Foundation

/// The large "known real name" guard (`Rules/gazetteer/known-names.txt`: one name token per line, sorted
/// by code point). Never a source of suggestions: it only says that a capitalised token is a real name.
/// The file is read once and searched in place by binary search, so starting costs one read and a scan
/// for line starts, not hundreds of thousands of string allocations.
public final class KnownNames: @unchecked Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int32]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 9)
        var lineStart = 0
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == 0x0A {
                if i > lineStart { starts.append(Int32(lineStart)) }
                lineStart = i + 1
            }
        }
        if lineStart < bytes.count { starts.append(Int32(lineStart)) }
        self.lineStarts = starts
    }

    public var count: Int { lineStarts.count }

    public static func load(_ url: URL) throws(DataError) -> KnownNames {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missing(path: url.path, detail: "known-names list not found")
        }
        return KnownNames(bytes: Array(data))
    }

    /// Whether the exact spelling is a known name.
    public func contains(_ name: String) -> Bool {
        var key = Array(name.utf8)
        return key.withUnsafeMutableBufferPointer { k in
            bytes.withUnsafeBufferPointer { b in
                var lo = 0, hi = lineStarts.count - 1
                while lo <= hi {
                    let mid = (lo + hi) / 2
                    let start = Int(lineStarts[mid])
                    var end = start
                    while end < b.count && b[end] != 0x0A { end += 1 }
                    let c = compare(k, b, start, end)
                    if c == 0 { return true }
                    if c < 0 { hi = mid - 1 } else { lo = mid + 1 }
                }
                return false
            }
        }
    }

    private func compare(_ k: UnsafeMutableBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = 0
        let n = end - start
        while i < k.count && i < n {
            if k[i] != b[start + i] { return k[i] < b[start + i] ? -1 : 1 }
            i += 1
        }
        return k.count == n ? 0 : (k.count < n ? -1 : 1)
    }
}

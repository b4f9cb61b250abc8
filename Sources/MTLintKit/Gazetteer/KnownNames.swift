import Foundation

/// The large "known real name" guard (`Rules/gazetteer/known-names.txt`: one name token per line, sorted
/// by code point). Never a source of suggestions: it only says that a capitalised token is a real name.
/// The file is memory-mapped and searched in place by a binary search over byte offsets (each probe backs up
/// to its line start), so a process that lints one file pays neither a 7 MB copy nor a scan for line starts.
public final class KnownNames: @unchecked Sendable {
    private let data: Data

    init(data: Data) { self.data = data }

    convenience init(bytes: [UInt8]) { self.init(data: Data(bytes)) }

    /// The number of names (counted on demand; only reports and tests ask).
    public var count: Int {
        data.withUnsafeBytes { raw in
            var n = 0, lineStart = 0
            for (i, c) in raw.enumerated() where c == 0x0A {
                if i > lineStart { n += 1 }
                lineStart = i + 1
            }
            return n + (lineStart < raw.count ? 1 : 0)
        }
    }

    public static func load(_ url: URL) throws(DataError) -> KnownNames {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw .missing(path: url.path, detail: "known-names list not found")
        }
        return KnownNames(data: data)
    }

    /// Whether the exact spelling is a known name.
    public func contains(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { k in
            data.withUnsafeBytes { raw in
                let b = raw.bindMemory(to: UInt8.self)
                var lo = 0, hi = b.count
                while lo < hi {
                    var s = (lo + hi) / 2
                    while s > lo && b[s - 1] != 0x0A { s -= 1 }
                    var e = s
                    while e < hi && b[e] != 0x0A { e += 1 }
                    let c = Self.compare(k, b, s, e)
                    if c == 0 && e > s { return true }
                    if c < 0 { hi = s } else { lo = e + 1 }
                }
                return false
            }
        }
    }

    /// Byte order of `k` against the line bytes `start..<end` (-1, 0, 1): the sorted lists' search order.
    static func compare(_ k: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = 0
        let n = end - start
        while i < k.count && i < n {
            if k[i] != b[start + i] { return k[i] < b[start + i] ? -1 : 1 }
            i += 1
        }
        return k.count == n ? 0 : (k.count < n ? -1 : 1)
    }
}

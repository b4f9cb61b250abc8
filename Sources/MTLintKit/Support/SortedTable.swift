import Foundation

/// A memory-mapped table of `key<TAB>fields…` lines sorted by key in byte order, searched in place by binary
/// search over byte offsets: no parsing at start, whatever the file's size. `#` lines at the top are skipped.
final class SortedTable: @unchecked Sendable {
    private let data: Data
    private let firstLine: Int

    init(data: Data) {
        self.data = data
        var first = 0
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            while first < b.count && b[first] == 0x23 {
                while first < b.count && b[first] != 0x0A { first += 1 }
                first += 1
            }
        }
        self.firstLine = min(first, data.count)
    }

    static func load(_ url: URL) throws(DataError) -> SortedTable {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw .missing(path: url.path, detail: "table not found")
        }
        return SortedTable(data: data)
    }

    /// Calls `body` with the bytes after the key's tab up to the line end when the key (the bytes of `a`,
    /// then a space and `b` when given) is listed; returns nil otherwise.
    func lookup<R>(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>? = nil,
                   _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        data.withUnsafeBytes { raw -> R? in
            let f = raw.bindMemory(to: UInt8.self)
            var lo = firstLine, hi = f.count
            while lo < hi {
                var s = (lo + hi) / 2
                while s > lo && f[s - 1] != 0x0A { s -= 1 }
                var e = s
                while e < hi && f[e] != 0x0A { e += 1 }
                var tab = s
                while tab < e && f[tab] != 0x09 { tab += 1 }
                let c = Self.compare(a, b, f, s, tab)
                if c == 0 { return body(UnsafeBufferPointer(rebasing: f[min(tab + 1, e)..<e])) }
                if c < 0 { hi = s } else { lo = e + 1 }
            }
            return nil
        }
    }

    /// Byte order of the key `a` or `a b` against the file's bytes start..<end.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>?,
                                _ f: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var p = start
        for x in a {
            guard p < end else { return 1 }
            if x != f[p] { return x < f[p] ? -1 : 1 }
            p += 1
        }
        if let b {
            guard p < end else { return 1 }
            if f[p] != 0x20 { return 0x20 < f[p] ? -1 : 1 }
            p += 1
            for x in b {
                guard p < end else { return 1 }
                if x != f[p] { return x < f[p] ? -1 : 1 }
                p += 1
            }
        }
        return p == end ? 0 : -1
    }

    /// A signed decimal integer at the start of `field` (nil when there is none).
    static func integer(_ field: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        var i = from, sign = 1, v = 0, digits = 0
        if i < field.count && field[i] == 0x2D { sign = -1; i += 1 }
        while i < field.count, field[i] >= 0x30 && field[i] <= 0x39, digits < 9 {
            v = v * 10 + Int(field[i] - 0x30)
            i += 1
            digits += 1
        }
        return digits > 0 ? sign * v : nil
    }
}

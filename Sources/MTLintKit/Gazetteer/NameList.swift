import Foundation

/// The large name gazetteer with priors (`Rules/gazetteer/names.tsv`: `form<TAB>prior<TAB>kinds`, sorted by
/// form in code-point order; built by `scripts/build-name-priors.py`). The prior is 100 × the Zipf frequency
/// of the name in English (log10 occurrences per billion words): how likely a writer means this name, the
/// noisy channel's prior. The file is memory-mapped and searched in place by binary search over byte offsets,
/// like the known-name guard.
public final class NameList: @unchecked Sendable {
    private let data: Data
    /// Offset of the first data line (after the `#` header).
    private let firstLine: Int

    public struct Entry: Sendable, Equatable {
        public var form: String
        /// 100 × Zipf frequency (0 = no frequency data).
        public var prior: Int
        public var kinds: String
        /// Byte offset of the entry's line: a stable id within one file.
        public var offset: Int
        public var isPlace: Bool { kinds.contains("g") || kinds.contains("n") }
        public var isCurated: Bool { kinds.contains("c") }
        /// A person's name or name part (rigour, SCOWL names, curated people).
        public var isPersonName: Bool { kinds.contains("p") || kinds.contains("s") || kinds.contains("c") }
    }

    init(data: Data) {
        self.data = data
        self.firstLine = SortedTable.firstDataLine(data)
    }

    public static func load(_ url: URL) throws(DataError) -> NameList {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw .missing(path: url.path, detail: "name list not found")
        }
        return NameList(data: data)
    }

    /// The file's bytes, for fingerprinting.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { data.withUnsafeBytes(body) }

    /// The entry spelled exactly `form`, if listed.
    public func entry(_ form: String) -> Entry? {
        var form = form
        return form.withUTF8 { k -> Entry? in
            data.withUnsafeBytes { raw -> Entry? in
                let b = raw.bindMemory(to: UInt8.self)
                guard let line = SortedTable.binarySearch(b, from: firstLine, k, nil), line.tab > line.start else { return nil }
                return Self.parse(b, line.start, line.end)
            }
        }
    }

    /// The entry whose line starts at `offset` (an index payload).
    public func entry(atOffset offset: Int) -> Entry? {
        data.withUnsafeBytes { raw -> Entry? in
            let b = raw.bindMemory(to: UInt8.self)
            guard offset >= firstLine, offset < b.count, offset == 0 || b[offset - 1] == 0x0A else { return nil }
            var e = offset
            while e < b.count && b[e] != 0x0A { e += 1 }
            return Self.parse(b, offset, e)
        }
    }

    /// Every entry's form bytes and line offset, in file order (to build the fuzzy index).
    func forEachForm(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            var s = firstLine
            while s < b.count {
                var e = s
                while e < b.count && b[e] != 0x0A { e += 1 }
                var tab = s
                while tab < e && b[tab] != 0x09 { tab += 1 }
                if tab > s && b[s] != 0x23 { body(UnsafeBufferPointer(rebasing: b[s..<tab]), s) }
                s = e + 1
            }
        }
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Entry? {
        var fields: [Range<Int>] = []
        var start = s
        for i in s...e where i == e || b[i] == 0x09 {
            fields.append(start..<i)
            start = i + 1
        }
        guard fields.count >= 2, !fields[0].isEmpty else { return nil }
        let form = String(decoding: UnsafeBufferPointer(rebasing: b[fields[0]]), as: UTF8.self)
        var prior = 0
        for i in fields[1] {
            guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
            prior = min(prior * 10 + Int(b[i] - 0x30), 10_000)
        }
        let kinds = fields.count > 2 ? String(decoding: UnsafeBufferPointer(rebasing: b[fields[2]]), as: UTF8.self) : ""
        return Entry(form: form, prior: prior, kinds: kinds, offset: s)
    }
}

import Foundation

/// The English word list (`Rules/lexicon/english-words.tsv`, from SCOWL): spelling → size level
/// (10 = most common … 80 = rare). Loaded once per process, only by rules that need it, into an
/// open-addressing hash table over the file's own bytes: no per-entry String, so loading 300,000 entries
/// takes milliseconds, and a lookup hashes the query's UTF-8 and compares bytes.
public final class WordList: @unchecked Sendable {
    /// SCOWL's size levels as the rules read them (SCOWL's README: 35 is a small dictionary, 50 the
    /// usual one, 60–70 large ones with rare words).
    public enum Level {
        /// Words everybody knows: a foreign fragment of them is mostly English.
        public static let everyday = 40
        /// The usual dictionary: a word this common is a safe correction or a safe half of a split word.
        public static let common = 50
        /// A large dictionary: real English, if uncommon.
        public static let large = 60
        /// The largest list with hyphenated compounds.
        public static let largest = 70
    }

    private let blob: [UInt8]
    private let starts: [UInt32]
    private let lengths: [UInt16]
    private let levels: [UInt8]
    private let slots: [UInt32]   // entry index + 1; 0 = empty
    private let mask: Int

    init(bytes: [UInt8], path: String) throws(DataError) {
        blob = bytes
        // Built in local arrays and stored at the end: a class's stored arrays, touched in a loop, pay for
        // exclusivity checks and reference counting at every access (this runs at every start).
        var starts: [UInt32] = [], lengths: [UInt16] = [], levels: [UInt8] = []
        let estimate = bytes.count / 10
        starts.reserveCapacity(estimate); lengths.reserveCapacity(estimate); levels.reserveCapacity(estimate)
        let failure: Int? = bytes.withUnsafeBufferPointer { b -> Int? in
            var lineNumber = 0
            var i = 0
            let n = b.count
            while i < n {
                lineNumber += 1
                var end = i
                while end < n && b[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                if end == i || b[i] == 0x23 { continue }
                var tab = i
                while tab < end && b[tab] != 0x09 { tab += 1 }
                var level = 0
                var k = tab + 1
                while k < end, b[k] >= 0x30, b[k] <= 0x39 { level = level * 10 + Int(b[k] - 0x30); k += 1 }
                var lineEnd = end
                if lineEnd > k && b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                guard tab < end, k > tab + 1, k == lineEnd, level <= 255, tab - i <= Int(UInt16.max) else { return lineNumber }
                starts.append(UInt32(i)); lengths.append(UInt16(tab - i)); levels.append(UInt8(level))
            }
            return nil
        }
        if let failure { throw .invalid(path: path, line: failure, detail: "expected 'word<TAB>level'") }
        var capacity = 16
        while capacity < starts.count * 2 { capacity <<= 1 }
        var slots = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { b in
            for e in 0..<starts.count {
                let s = Int(starts[e]), len = Int(lengths[e])
                let key = UnsafeBufferPointer(rebasing: b[s..<(s + len)])
                var h = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while true {
                    let slot = slots[h]
                    if slot == 0 { slots[h] = UInt32(e + 1); break }
                    // A spelling listed twice keeps its lowest level.
                    let o = Int(slot - 1)
                    if Int(lengths[o]) == len && b[Int(starts[o])..<(Int(starts[o]) + len)].elementsEqual(key) {
                        levels[o] = min(levels[o], levels[e])
                        break
                    }
                    h = (h + 1) & mask
                }
            }
        }
        self.starts = starts
        self.lengths = lengths
        self.levels = levels
        self.slots = slots
        self.mask = mask
    }

    private init(blob: [UInt8], starts: [UInt32], lengths: [UInt16], levels: [UInt8], slots: [UInt32]) {
        self.blob = blob; self.starts = starts; self.lengths = lengths; self.levels = levels; self.slots = slots
        mask = slots.count - 1
    }

    /// The compiled form (`RuleImage`): the table's arrays as they are.
    func encode(_ w: inout ImageWriter) {
        w.array(blob); w.array(starts); w.array(lengths); w.array(levels); w.array(slots)
    }

    static func decode(_ r: inout ImageReader) -> WordList? {
        guard let blob = r.array(UInt8.self), let starts = r.array(UInt32.self), let lengths = r.array(UInt16.self),
              let levels = r.array(UInt8.self), let slots = r.array(UInt32.self),
              starts.count == lengths.count, starts.count == levels.count,
              slots.count >= 16, slots.count & (slots.count - 1) == 0, slots.count > starts.count else { return nil }
        // Every entry and slot must point inside the arrays: lookups index them without further checks.
        for e in starts.indices where Int(starts[e]) + Int(lengths[e]) > blob.count { return nil }
        for slot in slots where Int(slot) > starts.count { return nil }
        return WordList(blob: blob, starts: starts, lengths: lengths, levels: levels, slots: slots)
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return h
    }

    @inline(__always)
    private func equal(_ e: Int, _ key: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let len = Int(lengths[e])
        guard len == key.count else { return false }
        let s = Int(starts[e])
        for j in 0..<len where b[s + j] != key[j] { return false }
        return true
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        blob.withUnsafeBufferPointer { b in
            var h = Int(truncatingIfNeeded: Self.hash(key)) & mask
            while true {
                let slot = slots[h]
                if slot == 0 { return nil }
                if equal(Int(slot - 1), key, b) { return Int(levels[Int(slot - 1)]) }
                h = (h + 1) & mask
            }
        }
    }

    private func find(_ word: String) -> Int? {
        var w = word
        return w.withUTF8 { find($0) }
    }

    /// SCOWL level of a spelling as written, or of its lower-case form; nil when not an English word.
    public func level(_ word: String) -> Int? {
        if let l = find(word) { return l }
        let lower = word.lowercased()
        return lower != word ? find(lower) : nil
    }

    /// Level of the spelling exactly as written ("Anna", a name, but not "Later", which is "later").
    public func exactLevel(_ word: String) -> Int? { find(word) }

    /// Level of an all-lower-case spelling only ("planning" but not "Kiev"): the word is ordinary vocabulary.
    public func commonWordLevel(_ lowercased: String) -> Int? { find(lowercased) }

    public var count: Int { starts.count }

    /// Calls `body` with every entry's bytes and level, in file order.
    func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        blob.withUnsafeBufferPointer { b in
            for e in starts.indices {
                body(UnsafeBufferPointer(rebasing: b[Int(starts[e])..<(Int(starts[e]) + Int(lengths[e]))]), Int(levels[e]))
            }
        }
    }

    private let nearLock = NSLock()
    nonisolated(unsafe) private var nearIndex: NearWords?

    /// The index for edit-distance searches over common lower-case words, built on first use.
    var near: NearWords {
        nearLock.lock(); defer { nearLock.unlock() }
        if let n = nearIndex { return n }
        let n = NearWords(self, maxLevel: NearWords.indexedLevel)
        nearIndex = n
        return n
    }

    static func parse(_ text: String, path: String) throws(DataError) -> WordList {
        try WordList(bytes: Array(text.utf8), path: path)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: WordList] = [:]

    /// The word list in a rules folder, loaded on first use and shared.
    public static func shared(in rules: URL) throws(DataError) -> WordList {
        let url = rules.appendingPathComponent("lexicon/english-words.tsv")
        lock.lock(); defer { lock.unlock() }
        if let w = cache[url.path] { return w }
        let list = try RuleImage.cached("words", version: 1, sourceHash: RuleImage.sourceHash(files: [url]),
                                        decode: WordList.decode, encode: { $0.encode(&$1) }) { () throws(DataError) in
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .missing(path: url.path, detail: "word list not found")
            }
            return try WordList(bytes: Array(data), path: url.path)
        }
        cache[url.path] = list
        return list
    }
}

/// A value computed on first use and then shared between threads.
public final class Lazy<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private let make: () -> Value

    public init(_ make: @escaping () -> Value) { self.make = make }

    public var get: Value {
        lock.lock(); defer { lock.unlock() }
        if let v = value { return v }
        let v = make()
        value = v
        return v
    }
}

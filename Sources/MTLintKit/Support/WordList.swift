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

    private let table: ByteKeyTable
    /// The hash of the file the list came from (names the compiled images derived from it); nil when built from text.
    private(set) var imageHash: UInt64?

    init(bytes: [UInt8], path: String) throws(DataError) {
        // The table indexes the file's own bytes: each entry is a line's word, its level the number after the tab.
        var starts: [UInt32] = [], lengths: [UInt16] = [], levels: [UInt8] = []
        let estimate = bytes.count / 10
        starts.reserveCapacity(estimate); lengths.reserveCapacity(estimate); levels.reserveCapacity(estimate)
        let failure = bytes.withUnsafeBufferPointer { b in
            DataLines.firstRefused(b) { start, tab, stop in
                var level = 0
                var k = tab + 1
                while k < stop, b[k] >= 0x30, b[k] <= 0x39 { level = level * 10 + Int(b[k] - 0x30); k += 1 }
                guard tab < stop, k > tab + 1, k == stop, level <= 255, tab - start <= Int(UInt16.max) else { return false }
                starts.append(UInt32(start)); lengths.append(UInt16(tab - start)); levels.append(UInt8(level))
                return true
            }
        }
        if let failure { throw .invalid(path: path, line: failure, detail: "expected 'word<TAB>level'") }
        // A spelling listed twice keeps its lowest level.
        table = ByteKeyTable(blob: bytes, starts: starts, lengths: lengths, values: levels, duplicates: .lowest)
    }

    private init(table: ByteKeyTable) { self.table = table }

    /// The compiled form (`RuleImage`).
    func encode(_ w: inout ImageWriter) { table.encode(&w) }

    static func decode(_ r: inout ImageReader) -> WordList? { ByteKeyTable.decode(&r).map(WordList.init(table:)) }

    private func find(_ word: String) -> Int? { table.value(word).map(Int.init) }

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

    public var count: Int { table.count }

    /// Calls `body` with every entry's bytes and level, in file order.
    func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) { table.forEach { body($0, Int($1)) } }

    private let nearLock = NSLock()
    nonisolated(unsafe) private var nearIndex: NearWords?

    /// The index for edit-distance searches over common lower-case words, built on first use.
    var near: NearWords {
        nearLock.lock(); defer { nearLock.unlock() }
        if let n = nearIndex { return n }
        let build = { NearWords(self, maxLevel: NearWords.indexedLevel) }
        // Compiled beside the list, from the same file.
        let n = imageHash.map {
            RuleImage.cached("near-words", version: 1, sourceHash: $0 &+ UInt64(NearWords.indexedLevel),
                             decode: NearWords.decode, encode: { $0.encode(&$1) }, build: build)
        } ?? build()
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
        let hash = RuleImage.sourceHash(files: [url])
        let list = try RuleImage.cached("words", version: 1, sourceHash: hash,
                                        decode: WordList.decode, encode: { $0.encode(&$1) }) { () throws(DataError) in
            guard let data = FileBytes.data(url.path) else {
                throw .missing(path: url.path, detail: "word list not found")
            }
            return try WordList(bytes: Array(data), path: url.path)
        }
        list.imageHash = hash
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

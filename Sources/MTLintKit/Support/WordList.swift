import Foundation

/// The English word list (`Rules/lexicon/english-words.tsv`, from SCOWL): spelling → size level
/// (10 = most common … 80 = rare). Loaded lazily, once per process, only by rules that need it.
public final class WordList: @unchecked Sendable {
    private let levels: [String: UInt8]

    init(levels: [String: UInt8]) { self.levels = levels }

    /// SCOWL level of a spelling as written, or of its lower-case form; nil when not an English word.
    public func level(_ word: String) -> Int? {
        if let l = levels[word] { return Int(l) }
        let lower = word.lowercased()
        if lower != word, let l = levels[lower] { return Int(l) }
        return nil
    }

    /// Level of an all-lower-case spelling only ("planning" but not "Kiev"): the word is ordinary vocabulary.
    public func commonWordLevel(_ lowercased: String) -> Int? { levels[lowercased].map(Int.init) }

    public var count: Int { levels.count }

    static func parse(_ text: String, path: String) throws(DataError) -> WordList {
        var levels: [String: UInt8] = [:]
        levels.reserveCapacity(320_000)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t"), let level = UInt8(line[line.index(after: tab)...]) else {
                throw .invalid(path: path, line: lineNumber, detail: "expected 'word<TAB>level'")
            }
            let word = String(line[..<tab])
            if let old = levels[word], old <= level { continue }
            levels[word] = level
        }
        return WordList(levels: levels)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: WordList] = [:]

    /// The word list in a rules folder, loaded on first use and shared.
    public static func shared(in rules: URL) throws(DataError) -> WordList {
        let url = rules.appendingPathComponent("lexicon/english-words.tsv")
        lock.lock(); defer { lock.unlock() }
        if let w = cache[url.path] { return w }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missing(path: url.path, detail: "word list not found")
        }
        let list = try parse(String(decoding: data, as: UTF8.self), path: url.path)
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

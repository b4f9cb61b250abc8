import Foundation

/// mtlint's statistical model of English (`Rules/english/`, built by `scripts/build-english-model.py`): how
/// often English uses a word (wordfreq's Zipf scale: log10 per billion words), how often it uses a pair of
/// words (SymSpell's bigram counts), and which words are common in another language but rare in English.
/// Both tables are memory-mapped and searched in place.
public final class EnglishModel: @unchecked Sendable {
    private let words: SortedTable
    private let pairs: SortedTable
    /// log10 P of the rarest listed pair: an unlisted pair is at most this likely.
    public let pairFloor: Double

    init(words: SortedTable, pairs: SortedTable, pairFloor: Double) {
        self.words = words
        self.pairs = pairs
        self.pairFloor = pairFloor
    }

    public static func load(rules: URL) throws(DataError) -> EnglishModel {
        let dir = rules.appendingPathComponent("english")
        let words = try SortedTable.load(dir.appendingPathComponent("words.tsv"))
        let pairs = try SortedTable.load(dir.appendingPathComponent("pairs.tsv"))
        var floor = -5.0
        let constants = dir.appendingPathComponent("model.tsv")
        for r in try GarbleFiles.rows(constants, columns: 2) where r[0] == "pair-floor" {
            guard let v = Double(r[1]) else { throw .invalid(path: constants.path, line: nil, detail: "not a number: \(r[1])") }
            floor = v / 100
        }
        return EnglishModel(words: words, pairs: pairs, pairFloor: floor)
    }

    /// What the model knows of one word.
    public struct Word: Sendable, Equatable {
        /// Zipf frequency in English (0: not in the list).
        public var zipf: Double
        /// The language in which the word is far more frequent than in English (ISO code), and its Zipf there.
        public var foreign: (language: String, zipf: Double)?

        public static func == (a: Word, b: Word) -> Bool {
            a.zipf == b.zipf && a.foreign?.language == b.foreign?.language && a.foreign?.zipf == b.foreign?.zipf
        }
    }

    /// Waits until both tables use their hash index (benchmarks).
    public func waitForIndex() {
        words.waitForIndex()
        pairs.waitForIndex()
    }

    /// The entry of a lower-case key.
    public func word(_ key: String) -> Word? {
        var key = key
        return key.withUTF8 { k in
            words.lookup(k) { v -> Word in
                var i = 0
                let zipf = SortedTable.integer(v) ?? 0
                while i < v.count && v[i] != 0x09 { i += 1 }
                i += 1
                var foreign: (String, Double)?
                if i < v.count {
                    var j = i
                    while j < v.count && v[j] >= 0x61 && v[j] <= 0x7A { j += 1 }
                    if j > i, let z = SortedTable.integer(v, from: j) {
                        foreign = (String(decoding: UnsafeBufferPointer(rebasing: v[i..<j]), as: UTF8.self), Double(z) / 100)
                    }
                }
                return Word(zipf: Double(zipf) / 100, foreign: foreign)
            }
        }
    }

    /// Every token's entry (nil for punctuation, numbers and unlisted words), looked up once per document
    /// for the rules and the score that read it.
    func entries(_ doc: Document) -> [Word?] {
        doc.shared(self) { doc.tokens.indices.map { doc.tokens[$0].kind == .word ? word(doc.keys[$0]) : nil } }
    }

    /// Zipf frequency of a lower-case key in English (0 when unlisted).
    public func zipf(_ key: String) -> Double {
        var key = key
        return key.withUTF8 { k in words.lookup(k) { v in Double(SortedTable.integer(v) ?? 0) / 100 } } ?? 0
    }

    /// log10 P of the word pair "a b" per running pair, when listed.
    public func pairLogP(_ a: String, _ b: String) -> Double? {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in pairs.lookup(x, y) { v in Double(SortedTable.integer(v) ?? 0) / 100 } } }
    }

    /// Association of two adjacent words: log10 P(a b) / (P(a) P(b)) — 0 when they meet as often as chance,
    /// −1 when ten times less often. An unlisted pair gets the upper bound from the list's floor, and 0 when
    /// that bound says nothing (the list only holds pairs above its floor). nil when a word is unknown.
    public func association(_ a: String, zipfA: Double, _ b: String, zipfB: Double) -> Double? {
        guard zipfA > 0, zipfB > 0 else { return nil }
        let chance = (zipfA - 9) + (zipfB - 9)
        if let lp = pairLogP(a, b) { return lp - chance }
        return min(0, pairFloor - chance)
    }

    // MARK: Non-words by frequency

    /// Whether a lower-case key that no word list holds is a non-word by English frequency:
    /// - a word wordfreq has seen (Zipf ≥ 1, once per 100 million words) is a rare word, not a non-word —
    ///   unless it is a common misspelling: a word one edit away is 100 times more frequent ("recieve");
    /// - a word common in another language is a foreign word (the untranslated checks' concern);
    /// - a regular formation of a seen word is a word ("reconfigurability", "undeflected").
    public func isNonWord(_ key: String, misspellingOf: (String) -> String?) -> Bool {
        let w = word(key)
        if let f = w?.foreign, f.zipf >= Self.foreignWord { return false }
        if let z = w?.zipf, z >= Self.seenWord {
            guard let target = misspellingOf(key) else { return false }
            return zipf(target) - z >= Self.misspellingGap
        }
        return !isFormation(key)
    }

    /// Zipf 1: once per 100 million words, the floor of wordfreq's `large` list: a word seen that often is
    /// a real word. (Clean dev sets: the rare words it keeps quiet are "ylang" 2.0, "maculatum" 1.5.)
    public static let seenWord = 1.0
    /// Two Zipf units (100×): web misspellings sit 2–3 below their word ("recieve" 2.75, "receive" 5.0),
    /// rare real words less than 2 below their nearest common neighbour ("ylang" 2.0, "slang" 3.9).
    public static let misspellingGap = 2.0
    /// Zipf 3.5 in another language (about 3 per million words): the frequency `words.tsv` marks from.
    public static let foreignWord = 3.5
    /// Common in another language (Zipf ≥ 4, 10 per million) and rare in English (< 2): an untranslated word.
    /// No word of the clean dev sets (16,000 words) meets both; two words of the MQM outputs do.
    public static let untranslatedForeign = 4.0
    public static let untranslatedEnglish = 2.0

    static let prefixes = ["re", "un", "non", "pre", "mis", "over", "under", "de", "dis", "in", "im", "anti", "counter",
                           "co", "sub", "super", "inter", "multi", "semi", "self", "out", "post", "hyper", "micro"]
    static let suffixes: [(String, [String])] = [
        ("ability", ["able"]), ("ibility", ["ible"]), ("ity", ["", "e"]), ("ness", ["", "y"]), ("ment", [""]),
        ("ation", ["", "e", "ate"]), ("ations", ["", "e", "ate"]), ("ed", ["", "e"]), ("ing", ["", "e"]),
        ("s", [""]), ("es", [""]), ("ly", ["", "le"]), ("er", ["", "e"]), ("ers", ["", "e"]), ("ist", ["", "e"]),
        ("ism", ["", "e"]), ("ize", ["", "e"]), ("ized", ["", "e"]), ("ise", ["", "e"]), ("ised", ["", "e"]),
        ("ful", [""]), ("less", [""]), ("able", ["", "e"]), ("al", ["", "e"]),
    ]

    /// One prefix or suffix on a word English uses (Zipf ≥ 1.5). One only: "de" + "call" + "ation" is no word.
    func isFormation(_ key: String) -> Bool {
        guard key.utf8.count >= 6 else { return false }
        func seen(_ w: String) -> Bool { w.utf8.count >= 3 && zipf(w) >= 1.5 }
        for p in Self.prefixes where key.hasPrefix(p) && key.utf8.count - p.utf8.count >= 4 {
            if seen(String(key.dropFirst(p.count))) { return true }
        }
        for (suffix, replacements) in Self.suffixes where key.hasSuffix(suffix) && key.utf8.count - suffix.utf8.count >= 3 {
            let stem = String(key.dropLast(suffix.count))
            for r in replacements where seen(stem + r) { return true }
        }
        return false
    }
}

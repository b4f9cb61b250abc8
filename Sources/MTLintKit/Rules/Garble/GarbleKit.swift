import Foundation

/// What the garble rules and the garble scorer share, loaded on first use (once per process and rules
/// folder): see `GarbleData`.
public final class GarbleKit: @unchecked Sendable {
    private let lazy: Lazy<GarbleData>

    init(rules: URL, words: Lazy<WordList?>) {
        self.lazy = Lazy { GarbleData(rules: rules, words: words.get) }
    }

    /// The loaded data; take it once per document (each access takes a lock).
    var data: GarbleData { lazy.get }
}

/// The word list, the gazetteer guards, word classes, the class bigram model and the score model, with the
/// lexicon checks built on them. Immutable once loaded.
public final class GarbleData: @unchecked Sendable {
    let words: WordList?
    /// Lower-case name tokens of the curated gazetteer.
    let names: ByteKeyTable
    /// The large known-real-name guard (exact spellings).
    let known: KnownNames?
    let classes: WordClasses?
    let bigrams: ClassBigramModel?
    /// Word and word-pair frequencies of English (`Rules/english`).
    let english: EnglishModel?
    /// The score and evidence models (`Rules/garble/*-model.tsv`); without them nothing is scored.
    let model: GarbleModel?
    /// The bigram model's association for every pair of class numbers (row: previous class), when both the
    /// classes and the model loaded.
    let classAssociations: [Double]?
    private let wordMemo = Memo<String, Bool>()

    init(rules: URL, words: WordList?) {
        self.words = words
        self.names = NameGuard.load(rules: rules)
        self.known = try? KnownNames.load(rules.appendingPathComponent("gazetteer/known-names.txt"))
        self.classes = try? WordClasses.load(rules: rules, words: words)
        self.bigrams = try? ClassBigramModel.load(rules: rules)
        self.english = try? EnglishModel.load(rules: rules)
        self.model = try? GarbleModel.load(rules: rules)
        if let classes, let bigrams { classAssociations = bigrams.associations(for: classes) } else { classAssociations = nil }
    }

    /// The association of class b after class a (`ClassBigramModel.association`), by number.
    @inline(__always) func association(_ a: WordClassID, _ b: WordClassID) -> Double? {
        guard let table = classAssociations, let k = classes?.names.count else { return nil }
        return table[Int(a) * k + Int(b)]
    }

    // MARK: Lexicon

    /// Bound prefixes written before a hyphen ("neo-Nazi", "non-binding").
    static let prefixes: Set<String> = [
        "neo", "pre", "post", "anti", "non", "counter", "pro", "co", "ex", "semi", "multi", "inter", "intra", "mid",
        "sub", "super", "trans", "ultra", "un", "re", "de", "bi", "tri", "quasi", "pseudo", "socio", "geo", "euro",
        "afro", "sino", "russo", "franco", "anglo", "indo", "cyber", "eco", "bio", "micro", "macro", "mega", "mini",
        "over", "under", "self", "vice", "cross", "hyper", "infra", "extra", "meta", "pan", "para", "proto", "tele",
        "agro", "petro", "narco", "techno", "crypto", "e", "mis", "dis", "out", "up", "down", "well", "ill",
    ]

    /// The key of a word token to check for spelling: lower case, possessive stripped, ASCII letters and
    /// apostrophes only; nil when the token is not a candidate (numbers, URLs, acronyms, codes, non-Latin…).
    /// Longer "words" are not checked or corrected: no English word is longer (the longest dictionary word
    /// has 45 letters), and one-edit variants and compound cuts of a token of n letters cost n² time and
    /// memory (a 10,000-letter token took 46 s and 5 GB before this limit).
    static let longestWord = 45

    func checkableKey(_ doc: Document, _ t: Int) -> String? {
        let tok = doc.tokens[t]
        guard tok.kind == .word, tok.length >= 2 else { return nil }
        if tok.flags.contains(.url) || tok.flags.contains(.hasDigit) || tok.flags.contains(.nonASCII)
            || tok.flags.contains(.allCaps) { return nil }
        var key = doc.keys[t]
        if key.hasSuffix("'s") { key.removeLast(2) }
        if key.hasSuffix("'") { key.removeLast() }
        guard key.utf8.count >= 2, key.utf8.count <= Self.longestWord,
              key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x27 }) else { return nil }
        // Mixed case inside a word (iPhone, McDonald, DeSantis) is a name or a brand.
        let units = doc.prose.units
        for i in (Int(tok.start) + 1)..<Int(tok.end) where units[i] >= 0x41 && units[i] <= 0x5A { return nil }
        return key
    }

    /// Whether a lower-case key is an English word, a known name, or a regular formation of known words.
    /// `knownNames`: also trust the large known-name guard (every real name token, however rare).
    func isKnown(_ key: String, knownNames: Bool = true) -> Bool {
        guard let words else { return true }
        if words.commonWordLevel(key) != nil { return true }
        if words.level(Self.capitalizedForm(key)) != nil || words.level(key.uppercased()) != nil { return true }
        if names.contains(key) { return true }
        if knownNames, let known, known.contains(Self.capitalizedForm(key)) || known.contains(key) { return true }
        if key.contains("'") {
            // Contractions and elisions the list lacks ("y'all", "o'neill" is a name): trust them.
            return true
        }
        // Regular inflections and derivations of known words.
        let suffixes: [(String, [String])] = [
            ("s", [""]), ("es", [""]), ("ies", ["y"]), ("ed", ["", "e"]), ("d", [""]), ("ing", ["", "e"]),
            ("ly", [""]), ("ily", ["y"]), ("ness", [""]), ("er", ["", "e"]), ("ers", ["", "e"]), ("ism", [""]),
            ("ist", [""]), ("ists", [""]), ("ization", ["ize"]), ("isation", ["ise"]), ("ized", ["", "ize"]),
            ("ised", ["", "ise"]), ("ment", [""]), ("ments", [""]), ("al", [""]), ("ally", ["", "al"]),
        ]
        for (suffix, replacements) in suffixes where key.hasSuffix(suffix) && key.count > suffix.count + 2 {
            let stem = String(key.dropLast(suffix.count))
            for r in replacements where words.commonWordLevel(stem + r) != nil { return true }
            // Doubled final consonant: "planned", "stopping".
            if (suffix == "ed" || suffix == "ing" || suffix == "er"), let last = stem.last, stem.count > 3,
               stem.dropLast().last == last, words.commonWordLevel(String(stem.dropLast())) != nil { return true }
        }
        // Closed compounds of two known words ("rightwing", "counterprotesters", "longlisted").
        let chars = Array(key)
        if chars.count >= 7 && chars.count <= Self.longestWord {
            for cut in 3...(chars.count - 3) {
                let a = String(chars[..<cut]), b = String(chars[cut...])
                if (Self.prefixes.contains(a) || (words.commonWordLevel(a).map { $0 <= WordList.Level.common } ?? false))
                    && (words.commonWordLevel(b) != nil || isInflectedKnown(b)) { return true }
            }
        }
        return false
    }

    private func isInflectedKnown(_ key: String) -> Bool {
        guard let words else { return true }
        for (suffix, r) in [("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ers", ""), ("er", "")]
        where key.hasSuffix(suffix) && key.count > suffix.count + 2 {
            if words.commonWordLevel(String(key.dropLast(suffix.count)) + r) != nil { return true }
        }
        return false
    }

    /// Endings of Latin and Greek scientific words ("maculatum", "japonicus", "helicodiceros").
    static let latinEndings = ["um", "us", "ae", "ii", "os", "is", "ensis", "oides", "ia"]

    static func capitalizedForm(_ key: String) -> String {
        guard let f = key.first else { return key }
        return f.uppercased() + key.dropFirst()
    }

    /// Whether token t is a lower-case word that is not English (not a known word, name or formation),
    /// outside hyphenated compounds' bound prefixes.
    func isLowercaseNonWord(_ doc: Document, _ t: Int) -> Bool {
        let tok = doc.tokens[t]
        guard !tok.flags.contains(.capitalized), let key = checkableKey(doc, t), key.count >= 3 else { return false }
        if isWord(key) { return false }
        // Latin and Greek scientific words: an epithet after a capitalised genus ("Philodendron selloum"),
        // or a long one that is no slip of an English word ("helicodiceros").
        if Self.latinEndings.contains(where: { key.hasSuffix($0) }) {
            if t > 0, doc.tokens[t - 1].kind == .word, doc.tokens[t - 1].flags.contains(.capitalized) { return false }
            if english != nil, key.utf8.count >= 7, suggestions(for: key, maxDistance: 1, limit: 1).isEmpty { return false }
        }
        // A bound prefix before a hyphen: "neo-Nazi".
        if t + 1 < doc.tokens.count, doc.isHyphen(t + 1), !doc.tokens[t + 1].flags.contains(.spaceBefore),
           Self.prefixes.contains(key) { return false }
        return true
    }

    /// Whether a lower-case key is a word: known to the lists, or no non-word by its English frequency.
    /// Depends on the key alone, so it is memoised across documents.
    func isWord(_ key: String) -> Bool {
        wordMemo.value(key) {
            if isKnown(key) { return true }
            if let english, !english.isNonWord(key, misspellingOf: { self.suggestions(for: $0, maxDistance: 1, limit: 1).first?.word }) {
                return true
            }
            return false
        }
    }

    // MARK: Suggestions

    /// Ordinary words close to `key` (edit distance 1, then 2), best first, ranked as a noisy channel would:
    /// frequent words and typical slips (a dropped doubled letter, a swap of neighbours, "rn"/"m") rank first. `context` classes (previous,
    /// next) rank candidates by how well they fit between their neighbours.
    func suggestions(for key: String, context: (String, String)? = nil, maxLevel: Int = 50, maxDistance: Int = 2,
                     limit: Int = 3) -> [(word: String, cost: Double)] {
        guard let words, key.utf8.count <= Self.longestWord else { return [] }
        var best: [String: Double] = [:]
        func consider(_ w: String, _ cost: Double) {
            guard w != key, let level = words.commonWordLevel(w), level <= maxLevel else { return }
            // Noisy channel in log terms: the slip's cost plus the word's rarity — by its English frequency
            // (Zipf 6 and above: 0 … Zipf 3: 1), or by its SCOWL level without the model.
            var c = cost + (english.map { max(0, 6 - $0.zipf(w)) / 3 } ?? Double(level) / 50.0)
            if let context, let classes, let bigrams {
                let cls = classes.dataClass(w) ?? "N"
                c -= SlipCost.contextWeight * (bigrams.logp(context.0, cls) + bigrams.logp(cls, context.1))
            }
            if let old = best[w], old <= c { return }
            best[w] = c
        }
        let one = Self.edits(key)
        for (w, cost) in one { consider(w, cost) }
        if best.isEmpty && key.count >= 5 && maxDistance >= 2 {
            for (w, d, _) in words.near.search(Array(key.utf8), limit: 2.0, maxLevel: maxLevel) { consider(w, d + SlipCost.secondEdit) }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// Whether a common word (SCOWL level ≤ 50) is one edit away: the token is a typo, not garble.
    func isNearWord(_ key: String) -> Bool {
        guard let words, key.utf8.count <= Self.longestWord else { return false }
        for (w, _) in Self.edits(key) where w != key {
            if let l = words.commonWordLevel(w), l <= WordList.Level.common { return true }
        }
        return false
    }

    /// What a slip costs in the suggestions' noisy channel (a plain edit costs 1): the slips typists and OCR
    /// make most cost less, so their corrections rank first. Set by hand from the spelling-error literature's
    /// ordering (doubling, transposition, vowel swap) and checked on the seeds' misspellings.
    enum SlipCost {
        static let doubledLetter = 0.6
        static let transposition = 0.7
        static let vowelForVowel = 0.9
        static let ocrConfusion = 0.6
        static let plain = 1.0
        /// A second edit, searched only when no single edit gives a word, costs this on top of its distance.
        static let secondEdit = 0.3
        /// How much the fit between the neighbours' word classes counts against the slip (per log unit).
        static let contextWeight = 0.35
    }

    /// All strings one edit away with their costs (typical slips are cheaper).
    static func edits(_ word: String) -> [(String, Double)] {
        let c = Array(word.utf8)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var out: [(String, Double)] = []
        out.reserveCapacity(c.count * 54 + 10)
        func s(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
        for i in 0..<c.count {
            var d = c; d.remove(at: i)
            // Dropping one of a doubled letter is a typical slip.
            let doubled = (i > 0 && c[i - 1] == c[i]) || (i + 1 < c.count && c[i + 1] == c[i])
            out.append((s(d), doubled ? SlipCost.doubledLetter : SlipCost.plain))
            for l in letters where l != c[i] {
                var r = c; r[i] = l
                let vowel = Self.isVowel(l) && Self.isVowel(c[i])
                out.append((s(r), vowel ? SlipCost.vowelForVowel : SlipCost.plain))
            }
            if i + 1 < c.count && c[i] != c[i + 1] {
                var t = c; t.swapAt(i, i + 1)
                out.append((s(t), SlipCost.transposition))
            }
        }
        for i in 0...c.count {
            for l in letters {
                var ins = c; ins.insert(l, at: i)
                // Doubling a letter ("Tok" → "took") is a typical slip.
                let doubling = (i > 0 && c[i - 1] == l) || (i < c.count && c[i] == l)
                out.append((s(ins), doubling ? SlipCost.doubledLetter : SlipCost.plain))
            }
        }
        // OCR confusions: rn ↔ m, cl ↔ d, vv ↔ w.
        let pairs: [([UInt8], [UInt8])] = [(Array("m".utf8), Array("rn".utf8)), (Array("rn".utf8), Array("m".utf8)),
                                           (Array("d".utf8), Array("cl".utf8)), (Array("cl".utf8), Array("d".utf8)),
                                           (Array("w".utf8), Array("vv".utf8))]
        for (from, to) in pairs {
            var i = 0
            while i + from.count <= c.count {
                if Array(c[i..<(i + from.count)]) == from {
                    out.append((s(Array(c[..<i]) + to + Array(c[(i + from.count)...])), SlipCost.ocrConfusion))
                }
                i += 1
            }
        }
        return out
    }

    @inline(__always) static func isVowel(_ u: UInt8) -> Bool {
        u == 0x61 || u == 0x65 || u == 0x69 || u == 0x6F || u == 0x75
    }
}

/// Name tokens vouched for by the curated gazetteer (`Rules/gazetteer/`: `gazetteer.tsv`, `curated/`,
/// `style.tsv`): every capitalised word of those files, lower-cased. The large `known-names.txt` guard is
/// searched in place instead (`KnownNames`). A missing gazetteer gives an empty guard.
enum NameGuard {
    static func load(rules: URL) -> ByteKeyTable {
        let dir = rules.appendingPathComponent("gazetteer")
        var files: [URL] = []
        let fm = FileManager.default
        // Only the curated files: the large lists (known-names.txt, names.tsv) name nearly every short token.
        for name in ["gazetteer.tsv", "style.tsv"] { files.append(dir.appendingPathComponent(name)) }
        if let e = fm.enumerator(at: dir.appendingPathComponent("curated"), includingPropertiesForKeys: nil) {
            var curated: [URL] = []
            for case let url as URL in e where ["yml", "yaml"].contains(url.pathExtension) { curated.append(url) }
            files += curated.sorted { $0.path < $1.path }
        }
        return RuleImage.cached("name-guard", version: 1, sourceHash: RuleImage.sourceHash(files: files),
                                decode: ByteKeyTable.decode, encode: { $0.encode(&$1) }) { read(files) }
    }

    private static func read(_ files: [URL]) -> ByteKeyTable {
        var names: [(key: ArraySlice<UInt8>, value: UInt8)] = []
        for url in files {
            guard let data = FileBytes.data(url.path) else { continue }
            // An array of bytes (iterating `Data` byte by byte is slow); ASCII words lower-cased as they are read.
            var word: [UInt8] = []
            var capital = false, ascii = true
            func flush() {
                if capital && word.count >= 2 {
                    names.append((ascii ? word[...] : Array(String(decoding: word, as: UTF8.self).lowercased().utf8)[...], 0))
                }
                word.removeAll(keepingCapacity: true)
                capital = false
                ascii = true
            }
            for b in [UInt8](data) {
                let upper = b >= 0x41 && b <= 0x5A
                if upper || (b >= 0x61 && b <= 0x7A) || b >= 0x80 || (b == 0x27 && !word.isEmpty) {
                    if word.isEmpty { capital = upper }
                    if b >= 0x80 { ascii = false }
                    word.append(upper ? b | 0x20 : b)
                } else {
                    flush()
                }
            }
            flush()
        }
        return ByteKeyTable(names, duplicates: .last)
    }
}

extension Document {
    /// Whether token t closes a sentence: . ! ? … (possibly followed by closing quotes or brackets).
    func isGarbleTerminal(_ t: Int) -> Bool {
        guard tokens[t].kind == .punctuation else { return false }
        let u = prose.units[Int(tokens[t].start)]
        return u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026
    }

    /// Whether token t is a closing quote or bracket.
    func isGarbleCloser(_ t: Int) -> Bool {
        guard tokens[t].kind == .punctuation else { return false }
        switch prose.units[Int(tokens[t].start)] {
        case 0x22, 0x27, 0x2019, 0x201D, 0xBB, 0x29, 0x5D: return true
        default: return false
        }
    }
}

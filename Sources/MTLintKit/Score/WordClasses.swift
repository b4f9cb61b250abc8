import Foundation

/// A word class by number: an index into `WordClasses.names`.
public typealias WordClassID = UInt8

/// Coarse word classes for the garble model: closed-class words as themselves (article, preposition,
/// auxiliary…), ordinary words by their usual part of speech (from WordNet, `Rules/garble/word-classes.tsv`),
/// names, numbers and punctuation. `scripts/build-garble-data.py` uses the same mapping to train
/// `ClassBigramModel`; keep `tokenClass` in step with its `token_class`.
public final class WordClasses: @unchecked Sendable {
    let words: WordList?
    /// Every class by number (`WordClassID`): the fixed classes first, then the data's. The scorer works on
    /// the numbers, so a token costs no String and class pairs index a matrix.
    public let names: [String]
    /// Closed-class words (lower case) → class.
    private let functionIDs: ByteKeyTable
    /// Ordinary lower-case words whose class is not N → class.
    private let openIDs: ByteKeyTable

    /// Classes `tokenClass` assigns without the data, in `WordClassID` order.
    static let fixed = ["N", "NUM", "COMMA", "STOP", "COLON", "LPAR", "RPAR", "DASH", "QUOTE", "SYM", "SUBJ", "NAME",
                        "GEN", "UNK", "BOS", "EOS"]
    public static let n: WordClassID = 0, num: WordClassID = 1, comma: WordClassID = 2, stop: WordClassID = 3,
                      colon: WordClassID = 4, lpar: WordClassID = 5, rpar: WordClassID = 6, dash: WordClassID = 7,
                      quote: WordClassID = 8, sym: WordClassID = 9, subj: WordClassID = 10, name: WordClassID = 11,
                      gen: WordClassID = 12, unk: WordClassID = 13, bos: WordClassID = 14, eos: WordClassID = 15

    private init(names: [String], functionIDs: ByteKeyTable, openIDs: ByteKeyTable, words: WordList?) {
        self.names = names
        self.functionIDs = functionIDs
        self.openIDs = openIDs
        self.words = words
    }

    static func load(rules: URL, words: WordList?) throws(DataError) -> WordClasses {
        let functionURL = rules.appendingPathComponent("garble/function-words.tsv")
        let openURL = rules.appendingPathComponent("garble/word-classes.tsv")
        let parts = try RuleImage.cached("classes", version: 1, sourceHash: RuleImage.sourceHash(files: [functionURL, openURL]),
                                         decode: decodeTables, encode: encodeTables) { () throws(DataError) in
            try readTables(function: functionURL, open: openURL)
        }
        return WordClasses(names: parts.names, functionIDs: parts.function, openIDs: parts.open, words: words)
    }

    private typealias Tables = (names: [String], function: ByteKeyTable, open: ByteKeyTable)

    private static func readTables(function: URL, open: URL) throws(DataError) -> Tables {
        // Classes are numbered as the files are read: the fixed ones first, then each new one the data names.
        var names = Self.fixed
        var index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, WordClassID($0)) })
        var tooMany = false
        func id(_ c: String) -> WordClassID {
            if let i = index[c] { return i }
            guard names.count < Int(WordClassID.max) else { tooMany = true; return unk }
            let i = WordClassID(names.count)
            names.append(c)
            index[c] = i
            return i
        }
        let fw = try GarbleFiles.table(function, id)
        let open = try GarbleFiles.table(open, id)
        if tooMany { throw .invalid(path: function.deletingLastPathComponent().path, line: nil, detail: "more than 255 word classes") }
        return (names, fw, open)
    }

    private static func encodeTables(_ t: Tables, _ w: inout ImageWriter) {
        w.strings(t.names); t.function.encode(&w); t.open.encode(&w)
    }

    private static func decodeTables(_ r: inout ImageReader) -> Tables? {
        guard let names = r.strings(), names.count <= Int(WordClassID.max) + 1,
              let function = ByteKeyTable.decode(&r), let open = ByteKeyTable.decode(&r) else { return nil }
        // Every class number must name a class: the scorer indexes its tables with them.
        var valid = true
        for table in [function, open] { table.forEach { _, c in if Int(c) >= names.count { valid = false } } }
        return valid ? (names, function, open) : nil
    }

    public func isFunctionWord(_ key: String) -> Bool { functionIDs.contains(key) }

    /// The class the data gives a lower-case word (closed class first, then its usual part of speech).
    public func dataClass(_ key: String) -> String? {
        (functionIDs.value(key) ?? openIDs.value(key)).map { names[Int($0)] }
    }

    /// Class of token `t`; `initial` when it is the first word of its sentence (or follows a quote mark
    /// that opens one).
    public func tokenClass(_ doc: Document, _ t: Int, initial: Bool) -> String {
        names[Int(tokenClassID(doc, t, initial: initial))]
    }

    /// The same as a number.
    public func tokenClassID(_ doc: Document, _ t: Int, initial: Bool) -> WordClassID {
        let tok = doc.tokens[t]
        switch tok.kind {
        case .number: return Self.num
        case .punctuation:
            let u = doc.prose.units[Int(tok.start)]
            switch u {
            case 0x2C: return Self.comma
            case 0x2E, 0x21, 0x3F, 0x2026: return Self.stop
            case 0x3A, 0x3B: return Self.colon
            case 0x28, 0x5B: return Self.lpar
            case 0x29, 0x5D: return Self.rpar
            case 0x2D, 0x2013, 0x2014, 0x2010, 0x2011: return Self.dash
            case 0x22, 0x27, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: return Self.quote
            default: return Self.sym
            }
        case .word: break
        }
        if tok.flags.contains(.hasDigit) { return Self.num }
        let key = doc.keys[t]
        if tok.flags.contains(.capitalized) && !initial { return key == "i" ? Self.subj : Self.name }
        if tok.flags.contains(.allCaps) { return Self.name }
        if let c = functionIDs.value(key) { return c }
        if key.hasSuffix("'s") { return Self.gen }
        if let c = openIDs.value(key) { return c }
        if let w = words, w.commonWordLevel(key) != nil { return Self.n }
        if tok.flags.contains(.capitalized) { return Self.name }
        return Self.unk
    }

    /// Whether the word-order model steps over a class (`ClassBigramModel.transparent`, all of them fixed).
    public static func isTransparent(_ c: WordClassID) -> Bool {
        Int(c) < transparentFixed.count && transparentFixed[Int(c)]
    }

    private static let transparentFixed = fixed.map { ClassBigramModel.transparent.contains($0) }

    /// Classes of all tokens of a token range (sentence starts recomputed inside the range).
    public func classes(_ doc: Document, _ range: Range<Int>) -> [String] {
        var out: [String] = []
        out.reserveCapacity(range.count)
        var initial = true
        for t in range {
            let c = tokenClass(doc, t, initial: initial)
            out.append(c)
            if c == "STOP" || c == "COLON" { initial = true }
            else if c != "QUOTE" && c != "LPAR" { initial = false }
        }
        return out
    }
}

/// P(next class | previous class), trained on WordNet's example sentences (`Rules/garble/class-bigrams.tsv`).
public final class ClassBigramModel: @unchecked Sendable {
    private var index: [String: Int] = [:]
    private var table: [Float] = []
    private var unigram: [String: Double] = [:]
    private var n = 0

    /// Classes the model steps over: layout punctuation, numbers and non-words carry no word-order signal.
    public static let transparent: Set<String> = ["QUOTE", "LPAR", "RPAR", "DASH", "SYM", "COLON", "NUM", "UNK"]

    static func load(rules: URL) throws(DataError) -> ClassBigramModel {
        let url = rules.appendingPathComponent("garble/class-bigrams.tsv")
        let rows = try GarbleFiles.rows(url, columns: 3)
        let m = ClassBigramModel()
        for r in rows where r[0] == "*" { m.unigram[r[1]] = Double(r[2]) ?? -4 }
        for r in rows where r[0] != "*" {
            for c in [r[0], r[1]] where m.index[c] == nil { m.index[c] = m.index.count }
        }
        m.n = m.index.count
        m.table = [Float](repeating: -4, count: m.n * m.n)
        for r in rows where r[0] != "*" {
            m.table[m.index[r[0]]! * m.n + m.index[r[1]]!] = Float(r[2]) ?? -4
        }
        return m
    }

    /// `association` for every pair of `classes`' numbers, computed once: row a, column b.
    public func associations(for classes: WordClasses) -> [Double] {
        let names = classes.names, k = names.count
        var out = [Double](repeating: 0, count: k * k)
        for a in 0..<k { for b in 0..<k { out[a * k + b] = association(names[a], names[b]) } }
        return out
    }

    /// log10 of P(b | a) / P(b): how much more (or less) likely b is after a than anywhere.
    public func association(_ a: String, _ b: String) -> Double {
        logp(a, b) - (unigram[b] ?? (b == "EOS" ? logp(a, b) : -2))
    }

    /// log10 P(b | a); -4 for unknown classes.
    public func logp(_ a: String, _ b: String) -> Double {
        guard let i = index[a], let j = index[b] else { return -4 }
        return Double(table[i * n + j])
    }
}

/// Small readers for the garble data files (TSV with '#' comments).
enum GarbleFiles {
    static func rows(_ url: URL, columns: Int) throws(DataError) -> [[String]] {
        guard let data = FileBytes.data(url.path) else {
            throw .missing(path: url.path, detail: "garble data file not found")
        }
        var out: [[String]] = []
        var lineNumber = 0
        // Split on bytes: String.split walks Characters, and every start reads these files.
        for raw in String(decoding: data, as: UTF8.self).splitASCII(0x0A) {
            lineNumber += 1
            let line = raw.utf8.last == 0x0D ? String(raw.dropLast()) : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.splitASCII(0x09)
            guard f.count >= columns else {
                throw .invalid(path: url.path, line: lineNumber, detail: "expected \(columns) tab-separated columns")
            }
            out.append(f)
        }
        return out
    }

    /// key<TAB>value lines into a table (a key given twice keeps its last value), each distinct value numbered
    /// once. Parsed on bytes, because word-classes.tsv has 67,000 lines; its few distinct values are found by
    /// comparing bytes, so a line allocates nothing.
    static func table(_ url: URL, _ value: (String) -> UInt8) throws(DataError) -> ByteKeyTable {
        guard let data = FileBytes.data(url.path) else {
            throw .missing(path: url.path, detail: "garble data file not found")
        }
        let bytes = [UInt8](data)
        var entries: [(key: ArraySlice<UInt8>, value: UInt8)] = []
        entries.reserveCapacity(bytes.count / 12)
        var distinct: [(bytes: ArraySlice<UInt8>, value: UInt8)] = []
        let failure = bytes.withUnsafeBufferPointer { b in
            DataLines.firstRefused(b) { start, tab, stop in
                guard tab < stop else { return false }
                var valueEnd = tab + 1
                while valueEnd < stop && b[valueEnd] != 0x09 { valueEnd += 1 }
                let field = bytes[(tab + 1)..<valueEnd]
                let v: UInt8
                if let known = distinct.first(where: { $0.bytes.elementsEqual(field) }) {
                    v = known.value
                } else {
                    v = value(String(decoding: field, as: UTF8.self))
                    distinct.append((field, v))
                }
                entries.append((bytes[start..<tab], v))
                return true
            }
        }
        if let failure { throw .invalid(path: url.path, line: failure, detail: "expected 2 tab-separated columns") }
        return ByteKeyTable(entries, duplicates: .last)
    }
}

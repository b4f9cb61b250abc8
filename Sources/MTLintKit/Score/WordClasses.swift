import Foundation

/// Coarse word classes for the garble model: closed-class words as themselves (article, preposition,
/// auxiliary…), ordinary words by their usual part of speech (from WordNet, `Rules/garble/word-classes.tsv`),
/// names, numbers and punctuation. `scripts/build-garble-data.py` uses the same mapping to train
/// `ClassBigramModel`; keep `tokenClass` in step with its `token_class`.
public final class WordClasses: @unchecked Sendable {
    /// Closed-class words (lower case) → class.
    public let function: [String: String]
    /// Ordinary lower-case words whose class is not N → class.
    let open: [String: String]
    let words: WordList?

    init(function: [String: String], open: [String: String], words: WordList?) {
        self.function = function
        self.open = open
        self.words = words
    }

    static func load(rules: URL, words: WordList?) throws(DataError) -> WordClasses {
        let fw = try GarbleFiles.pairs(rules.appendingPathComponent("garble/function-words.tsv"))
        let open = try GarbleFiles.pairs(rules.appendingPathComponent("garble/word-classes.tsv"))
        return WordClasses(function: fw, open: open, words: words)
    }

    public func isFunctionWord(_ key: String) -> Bool { function[key] != nil }

    /// Class of token `t`; `initial` when it is the first word of its sentence (or follows a quote mark
    /// that opens one).
    public func tokenClass(_ doc: Document, _ t: Int, initial: Bool) -> String {
        let tok = doc.tokens[t]
        switch tok.kind {
        case .number: return "NUM"
        case .punctuation:
            let u = doc.prose.units[Int(tok.start)]
            switch u {
            case 0x2C: return "COMMA"
            case 0x2E, 0x21, 0x3F, 0x2026: return "STOP"
            case 0x3A, 0x3B: return "COLON"
            case 0x28, 0x5B: return "LPAR"
            case 0x29, 0x5D: return "RPAR"
            case 0x2D, 0x2013, 0x2014, 0x2010, 0x2011: return "DASH"
            case 0x22, 0x27, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: return "QUOTE"
            default: return "SYM"
            }
        case .word: break
        }
        if tok.flags.contains(.hasDigit) { return "NUM" }
        let key = doc.keys[t]
        if tok.flags.contains(.capitalized) && !initial { return key == "i" ? "SUBJ" : "NAME" }
        if tok.flags.contains(.allCaps) { return "NAME" }
        if let c = function[key] { return c }
        if key.hasSuffix("'s") { return "GEN" }
        if let c = open[key] { return c }
        if let w = words, w.commonWordLevel(key) != nil { return "N" }
        if tok.flags.contains(.capitalized) { return "NAME" }
        return "UNK"
    }

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
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missing(path: url.path, detail: "garble data file not found")
        }
        var out: [[String]] = []
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= columns else {
                throw .invalid(path: url.path, line: lineNumber, detail: "expected \(columns) tab-separated columns")
            }
            out.append(f)
        }
        return out
    }

    /// key<TAB>value lines into a dictionary. Parsed on bytes with the few distinct values shared, because
    /// word-classes.tsv has 67,000 lines and every process start reads it.
    static func pairs(_ url: URL) throws(DataError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missing(path: url.path, detail: "garble data file not found")
        }
        var map: [String: String] = [:]
        var values: [[UInt8]: String] = [:]
        var failure: Int?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            map.reserveCapacity(b.count / 12)
            var i = 0, line = 0
            while i < b.count {
                line += 1
                var end = i
                while end < b.count && b[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                var stop = end
                if stop > i && b[stop - 1] == 0x0D { stop -= 1 }
                if stop == i || b[i] == 0x23 { continue }
                var tab = i
                while tab < stop && b[tab] != 0x09 { tab += 1 }
                guard tab < stop else { failure = failure ?? line; continue }
                var valueEnd = tab + 1
                while valueEnd < stop && b[valueEnd] != 0x09 { valueEnd += 1 }
                let valueBytes = Array(b[(tab + 1)..<valueEnd])
                let value = values[valueBytes] ?? {
                    let v = String(decoding: valueBytes, as: UTF8.self)
                    values[valueBytes] = v
                    return v
                }()
                map[String(decoding: UnsafeBufferPointer(rebasing: b[i..<tab]), as: UTF8.self)] = value
            }
        }
        if let failure { throw .invalid(path: url.path, line: failure, detail: "expected 2 tab-separated columns") }
        return map
    }
}

import Foundation
/// A document segmented once for all rules: original text, prose, paragraphs, sentences and tokens with
/// their case-folded matching keys.
public final class Document: @unchecked Sendable {
    public let source: SourceText
    public let format: MarkupFormat
    public let prose: ProseBuffer
    public let tokens: [Token]
    /// Per token: NFKC case-folded key (typographic apostrophes as '), for matching.
    public let keys: [String]
    public let sentences: [Sentence]
    public let paragraphs: [Paragraph]
    /// The source this text translates, when known (bitext input): the bilingual rules check against it.
    public let bitext: Bitext?
    /// Passes shared by several rules (the name analysis), computed once per document: see `shared`.
    private var passes: [ObjectIdentifier: Any] = [:]
    private let passesLock = NSLock()

    /// The result of a pass several rules share, computed by the first rule that asks and kept for the
    /// others until `releaseShared` (`owner`: the pass object; one result per owner and document).
    func shared<T>(_ owner: AnyObject, _ make: () -> T) -> T {
        let key = ObjectIdentifier(owner)
        passesLock.lock()
        let cached = passes[key] as? T
        passesLock.unlock()
        if let cached { return cached }
        let value = make()
        passesLock.lock()
        passes[key] = value
        passesLock.unlock()
        return value
    }

    /// Drops the shared passes (the linter calls it once every rule ran): a pass may hold the document, and
    /// keeping it would keep both alive.
    func releaseShared() {
        passesLock.lock()
        passes.removeAll()
        passesLock.unlock()
    }

    public convenience init(text: String, format: MarkupFormat = .plain, bitext: Bitext? = nil) {
        self.init(source: SourceText(text), format: format, bitext: bitext)
    }

    /// A document of `source` in `format`. A TMX or XLIFF file brings its own sources (read with the
    /// file's languages; use `init(source:file:)` to see its problems or choose them).
    public convenience init(source: SourceText, format: MarkupFormat, bitext: Bitext? = nil) {
        if format.isBitextFile, bitext == nil, case .success(let file) = BitextFileReader.read(source, format: format) {
            self.init(source: source, format: format, bitext: file.bitext, prose: file.prose)
        } else {
            self.init(source: source, format: format, bitext: bitext, prose: format.extract(source))
        }
    }

    /// A document of a TMX or XLIFF file already read.
    public convenience init(source: SourceText, file: BitextFile, format: MarkupFormat) {
        self.init(source: source, format: format, bitext: file.bitext, prose: file.prose)
    }

    init(source: SourceText, format: MarkupFormat, bitext: Bitext?, prose: ProseBuffer) {
        self.source = source
        self.format = format
        self.bitext = bitext
        self.prose = prose
        var segmenter = Segmenter(prose: prose)
        segmenter.run()
        self.tokens = segmenter.tokens
        self.keys = segmenter.keys
        self.sentences = segmenter.sentences
        self.paragraphs = segmenter.paragraphs
    }

    /// Prose text of a token.
    public func text(_ token: Int) -> String { prose.string(tokens[token].range) }

    /// Prose text of a unit range.
    public func text(units: Range<Int>) -> String { prose.string(units) }

    /// Prose units from the start of token `first` to the end of token `last`.
    public func units(from first: Int, through last: Int) -> Range<Int> {
        Int(tokens[first].start)..<Int(tokens[last].end)
    }

    /// Whether token `t` is a hyphen: "-", U+2010 hyphen or U+2011 non-breaking hyphen.
    public func isHyphen(_ t: Int) -> Bool {
        guard tokens[t].kind == .punctuation, tokens[t].length == 1 else { return false }
        let u = prose.units[Int(tokens[t].start)]
        return u == 0x2D || u == 0x2010 || u == 0x2011
    }

    /// Index of the sentence holding prose unit `unit` (the last sentence starting at or before it), or nil
    /// without sentences.
    public func sentenceIndex(ofUnit unit: Int) -> Int? {
        var lo = 0, hi = sentences.count - 1
        guard hi >= 0 else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].units.lowerBound <= unit { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Index of the sentence holding token `t`.
    public func sentenceIndex(ofToken t: Int) -> Int {
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].tokens.lowerBound <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// Splits prose into paragraphs, sentences and tokens with ICU, once per document.
struct Segmenter {
    let prose: ProseBuffer
    var tokens: [Token] = []
    var keys: [String] = []
    var sentences: [Sentence] = []
    var paragraphs: [Paragraph] = []
    private var bounds: [Int32] = []
    private var statuses: [Int32] = []

    /// Whether ASCII paragraphs are split without ICU (`ASCIIWordBreaks`); off only to compare with ICU in tests.
    let asciiFastPath: Bool

    init(prose: ProseBuffer, asciiFastPath: Bool = true) {
        self.prose = prose
        self.asciiFastPath = asciiFastPath
        tokens.reserveCapacity(prose.units.count / 5)
        keys.reserveCapacity(prose.units.count / 5)
    }

    mutating func run() {
        prose.units.withUnsafeBufferPointer { all in
            for (p, range) in prose.paragraphs.enumerated() {
                let slice = UnsafeBufferPointer(rebasing: all[range])
                let firstToken = tokens.count
                tokenize(slice, offset: range.lowerBound)
                markURLs(all, range: range, tokens: firstToken..<tokens.count)
                let firstSentence = sentences.count
                splitSentences(slice, offset: range.lowerBound, paragraph: p, firstToken: firstToken)
                paragraphs.append(Paragraph(units: range, tokens: firstToken..<tokens.count,
                                            sentences: firstSentence..<sentences.count))
            }
        }
    }

    private mutating func tokenize(_ text: UnsafeBufferPointer<UInt16>, offset: Int) {
        let n = asciiFastPath ? ASCIIWordBreaks.breaks(text, bounds: &bounds, statuses: &statuses)
            ?? ICU.wordBreaks(text, bounds: &bounds, statuses: &statuses)
            : ICU.wordBreaks(text, bounds: &bounds, statuses: &statuses)
        var spaceBefore = true
        var k = 1
        while k < n {
            let a = Int(bounds[k - 1]), b = Int(bounds[k])
            let status = statuses[k]
            k += 1
            if status < 100 {
                var allSpace = true
                for i in a..<b where !ProseBuffer.isSpace(text[i]) { allSpace = false; break }
                if allSpace { spaceBefore = true; continue }
                // ICU leaves punctuation runs together only rarely; keep one token per character so that
                // rules see each quote mark and hyphen.
                var i = a
                while i < b {
                    let w = (text[i] >= 0xD800 && text[i] <= 0xDBFF && i + 1 < b) ? 2 : 1
                    if ProseBuffer.isSpace(text[i]) { spaceBefore = true; i += w; continue }
                    append(text, a: i, b: i + w, offset: offset, kind: .punctuation, spaceBefore: spaceBefore)
                    spaceBefore = false
                    i += w
                }
                continue
            }
            append(text, a: a, b: b, offset: offset, kind: status < 200 ? .number : .word, spaceBefore: spaceBefore)
            spaceBefore = false
        }
    }

    private mutating func append(_ text: UnsafeBufferPointer<UInt16>, a: Int, b: Int, offset: Int,
                                 kind: Token.Kind, spaceBefore: Bool) {
        var flags: Token.Flags = spaceBefore ? [.spaceBefore] : []
        var ascii = true
        var letters = 0, uppers = 0
        for i in a..<b {
            let u = text[i]
            if u >= 0x80 { ascii = false }
            if u >= 0x30 && u <= 0x39 { flags.insert(.hasDigit) }
            if u >= 0x41 && u <= 0x5A { letters += 1; uppers += 1 }
            else if u >= 0x61 && u <= 0x7A { letters += 1 }
            else if u >= 0xC0 && !(u >= 0xD800 && u <= 0xDFFF), let s = Unicode.Scalar(u), s.properties.isAlphabetic {
                letters += 1
                if s.properties.isUppercase { uppers += 1 }
            }
        }
        if !ascii { flags.insert(.nonASCII) }
        if kind == .word {
            let first = text[a]
            if (first >= 0x41 && first <= 0x5A) || (first >= 0xC0 && Unicode.Scalar(first)?.properties.isUppercase == true) {
                flags.insert(.capitalized)
            }
            if letters >= 2 && uppers == letters { flags.insert(.allCaps) }
        }
        tokens.append(Token(start: Int32(offset + a), end: Int32(offset + b), kind: kind, flags: flags))
        keys.append(Self.key(UnsafeBufferPointer(rebasing: text[a..<b]), ascii: ascii))
    }

    /// Matching key: ASCII lower case on the fast path, NFKC_Casefold otherwise; ’ and ʼ read as '.
    static func key(_ units: UnsafeBufferPointer<UInt16>, ascii: Bool) -> String {
        if ascii {
            return String(unsafeUninitializedCapacity: units.count) { buf in
                for i in 0..<units.count {
                    let u = UInt8(truncatingIfNeeded: units[i])
                    buf[i] = (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u
                }
                return units.count
            }
        }
        var mapped = Array(units)
        for i in mapped.indices where mapped[i] == 0x2019 || mapped[i] == 0x02BC { mapped[i] = 0x27 }
        let folded = mapped.withUnsafeBufferPointer { ICU.caseFold($0) }
        return String(decoding: folded, as: UTF16.self)
    }

    /// Marks tokens inside URLs, e-mail addresses, handles and hashtags: white-space-delimited chunks that
    /// start with a scheme or www., contain "://" or an '@' between letters, or words like "example.com".
    private mutating func markURLs(_ all: UnsafeBufferPointer<UInt16>, range: Range<Int>, tokens tr: Range<Int>) {
        guard !tr.isEmpty else { return }
        var t = tr.lowerBound
        while t < tr.upperBound {
            // A chunk: tokens joined without white space.
            var e = t + 1
            while e < tr.upperBound && !tokens[e].flags.contains(.spaceBefore) { e += 1 }
            if e - t >= 1 && chunkIsLink(all, first: t, last: e - 1) {
                for i in t..<e { tokens[i].flags.insert(.url) }
            }
            t = e
        }
    }

    private func chunkIsLink(_ all: UnsafeBufferPointer<UInt16>, first: Int, last: Int) -> Bool {
        let a = Int(tokens[first].start), b = Int(tokens[last].end)
        func at(_ i: Int, _ s: String) -> Bool {
            var k = i
            for u in s.utf16 {
                guard k < b else { return false }
                var c = all[k]
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                if c != u { return false }
                k += 1
            }
            return true
        }
        // Skip leading brackets and quotes.
        var s = a
        while s < b && (all[s] == 0x28 || all[s] == 0x22 || all[s] == 0x27 || all[s] == 0x201C || all[s] == 0x2018 || all[s] == 0x3C) { s += 1 }
        if at(s, "http://") || at(s, "https://") || at(s, "www.") || at(s, "ftp://") || at(s, "mailto:") { return true }
        if s < b && (all[s] == 0x40 || all[s] == 0x23) && s + 1 < b && isLetter(all[s + 1]) { return true } // @handle, #tag
        var i = s
        while i + 2 < b {
            if all[i] == 0x3A && all[i + 1] == 0x2F && all[i + 2] == 0x2F { return true }
            i += 1
        }
        i = s + 1
        while i + 1 < b {
            if all[i] == 0x40 && isLetter(all[i - 1]) && isLetter(all[i + 1]) { return true }
            i += 1
        }
        // File names whose stem ends in a digit, which the word breaker splits at the dot ("001_ab12.txt").
        if last - first >= 2, tokens[last].kind == .word, tokens[last - 1].kind == .punctuation,
           all[Int(tokens[last - 1].start)] == 0x2E, tokens[last - 1].end - tokens[last - 1].start == 1,
           Self.fileExtensions.contains(String(decoding: UnsafeBufferPointer(rebasing: all[Int(tokens[last].start)..<Int(tokens[last].end)]), as: UTF16.self)) {
            return true
        }
        // Domain-like words: "example.com", "mid.ru/…" (a dot, then 2–6 lower-case letters at the end).
        for t in first...last where tokens[t].kind == .word {
            let ta = Int(tokens[t].start), tb = Int(tokens[t].end)
            var dot = -1
            for k in ta..<tb where all[k] == 0x2E { dot = k }
            if dot > ta + 1 && tb - dot - 1 >= 2 && tb - dot - 1 <= 6 {
                var lowerTail = true
                for k in (dot + 1)..<tb where !(all[k] >= 0x61 && all[k] <= 0x7A) { lowerTail = false }
                if lowerTail { return true }
            }
        }
        return false
    }

    private static let fileExtensions: Set<String> = [
        "txt", "md", "pdf", "html", "htm", "json", "jsonl", "csv", "tsv", "xml", "yml", "yaml", "doc", "docx",
        "odt", "rtf", "jpg", "jpeg", "png", "gif", "svg", "zip", "gz", "mp3", "mp4", "xls", "xlsx", "ppt", "pptx",
    ]

    @inline(__always) private func isLetter(_ u: UInt16) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39) || u >= 0xC0
    }

    private mutating func splitSentences(_ text: UnsafeBufferPointer<UInt16>, offset: Int, paragraph: Int, firstToken: Int) {
        let n = ICU.sentenceBreaks(text, bounds: &bounds)
        var t = firstToken
        var k = 1
        while k < n {
            let a = offset + Int(bounds[k - 1]), b = offset + Int(bounds[k])
            k += 1
            let first = t
            while t < tokens.count && Int(tokens[t].start) < b { t += 1 }
            var lo = a, hi = b
            while lo < hi && ProseBuffer.isSpace(prose.units[lo]) { lo += 1 }
            while hi > lo && ProseBuffer.isSpace(prose.units[hi - 1]) { hi -= 1 }
            if lo < hi {
                sentences.append(Sentence(units: lo..<hi, tokens: first..<t, paragraph: paragraph))
            }
        }
    }
}

extension Document {
    /// The matching key of any text, as tokens get theirs: ASCII lower case, else NFKC_Casefold; ’ and ʼ as '.
    public static func key(_ s: String) -> String {
        // Most keys are asked of ASCII text (data files at start, pattern words): lower-case its bytes
        // directly; `Array(s.utf16)` transcodes through String indices and costs thousands of instructions.
        var s = s
        if let ascii = s.utf8.withContiguousStorageIfAvailable(asciiKey) { if let k = ascii { return k } }
        else { s.makeContiguousUTF8() }
        let units = Array(s.utf16)
        return units.withUnsafeBufferPointer { Segmenter.key($0, ascii: !units.contains { $0 >= 0x80 }) }
    }

    /// The key of ASCII bytes (A–Z lower-cased, as `Segmenter.key` does), or nil when a byte is not ASCII.
    private static func asciiKey(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        for x in b where x >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: b.count) { out in
            for i in 0..<b.count { let u = b[i]; out[i] = (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u }
            return b.count
        }
    }
}

/// The source side of a translation: its text and, when known, the languages (BCP 47 codes such as "zh",
/// "de-CH"). A document with a bitext is checked against its source by the bilingual rules.
public struct Bitext: Sendable, Equatable {
    public var source: String
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Line-aligned sources (`mtlint --source FILE`): line k of the text translates `lines[k]`; nil: the whole
    /// text translates `source`.
    public var lines: [String]?
    /// Segment-aligned sources (TMX, XLIFF): each span of the original text translates its own source.
    public var spans: [BitextSpan]?

    public init(source: String, sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        self.source = source
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    /// Sources aligned line by line with the text.
    public init(lines: [String], sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        self.init(source: lines.joined(separator: "\n"), sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        self.lines = lines
    }
}

/// A target segment of a bitext file and its source: `target` is a code-point range of the original text.
public struct BitextSpan: Sendable, Equatable {
    public var target: Range<Int>
    public var source: String

    public init(target: Range<Int>, source: String) {
        self.target = target
        self.source = source
    }
}

/// A part of a translated document and the source it translates: the whole text, or one line of a
/// line-aligned pair of files.
public struct BitextSegment: Sendable {
    /// Its tokens and prose units.
    public var tokens: Range<Int>
    public var units: Range<Int>
    public var source: String
}

extension Document {
    /// The segments the bilingual rules check, each against its own source (empty without a source).
    public var bitextSegments: [BitextSegment] {
        guard let bitext, let first = tokens.first, let last = tokens.last else { return [] }
        if let spans = bitext.spans { return segments(spans) }
        guard let lines = bitext.lines else {
            return [BitextSegment(tokens: 0..<tokens.count, units: Int(first.start)..<Int(last.end), source: bitext.source)]
        }
        // Tokens grouped by the original line they start on.
        var out: [BitextSegment] = []
        var t = 0
        while t < tokens.count {
            let line = source.lineAndColumn(of: Int(prose.origin[Int(tokens[t].start)])).line
            var e = t + 1
            while e < tokens.count && source.lineAndColumn(of: Int(prose.origin[Int(tokens[e].start)])).line == line { e += 1 }
            if line - 1 < lines.count {
                out.append(BitextSegment(tokens: t..<e, units: Int(tokens[t].start)..<Int(tokens[e - 1].end), source: lines[line - 1]))
            }
            t = e
        }
        return out
    }

    /// Tokens grouped by the span holding their start (spans are in text order and do not overlap).
    private func segments(_ spans: [BitextSpan]) -> [BitextSegment] {
        var out: [BitextSegment] = []
        var t = 0, k = 0
        while t < tokens.count && k < spans.count {
            let at = Int(prose.origin[Int(tokens[t].start)])
            if at >= spans[k].target.upperBound { k += 1; continue }
            guard at >= spans[k].target.lowerBound else { t += 1; continue }
            var e = t + 1
            while e < tokens.count && Int(prose.origin[Int(tokens[e].start)]) < spans[k].target.upperBound { e += 1 }
            out.append(BitextSegment(tokens: t..<e, units: Int(tokens[t].start)..<Int(tokens[e - 1].end), source: spans[k].source))
            t = e
            k += 1
        }
        return out
    }
}

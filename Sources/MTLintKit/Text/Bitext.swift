/// The source side of a translation: its text and, when known, the languages (BCP 47 codes such as "zh",
/// "de-CH"). A document with a bitext is checked against its source by the bilingual rules.
public struct Bitext: Sendable, Equatable {
    public var source: String
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Line-aligned sources (`mtlint --source FILE`): line k of the text translates `lines[k]`; nil: the whole
    /// text translates `source`.
    public var lines: [String]?

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
}

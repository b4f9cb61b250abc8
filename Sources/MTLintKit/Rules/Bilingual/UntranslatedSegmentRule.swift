import Foundation

/// Text the translation copied from its source instead of translating it: the whole segment equal to the
/// source, or a run of three or more lower-case words copied verbatim from it of which at least two are not
/// English ("la réunion a été reportée"). Names are capitalised and break a run, so a name carried over is
/// never one; text in another script is left to `foreign-script`. Runs only when the source is given.
public struct UntranslatedSegmentRule: Rule {
    public let info = RuleInfo(
        id: "untranslated-segment",
        category: .bilingual,
        severity: .warning,
        summary: "Text the translation copied from its source instead of translating it (when the source is given).",
        triggers: [
            RuleExample("«Die Regierung hat den Plan gebilligt.»", source: "Die Regierung hat den Plan gebilligt."),
            RuleExample("The minister said that «la réunion a été reportée» until Friday.",
                        source: "Le ministre a déclaré que la réunion a été reportée à vendredi."),
        ],
        quiet: ["The minister said that la réunion a été reportée until Friday."],
        quietBitext: [
            RuleExample("The minister said the meeting was postponed until Friday.",
                        source: "Le ministre a déclaré que la réunion a été reportée à vendredi."),
            RuleExample("Angela Merkel met Emmanuel Macron in Paris.", source: "Angela Merkel a rencontré Emmanuel Macron à Paris."),
            RuleExample("He works in the media and in the arts.", source: "Il travaille dans les media and in the arts."),
            RuleExample("OK", source: "OK"),
        ])

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard let bitext = doc.bitext else { return }
        if let a = bitext.sourceLanguage, let b = bitext.targetLanguage, Self.language(a) == Self.language(b) { return }
        for segment in doc.bitextSegments { check(doc, segment, &findings) }
    }

    private func check(_ doc: Document, _ segment: BitextSegment, _ findings: inout [Finding]) {
        // The segment, or a paragraph or sentence in it, that is the source itself.
        let source = Self.normalized(segment.source)
        guard source.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 6 else { return }
        let inside = { (r: Range<Int>) in r.lowerBound >= segment.units.lowerBound && r.upperBound <= segment.units.upperBound }
        let units = [segment.units] + doc.paragraphs.map(\.units).filter(inside) + doc.sentences.map(\.units).filter(inside)
        if let copy = units.first(where: { Self.normalized(doc.prose.string($0)) == source }) {
            findings.append(Finding(ruleID: info.id, units: Self.trimmed(doc, copy),
                                    message: "This is the source itself, untranslated."))
            return
        }
        copiedRuns(doc, segment.tokens, source: source, &findings)
    }

    /// A range without the white space at its ends.
    static func trimmed(_ doc: Document, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && ProseBuffer.isSpace(doc.prose.units[lo]) { lo += 1 }
        while hi > lo && ProseBuffer.isSpace(doc.prose.units[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Runs of lower-case words copied verbatim from the source, mostly not English.
    private func copiedRuns(_ doc: Document, _ tokens: Range<Int>, source sourceKey: String, _ findings: inout [Finding]) {
        guard let list = words.get else { return }
        var t = tokens.lowerBound
        while t < tokens.upperBound {
            guard Self.isPlainLowerWord(doc, t) else { t += 1; continue }
            // The run: lower-case words joined by spaces (or by an apostrophe or a hyphen).
            var run = [t]
            var k = t
            while true {
                let next = k + 1
                if next >= tokens.upperBound { break }
                if Self.isPlainLowerWord(doc, next) && doc.tokens[next].flags.contains(.spaceBefore) { run.append(next); k = next; continue }
                if next + 1 < tokens.upperBound, doc.tokens[next].kind == .punctuation, !doc.tokens[next].flags.contains(.spaceBefore),
                   !doc.tokens[next + 1].flags.contains(.spaceBefore), Self.isPlainLowerWord(doc, next + 1),
                   [0x27, 0x2019, 0x2D].contains(doc.prose.units[Int(doc.tokens[next].start)]) { run.append(next + 1); k = next + 1; continue }
                break
            }
            t = k + 1
            guard run.count >= 3 else { continue }
            // Its longest stretches found verbatim in the source, left to right.
            var a = 0
            while a + 2 < run.count {
                var b = a
                while b + 1 < run.count, sourceKey.contains(Self.normalized(doc.prose.string(Int(doc.tokens[run[a]].start)..<Int(doc.tokens[run[b + 1]].end)))) { b += 1 }
                let words = run[a...b]
                let foreign = words.filter { list.commonWordLevel(doc.keys[$0]).map { $0 > WordList.Level.large } ?? true }.count
                let range = Int(doc.tokens[run[a]].start)..<Int(doc.tokens[run[b]].end)
                if words.count >= 3, foreign >= 2, sourceKey.contains(Self.normalized(doc.prose.string(range))) {
                    findings.append(Finding(ruleID: info.id, units: range,
                                            message: "“\(doc.prose.string(range))” is copied from the source, untranslated."))
                    a = b + 1
                } else {
                    a += 1
                }
            }
        }
    }

    private static func isPlainLowerWord(_ doc: Document, _ t: Int) -> Bool {
        guard t < doc.tokens.count else { return false }
        let tok = doc.tokens[t]
        guard tok.kind == .word, !tok.flags.contains(.capitalized), !tok.flags.contains(.allCaps), !tok.flags.contains(.url) else { return false }
        // Latin script only: other scripts are `foreign-script`'s.
        for i in tok.range where doc.prose.units[i] >= 0x250 { return false }
        return true
    }

    /// Lower case, NFC, white space collapsed, outer punctuation trimmed: the form two copies share.
    static func normalized(_ s: String) -> String {
        let folded = s.precomposedStringWithCanonicalMapping.lowercased()
        let collapsed = folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    }

    static func language(_ code: String) -> String {
        String(code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }
}

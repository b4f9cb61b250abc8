/// A paragraph break inside a sentence, as text extracted from PDFs or web pages has it:
/// "…headed by Ukrainian Defense⏎⏎Minister Rustem Umerov". The paragraph before the break is running prose
/// that ends on a word without terminal punctuation, and the next one continues it: it starts with a
/// lower-case word, or the two words across the break belong together (a title such as "Defense Minister",
/// or an article or preposition left hanging before the break).
public struct BrokenParagraphRule: Rule {
    public let info = RuleInfo(
        id: "broken-paragraph",
        category: .textBreaking,
        severity: .warning,
        summary: "A paragraph break in the middle of a sentence (typical of text extracted from PDFs).",
        triggers: [
            RuleExample("Zelensky said on Thursday that Ukraine would send a delegation headed by Ukrainian Defense\n\n«Minister» Rustem Umerov to the talks."),
            RuleExample("The delegations met in the palace on Friday and talked for almost two hours\n\n«before» the break."),
        ],
        quiet: [
            "Details\n\nRussian media also noted that the delegations took a break.",
            "He would consider the request for a meeting\n\nFriday's talks followed a morning meeting.",
            "Related article: Putin Won't Attend Istanbul Talks, Taps Kremlin Aide Medinsky to Lead\n\nNevertheless, officials said he would not come.",
            "Journalists in Istanbul waiting for the talks to begin. Alexander Ryumin / TASS\n\nZelensky said he had sent a team.",
            "The talks ended without a deal.\n\nthe end",
        ])

    let kit: GarbleKit

    init(kit: GarbleKit) { self.kit = kit }

    /// First words of a title that continues a name or office across the break.
    static let titleWords: Set<String> = [
        "minister", "ministers", "secretary", "president", "general", "council", "ministry", "office", "department",
        "committee", "commission", "forces", "force", "service", "party", "union", "agency", "bank", "court",
        "affairs", "staff", "assembly", "parliament", "command",
    ]

    /// Words a sentence cannot end on.
    static let hanging: Set<String> = [
        "the", "a", "an", "of", "to", "for", "with", "from", "by", "at", "in", "on", "into", "and", "or", "but",
        "that", "which", "who", "whose", "his", "her", "its", "their", "our", "my", "your", "this", "these",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should",
    ]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard doc.paragraphs.count >= 2 else { return }
        for p in 0..<(doc.paragraphs.count - 1) where Self.continues(doc, p) && Self.blankLineBetween(doc, p) {
            // The finding sits on the first word after the break (a span across the break would hold line
            // ends that differ between LF and CRLF copies of the same text).
            let a = doc.paragraphs[p].tokens.upperBound - 1, b = doc.paragraphs[p + 1].tokens.lowerBound
            let joined = doc.text(a) + " " + doc.text(b)
            findings.append(Finding(ruleID: info.id, units: doc.tokens[b].range,
                                    message: "Paragraph break inside a sentence: “\(joined)” belong together; join the paragraphs."))
        }
    }

    /// Whether the break after paragraph p is an explicit one: a blank line in plain text (a single line
    /// break is often the extractor's guess in hard-wrapped text).
    static func blankLineBetween(_ doc: Document, _ p: Int) -> Bool {
        // In markup, blocks without terminal punctuation (table cells, list items, headings) are common and a
        // removed code span can leave a lower-case start: plain text only.
        guard doc.format == .plain else { return false }
        let a = doc.prose.originalRange(doc.paragraphs[p].units).upperBound
        let b = doc.prose.originalRange(doc.paragraphs[p + 1].units).lowerBound
        var newlines = 0
        var i = a
        while i < b {
            let c = doc.source.scalars[i]
            if c == 0x0A || c == 0x2029 { newlines += 1 }
            else if c == 0x0D { newlines += 1; if i + 1 < b && doc.source.scalars[i + 1] == 0x0A { i += 1 } }
            i += 1
        }
        return newlines >= 2
    }

    /// Whether paragraph p+1 continues the sentence that paragraph p leaves open.
    static func continues(_ doc: Document, _ p: Int) -> Bool {
        guard p + 1 < doc.paragraphs.count else { return false }
        let para = doc.paragraphs[p], next = doc.paragraphs[p + 1]
        guard let a = para.tokens.last, let b = next.tokens.first, let sIndex = para.sentences.last else { return false }
        let ta = doc.tokens[a], tb = doc.tokens[b]
        guard ta.kind == .word, tb.kind == .word, !ta.flags.contains(.url), !tb.flags.contains(.url),
              !ta.flags.contains(.hasDigit), !tb.flags.contains(.allCaps) else { return false }
        // The sentence before the break must be running prose: long, with lower-case words in good share.
        let s = doc.sentences[sIndex]
        var words = 0, lower = 0
        for t in s.tokens where doc.tokens[t].kind == .word {
            words += 1
            if !doc.tokens[t].flags.contains(.capitalized) { lower += 1 }
        }
        guard words >= 8, lower >= 5, lower * 5 >= words * 2 else { return false }
        // The next paragraph must not open with a list marker or a heading of its own.
        let keyA = doc.keys[a], keyB = doc.keys[b]
        if !tb.flags.contains(.capitalized) { return true }
        if hanging.contains(keyA) { return true }
        if ta.flags.contains(.capitalized) && titleWords.contains(keyB) { return true }
        return false
    }
}

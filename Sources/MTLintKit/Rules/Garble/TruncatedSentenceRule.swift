/// A sentence that stops mid-clause at the end of a paragraph or document: "…no progress seemed",
/// "…would consider Kyiv's request for a Putin-Zelensky meeting" (no full stop, more text follows).
/// Told apart from headlines, captions, datelines, bylines, credits and list items: a paragraph must read
/// as prose (mostly lower-case words, not title case) and either end on a word that cannot end a clause
/// (an article, a preposition, an auxiliary or linking verb), or be a prose paragraph whose earlier
/// sentences are closed while its last one is not.
public struct TruncatedSentenceRule: Rule {
    public let info = RuleInfo(
        id: "truncated-sentence",
        category: .truncation,
        severity: .warning,
        summary: "A sentence cut off at a paragraph end: it stops mid-clause with no terminal punctuation.",
        triggers: [
            RuleExample("While the exchange of prisoners marked a tangible result of the negotiations, no progress «seemed»\n\nA Ukrainian source said more."),
            RuleExample("He said Moscow was ready to talk. He added that the Kremlin would consider the request for a «meeting»\n\nThe talks began at noon on Friday.",
                        suggestion: "meeting."),
            RuleExample("The delegation arrived in Istanbul on Thursday and was met by the"),
        ],
        quiet: [
            "Details\n\nRussian media also noted that the delegations took a break.",
            "Negotiations between Ukraine and Russia in Istanbul have finally concluded: delegations are preparing statements for the media\nKyiv – UNN\nIn Istanbul, negotiations have concluded.",
            "Journalists in Istanbul waiting for the talks to begin. Alexander Ryumin / TASS\n\nZelensky said he had sent a team.",
            "Related article: Putin Won't Attend Istanbul Talks, Taps Kremlin Aide Medinsky to Lead Delegation\n\nThe talks went on.",
            "Wagner owner says war in Ukraine will drag on for years",
            "Photos: Following restorations, Egypt inaugurates the Djehuty and Hery tombs",
            "The talks ended without a deal.",
        ])

    let kit: GarbleKit

    init(kit: GarbleKit) { self.kit = kit }

    /// Last words that cannot close a clause.
    static let strongEnds: Set<String> = [
        "the", "a", "an", "of", "to", "for", "with", "from", "by", "at", "into", "onto", "and", "or", "but", "nor",
        "because", "although", "though", "whether", "if", "unless", "whereas", "which", "whose", "whom",
        "my", "your", "his", "its", "our", "their", "this", "these", "those", "every", "each",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would", "can",
        "could", "should", "shall", "must", "may", "might", "seemed", "seems", "seem", "appeared", "became",
        "becomes", "remained", "remains", "very", "such", "than", "between", "among", "amid", "despite", "during",
        "including", "towards", "toward",
    ]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for (p, para) in doc.paragraphs.enumerated() {
            guard let f = truncation(doc, p, para) else { continue }
            findings.append(f)
        }
    }

    private func truncation(_ doc: Document, _ p: Int, _ para: Paragraph) -> Finding? {
        guard let last = para.tokens.last, doc.tokens[last].kind == .word,
              !doc.tokens[last].flags.contains(.url), !doc.tokens[last].flags.contains(.capitalized),
              !doc.tokens[last].flags.contains(.hasDigit) else { return nil }
        // A paragraph broken inside a sentence is the broken-paragraph rule's.
        if p + 1 < doc.paragraphs.count, BrokenParagraphRule.continues(doc, p) { return nil }
        guard let s = para.sentences.last.map({ doc.sentences[$0] }) else { return nil }
        let words = s.tokens.filter { doc.tokens[$0].kind == .word }
        guard words.count >= 5, isProse(doc, s.tokens) else { return nil }
        let key = doc.keys[last]
        let strong = Self.strongEnds.contains(key)
        if !strong {
            // A prose paragraph whose earlier sentences are closed but whose last one is not: a lost full stop
            // or a cut (a heading or list item rarely holds a closed sentence before an open one).
            guard para.sentences.count >= 2, words.count >= 8,
                  p + 1 < doc.paragraphs.count, proseDocument(doc, except: p) else { return nil }
            // The next paragraph reads as running prose too (not a dateline or byline under a title).
            let next = doc.paragraphs[p + 1]
            guard let nextLast = next.tokens.last, next.tokens.filter({ doc.tokens[$0].kind == .word }).count >= 6,
                  doc.isGarbleTerminal(nextLast) || (doc.isGarbleCloser(nextLast) && doc.isGarbleTerminal(nextLast - 1))
            else { return nil }
            let before = doc.sentences[para.sentences.upperBound - 2]
            guard let end = before.tokens.last, doc.isGarbleTerminal(end)
                || (doc.isGarbleCloser(end) && end > before.tokens.lowerBound && doc.isGarbleTerminal(end - 1)) else { return nil }
        }
        let word = doc.text(last)
        if strong {
            return Finding(ruleID: info.id, units: doc.tokens[last].range,
                           message: "The sentence stops mid-clause after “\(word)”: the rest of it seems to be missing.")
        }
        return Finding(ruleID: info.id, units: doc.tokens[last].range,
                       message: "The paragraph ends without terminal punctuation after “\(word)”.",
                       replacements: [.text(word + ".")], severity: .info)
    }

    /// Mostly lower-case words: not a title-case headline, caption or credit line.
    private func isProse(_ doc: Document, _ range: Range<Int>) -> Bool {
        let kit = self.kit.data
        var content = 0, capital = 0, lower = 0
        var first = true
        for t in range where doc.tokens[t].kind == .word {
            defer { first = false }
            if first { continue }
            if kit.classes?.isFunctionWord(doc.keys[t]) == true { if !doc.tokens[t].flags.contains(.capitalized) { lower += 1 }; continue }
            content += 1
            if doc.tokens[t].flags.contains(.capitalized) { capital += 1 } else { lower += 1 }
        }
        return content > 0 && capital * 2 < content && lower >= 4
    }

    /// Most other substantial paragraphs of the document end with terminal punctuation (running prose, not
    /// a list).
    private func proseDocument(_ doc: Document, except p: Int) -> Bool {
        var long = 0, closed = 0
        for (i, para) in doc.paragraphs.enumerated() where i != p && para.tokens.count >= 6 {
            long += 1
            var t = para.tokens.upperBound - 1
            while t > para.tokens.lowerBound && doc.isGarbleCloser(t) { t -= 1 }
            if doc.isGarbleTerminal(t) { closed += 1 }
        }
        return long >= 1 && closed * 3 >= long * 2
    }
}

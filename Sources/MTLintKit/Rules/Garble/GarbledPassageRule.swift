import Foundation

/// A sentence or paragraph whose garble score is above the model's threshold: "the uncle is still uncle if
/// the war in Ukraine was made to end the final ending final final final final end to final end". The
/// message names the main signals behind the score. The linter runs it after every other rule, since the
/// score weighs their findings (see `GarbleScorer`).
public struct GarbledPassageRule: CollectingRule {
    public static let id = "garbled-passage"

    public let info = RuleInfo(
        id: GarbledPassageRule.id,
        category: .garbled,
        severity: .warning,
        summary: "A sentence or paragraph that reads as garbled machine translation (garble score above the threshold).",
        triggers: [
            RuleExample("On Friday, «the uncle is still uncle if the war in Ukraine was made to end the final ending final final final final end to final end.»"),
        ],
        quiet: [
            "Russia and Ukraine agreed to an important exchange of prisoners after their first direct peace talks since 2022.",
            "Details",
            "He recalled that Turkey has stated since the beginning of the war that a lasting and fair peace can only be achieved through negotiations.",
        ])

    let kit: GarbleKit
    var garbleScorer: GarbleScorer { GarbleScorer(kit: kit) }

    init(kit: GarbleKit) { self.kit = kit }

    public func check(_ doc: Document, _ findings: inout [Finding]) {}

    /// A passage needs eight words: below that, rates of repetition or odd word order are chance.
    static let minimumWords = 8
    /// Its own signals (without other findings and typos) must reach half the threshold: a passage whose
    /// evidence other findings make is already reported by them.
    static let ownShare = 0.5

    /// Scores the document from the other rules' findings (with their effective severities), then reports
    /// the passages above the thresholds.
    public func collect(_ document: Document, findings: [Finding], infos: [String: RuleInfo]) -> (scores: DocumentScores, findings: [Finding]) {
        let weighed = findings.compactMap { f -> GarbleScorer.Input? in
            guard let info = infos[f.ruleID], !f.units.isEmpty else { return nil }
            return GarbleScorer.Input(units: f.units, severity: f.severity ?? info.severity, category: info.category, ruleID: f.ruleID)
        }
        let scores = garbleScorer.score(document, findings: weighed)
        return (scores, passageFindings(document, scores))
    }

    /// Findings for the passages above the thresholds: sentences, then paragraphs none of whose sentences
    /// was reported (on their worst sentence). A passage needs eight words or more, and its own signals must
    /// reach half the threshold without the other rules' findings and misspellings: a passage whose evidence
    /// those findings make is already explained by them (its evidence still shows in JSON).
    public func passageFindings(_ doc: Document, _ scores: DocumentScores) -> [Finding] {
        guard let m = kit.data.model else { return [] }
        var out: [Finding] = []
        func words(_ r: Range<Int>) -> Int { r.reduce(0) { $0 + (doc.tokens[$1].kind == .word ? 1 : 0) } }
        func reportable(_ ps: PassageScore, _ tokens: Range<Int>) -> Bool {
            words(tokens) >= Self.minimumWords && Self.ownEvidence(ps) >= m.threshold * Self.ownShare
        }
        for (p, ps) in scores.paragraphs.enumerated() {
            let para = doc.paragraphs[p]
            var any = false
            for (k, ss) in ps.sentences.enumerated() where ss.evidence >= m.sentenceThreshold {
                guard reportable(ss, doc.sentences[para.sentences.lowerBound + k].tokens) else { continue }
                out.append(Finding(ruleID: info.id, units: ss.focus ?? ss.units, message: Self.message("Garbled sentence", ss)))
                any = true
            }
            // A paragraph above the threshold none of whose sentences is: its worst sentence is reported
            // (the clause holding its repetitions or non-words, if any), with the paragraph's score and signals.
            if !any && ps.evidence >= m.threshold, reportable(ps, para.tokens),
               let worst = ps.sentences.indices.max(by: { ps.sentences[$0].evidence < ps.sentences[$1].evidence }) {
                let units = ps.sentences[worst].focus ?? ps.sentences[worst].units
                out.append(Finding(ruleID: info.id, units: units, message: Self.message("Garbled paragraph", ps)))
            }
        }
        return out
    }

    /// The evidence the passage would have on its own signals (word order, repetition, loops, non-words,
    /// rarity), without what other findings already explain (the rules' findings and misspellings).
    static func ownEvidence(_ ps: PassageScore) -> Double {
        let z = log(max(ps.evidence, 1e-12) / max(1 - ps.evidence, 1e-12))
        let explained = ps.evidenceSignals.filter { $0.name == "findings" || $0.name == "typos" }.reduce(0) { $0 + $1.contribution }
        return 1 / (1 + exp(-(z - explained)))
    }

    static let descriptions: [String: String] = [
        "findings": "other findings",
        "non-words": "non-words",
        "typos": "misspellings",
        "repetition": "repeated words",
        "loops": "words going round in a loop",
        "odd-order": "unlikely word order",
        "surprisal": "unusual word sequence",
        "rarity": "rare words",
        "foreign": "words of another language",
        "unlisted-pairs": "word pairs English seldom uses",
    ]

    static func message(_ what: String, _ ps: PassageScore) -> String {
        var parts: [String] = []
        for s in ps.mainSignals.prefix(3) {
            var d = descriptions[s.name] ?? s.name
            if s.name == "odd-order", let e = ps.example { d += " (“\(e)”)" }
            parts.append(d)
        }
        return "\(what) (garble evidence \(String(format: "%.2f", ps.evidence)); chance of a major error \(String(format: "%.2f", ps.score)))" + (parts.isEmpty ? "." : ": " + parts.joined(separator: ", ") + ".")
    }
}

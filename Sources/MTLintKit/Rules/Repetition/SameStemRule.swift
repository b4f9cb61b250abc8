/// An adverb of manner right before the adjective or verb it was made from: "directly direct",
/// "really real", "finally final" — a figura etymologica that machine translation produces when it
/// renders a source construction twice.
public struct SameStemRule: Rule {
    public let info = RuleInfo(
        id: "same-stem-pair",
        category: .repetition,
        severity: .warning,
        summary: "An adverb followed by the word it was made from, as in “directly direct”.",
        triggers: [
            RuleExample("Moscow is ready to «directly direct» conversations with Kyiv.", suggestion: "direct"),
            RuleExample("This is a «really real» risk.", suggestion: "real"),
            RuleExample("They reached a «finally final» deal.", suggestion: "final"),
            RuleExample("It was a «simply simple» plan.", suggestion: "simple"),
        ],
        quiet: [
            "It was a lovely love story.",
            "She bought a weekly week planner.",
            "They spoke directly to the press.",
            "He will likely like the plan.",
            "It is an early ear infection.",
        ])

    let data: RepetitionData

    public init(data: RepetitionData) { self.data = data }

    /// Adverbs in -ly that English forms from `base`.
    static func adverbs(of base: String) -> [String] {
        var out = [base + "ly"]
        if base.hasSuffix("le") { out.append(String(base.dropLast()) + "y") }
        if base.hasSuffix("y") { out.append(String(base.dropLast()) + "ily") }
        if base.hasSuffix("ic") { out.append(base + "ally") }
        if base.hasSuffix("ll") { out.append(base + "y") }
        if base.hasSuffix("ue") { out.append(String(base.dropLast()) + "ly") }
        return out
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for s in doc.sentences {
            var i = s.tokens.lowerBound
            while i + 1 < s.tokens.upperBound {
                defer { i += 1 }
                let a = doc.keys[i], b = doc.keys[i + 1]
                guard a.hasSuffix("ly"), a.utf8.count >= 6, b.utf8.count >= 4,
                      doc.tokens[i].kind == .word, doc.tokens[i + 1].kind == .word,
                      doc.tokens[i + 1].flags.contains(.spaceBefore),
                      !data.lyAdjectives.contains(a), Self.adverbs(of: b).contains(a) else { continue }
                findings.append(Finding(
                    ruleID: info.id,
                    units: doc.units(from: i, through: i + 1),
                    message: "“\(doc.text(i))” and “\(doc.text(i + 1))” repeat the same stem.",
                    replacements: [.deleting([Int(doc.tokens[i].start)..<Int(doc.tokens[i + 1].start)])]))
                i += 1
            }
        }
    }
}

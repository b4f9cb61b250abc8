/// A phrase of two to eight tokens repeated at once, possibly across a quotation mark or bracket:
/// "ready for “ready for", "in the in the". The fix keeps one copy.
public struct RepeatedPhraseRule: Rule {
    public let info = RuleInfo(
        id: "repeated-phrase",
        category: .repetition,
        severity: .warning,
        summary: "A phrase repeated immediately, often across a quotation mark.",
        triggers: [
            RuleExample("The officials were «ready for “ready for» serious work,” the ministry said.", suggestion: "“ready for"),
            RuleExample("The talks took place «in the in the» palace.", suggestion: "in the"),
            RuleExample("She said «peace talks peace talks» would resume.", suggestion: "peace talks"),
        ],
        quiet: [
            "The fighting went on and on and on.",
            "Prices rose more and more and more.",
            "New York, New York is a famous song.",
            "He said the talks were ready for “serious work”.",
            "Step by step, they made progress.",
        ])

    /// Connectives of legitimate alternations ("on and on and on", "little by little by little").
    static let alternations: Set<String> = ["and", "or", "by", "to", "after", "upon", "nor"]

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for s in doc.sentences {
            var i = s.tokens.lowerBound
            let end = s.tokens.upperBound
            while i < end {
                if let match = repetition(doc, at: i, end: end) {
                    let (n, second) = match
                    let last = second + n - 1
                    let firstSeparator = i + n < second ? i + n : second
                    findings.append(Finding(
                        ruleID: info.id,
                        units: doc.units(from: i, through: last),
                        message: "Repeated phrase “\(doc.phrase(i, i + n - 1))”.",
                        replacements: [.deleting([Int(doc.tokens[i].start)..<Int(doc.tokens[firstSeparator].start)])]))
                    i = last + 1
                } else {
                    i += 1
                }
            }
        }
    }

    /// (phrase length, index of the copy) when the phrase at i repeats right away.
    private func repetition(_ doc: Document, at i: Int, end: Int) -> (Int, Int)? {
        guard doc.tokens[i].kind == .word, !doc.tokens[i].flags.contains(.url) else { return nil }
        let maxN = min(8, (end - i) / 2)
        guard maxN >= 2 else { return nil }
        for n in 2...maxN {
            let last = i + n - 1
            guard doc.tokens[last].kind == .word else { continue }
            var second = i + n
            while second < end && doc.isQuoteOrBracket(second) { second += 1 }
            guard second + n <= end else { break }
            // The copy starts a new word: after white space or a separator.
            guard second > i + n || doc.tokens[second].flags.contains(.spaceBefore) else { continue }
            var same = true
            for k in 0..<n where doc.keys[i + k] != doc.keys[second + k] { same = false; break }
            guard same else { continue }
            // Inside each copy, tokens keep the same spacing (no glued/unglued differences).
            var allEqual = true
            for k in 1..<n where doc.keys[i + k] != doc.keys[i] { allEqual = false }
            if allEqual { return nil } // a run of one word: the repeated-word rule's business
            if n == 2 && Self.alternations.contains(doc.keys[i + 1]) { return nil }
            if n == 2 && Self.alternations.contains(doc.keys[i]) { return nil }
            return (n, second)
        }
        return nil
    }
}

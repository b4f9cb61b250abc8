/// A hyphenated compound of a word with itself: "Ukraine-Ukraine talks" (usually a lost first member,
/// as in "Russia-Ukraine"). Quiet on reduplications that are words ("bye-bye", "so-so", "Baden-Baden").
public struct SelfCompoundRule: Rule {
    public let info = RuleInfo(
        id: "self-compound",
        category: .repetition,
        severity: .warning,
        summary: "A word hyphenated with itself, as in “Ukraine-Ukraine talks”.",
        triggers: [
            RuleExample("The «Ukraine-Ukraine» talks resumed on Friday.", suggestion: "Ukraine"),
            RuleExample("A «peace-peace» deal is not in sight.", suggestion: "peace"),
        ],
        quiet: [
            "He waved bye-bye to the crowd.",
            "The results were so-so at best.",
            "They met in Baden-Baden last year.",
            "The Russia-Ukraine talks resumed.",
            "It was a win-win deal.",
        ])

    let data: RepetitionData

    public init(data: RepetitionData) { self.data = data }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for p in doc.paragraphs {
            var i = p.tokens.lowerBound
            while i + 2 < p.tokens.upperBound {
                defer { i += 1 }
                guard doc.tokens[i].kind == .word, doc.isHyphen(i + 1), doc.tokens[i + 2].kind == .word,
                      !doc.tokens[i + 1].flags.contains(.spaceBefore), !doc.tokens[i + 2].flags.contains(.spaceBefore),
                      !doc.tokens[i].flags.contains(.url),
                      doc.keys[i] == doc.keys[i + 2], doc.tokens[i].length >= 3 else { continue }
                let compound = doc.keys[i] + "-" + doc.keys[i + 2]
                guard !data.reduplications.contains(compound), !data.names.contains(doc.keys[i] + " " + doc.keys[i]) else { continue }
                // Part of a longer chain ("ha-ha-ha") is a reduplication too.
                if i + 4 < p.tokens.upperBound, doc.isHyphen(i + 3), doc.keys[i + 4] == doc.keys[i] { i += 4; continue }
                findings.append(Finding(
                    ruleID: info.id,
                    units: doc.units(from: i, through: i + 2),
                    message: "“\(doc.phrase(i, i + 2))” joins a word to itself; a member of the compound may be missing.",
                    replacements: [.deleting([Int(doc.tokens[i].end)..<Int(doc.tokens[i + 2].end)])]))
                i += 2
            }
        }
    }
}

/// The same noun on both sides of "of (the)": "Palace of the Palace", a machine-translation echo of a
/// head noun. Quiet on idioms such as "the best of the best" and "King of Kings".
public struct RepeatedAroundPrepositionRule: Rule {
    public let info = RuleInfo(
        id: "noun-of-same-noun",
        category: .repetition,
        severity: .warning,
        summary: "The same noun on both sides of “of (the)”, as in “Palace of the Palace”.",
        triggers: [
            RuleExample("They met at the Dolmabahçe «Palace of the Palace» of Istanbul.", suggestion: "Palace"),
            RuleExample("The «report of the report» was published on Monday.", suggestion: "report"),
            RuleExample("The «Ministry of Ministry» said so.", suggestion: "Ministry"),
        ],
        quiet: [
            "They hired the best of the best.",
            "He is the King of Kings in the song.",
            "Only the rest of the rest remained.",
            "The Palace of Westminster is closed.",
            "It was the end of the end for them.",
        ])

    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "these", "those"]
    static let functionWords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "it",
        "this", "that", "one", "some", "any", "all", "none", "each", "out", "up", "i", "you", "he", "she",
        "we", "they", "which", "who", "what",
    ]

    let data: RepetitionData

    public init(data: RepetitionData) { self.data = data }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for s in doc.sentences {
            let end = s.tokens.upperBound
            var i = s.tokens.lowerBound
            while i + 2 < end {
                defer { i += 1 }
                let head = doc.keys[i]
                guard doc.tokens[i].kind == .word, doc.tokens[i].length >= 3, !doc.tokens[i].flags.contains(.url),
                      !Self.functionWords.contains(head), !data.xOfX.contains(head),
                      doc.keys[i + 1] == "of" else { continue }
                var k = i + 2
                if Self.determiners.contains(doc.keys[k]) { k += 1 }
                guard k < end, doc.tokens[k].kind == .word, doc.keys[k] == head,
                      doc.tokens[k].flags.contains(.spaceBefore) else { continue }
                findings.append(Finding(
                    ruleID: info.id,
                    units: doc.units(from: i, through: k),
                    message: "“\(doc.text(i))” is repeated around “\(doc.phrase(i + 1, k - 1))”.",
                    replacements: [.deleting([Int(doc.tokens[i].end)..<Int(doc.tokens[k].end)])]))
                i = k
            }
        }
    }
}

/// Doubled words and runs of the same word: "Planning Planning", "final final final final",
/// "Kyiv, Kyiv, Kyiv, Kyiv". Quiet on "had had", "that that", "very, very", "no, no", doubled names such as
/// "Walla Walla" or "Sirhan Sirhan", numbers ("10 10" in tables), and runs of three separated by commas
/// ("ding, ding, ding": a sound or a chant written on purpose).
public struct RepeatedWordRule: Rule {
    public let info = RuleInfo(
        id: "repeated-word",
        category: .repetition,
        severity: .warning,
        summary: "The same word twice or more in a row, a typical machine-translation stutter.",
        triggers: [
            RuleExample("The Director for «Planning Planning» Michael Anton attended.", suggestion: "Planning"),
            RuleExample("It was made to end the «final final final final» end.", suggestion: "final"),
            RuleExample("The talks were «Kyiv, Kyiv, Kyiv, Kyiv» in the square.", suggestion: "Kyiv"),
            RuleExample("He said that «the the» talks failed.", suggestion: "the"),
            RuleExample("«The the» talks failed.", suggestion: "The"),
        ],
        quiet: [
            "By then he had had enough of the talks.",
            "He said that that was the end of it.",
            "It was a very, very long meeting.",
            "No, no, that is not what I said.",
            "The convoy left Walla Walla at noon.",
            "Sirhan Sirhan was denied parole.",
            "Scores: 10 10 9 8",
            "He waved and said bye bye.",
            "Ha ha ha, he laughed.",
            "It sounds like, ding, ding, ding.",
            "They chanted Kyiv, Kyiv, Kyiv in the square.",
            "He was the \"zoom zoom\" kid of the commercials.",
        ],
        fixIsSafe: true)

    let data: RepetitionData
    let words: Lazy<WordList?>

    public init(data: RepetitionData, words: Lazy<WordList?>) {
        self.data = data
        self.words = words
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for p in doc.paragraphs {
            var t = p.tokens.lowerBound
            while t < p.tokens.upperBound {
                let next = scan(doc, from: t, end: p.tokens.upperBound, findings: &findings)
                t = max(next, t + 1)
            }
        }
    }

    /// Looks for a run starting at token t; returns where to continue.
    private func scan(_ doc: Document, from t: Int, end: Int, findings: inout [Finding]) -> Int {
        let tok = doc.tokens[t]
        guard tok.kind == .word, !tok.flags.contains(.url) else { return t + 1 }
        let key = doc.keys[t]
        // A run separated by spaces only.
        var last = t
        var count = 1
        var j = t + 1
        while j < end, doc.tokens[j].kind == .word, doc.tokens[j].flags.contains(.spaceBefore), doc.keys[j] == key {
            last = j; count += 1; j += 1
        }
        var commas = false
        if count == 1 {
            // A run separated by commas: "Kyiv, Kyiv, Kyiv".
            var k = t
            while k + 2 < end, doc.keys[k + 1] == ",", doc.tokens[k + 2].kind == .word, doc.keys[k + 2] == key {
                k += 2; count += 1
            }
            // Three in a row with commas is usually written on purpose (a sound, a chant); four is a loop.
            if count >= 4 { last = k; commas = true } else { return t + 1 }
        }
        if allowed(doc, first: t, last: last, count: count, commas: commas) { return last + 1 }
        let word = doc.text(t)
        let message = count == 2
            ? "Doubled word “\(word)”."
            : "“\(word)” repeated \(count) times."
        findings.append(Finding(
            ruleID: info.id,
            units: doc.units(from: t, through: last),
            message: message,
            replacements: [.deleting([Int(tok.end)..<Int(doc.tokens[last].end)])],
            severity: count >= 3 && !commas ? .error : nil))
        return last + 1
    }

    private func allowed(_ doc: Document, first: Int, last: Int, count: Int, commas: Bool) -> Bool {
        let key = doc.keys[first]
        if data.emphaticWords.contains(key) { return true }
        // A quoted doubling is a mention or a catchphrase (the "zoom zoom" kid), not a stutter.
        if first > 0, last + 1 < doc.tokens.count, doc.isQuoteOrBracket(first - 1), doc.isQuoteOrBracket(last + 1),
           !doc.tokens[first].flags.contains(.spaceBefore), !doc.tokens[last + 1].flags.contains(.spaceBefore) {
            return true
        }
        if count == 2 {
            if commas || data.doubledWords.contains(key) { return true }
            if data.names.contains(key + " " + key) { return true }
        }
        // A doubled capitalised word that is no ordinary English word is most likely a name
        // ("Sirhan Sirhan"); an ordinary word ("Planning Planning") is a stutter.
        if count == 2 && doc.tokens[first].flags.contains(.capitalized) && doc.tokens[last].flags.contains(.capitalized) {
            if let list = words.get, list.commonWordLevel(key) == nil { return true }
        }
        // Single letters in lists and initials ("A A Milne" aside) are rarely stutters worth flagging.
        if doc.tokens[first].length == 1 && doc.tokens[first].flags.contains(.capitalized) { return true }
        return false
    }
}

/// No space after a sentence end or a comma: "the talks ended.Next day", "Moscow,Kyiv", "Why?Because".
/// Not abbreviations ("U.S.", "e.g.", "Ph.D"), decimals and thousands ("3.5", "1,000"), domains and file
/// names ("Node.js", "example.com", "ASP.NET"), URLs and e-mail addresses.
public struct MissingSpaceRule: Rule {
    public let info = RuleInfo(
        id: "missing-space-after-punctuation",
        category: .typography,
        severity: .warning,
        summary: "A missing space after a full stop, comma, semicolon, question or exclamation mark (“ended.Next”, “Moscow,Kyiv”).",
        triggers: [
            RuleExample("The talks «ended.Next» day they resumed.", suggestion: "ended. Next"),
            RuleExample("Delegations from «Moscow,Kyiv» and Ankara met.", suggestion: "Moscow, Kyiv"),
            RuleExample("He asked «why?Because» it matters.", suggestion: "why? Because"),
            RuleExample("They met «twice;both» times failed.", suggestion: "twice; both"),
            RuleExample("He said \"it is over«.\"Then» he left.", suggestion: ".\" Then"),
            RuleExample("It began «2022,the» year of war.", suggestion: "2022, the"),
        ],
        quiet: [
            "The U.S. and the U.K., e.g. in 3.5 cases, sent 1,000 troops.",
            "See Node.js, example.com, ASP.NET and St. Petersburg.",
            "Write to press@mid.ru or visit https://mid.ru/ru/Press.Release now.",
            "He holds a Ph.D. and met Yahoo! News staff.",
            "The ratio was 1,5 in Europe.",
        ],
        fixIsSafe: true)

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    /// Both sides of "ended.Next" are English words (so "asyncio.Future" or "typing.List"-style names,
    /// which are rarely both, stay quiet): the left one in lower case, the right one in any case.
    private func bothWords(_ left: String, _ right: String) -> Bool {
        guard left.count >= 3, let list = words.get else { return false }
        if let l = list.commonWordLevel(left.lowercased()), l <= WordList.Level.large { return true }
        if let r = list.commonWordLevel(right.lowercased()), r <= WordList.Level.common { return true }
        return Self.starters.contains(right)
    }

    /// Words that often open a sentence: after one of them, "Knowsley.The" is a missing space even when the
    /// word before is a name.
    static let starters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And", "This",
        "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "After", "Before", "When", "While",
        "However", "According", "Last", "First", "Mr", "Ms", "Mrs", "Dr", "There", "Some", "Many", "Other", "As",
        "For", "If", "Meanwhile", "Earlier", "Later", "Also", "Both", "One", "Two", "No", "Yet", "So",
    ]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let u = doc.prose.units
        for p in doc.paragraphs {
            var t = p.tokens.lowerBound
            while t < p.tokens.upperBound {
                defer { t += 1 }
                let tok = doc.tokens[t]
                guard !tok.flags.contains(.url) else { continue }
                // ICU keeps "ended.Next" as one word.
                if tok.kind == .word {
                    let a = Int(tok.start), b = Int(tok.end)
                    var k = a + 2
                    while k < b - 1 {
                        if u[k] == 0x2E, lowerLetters(u, a, k) >= 2, isTitleStart(u, k + 1, b), u[a..<k].firstIndex(of: 0x2E) == nil,
                           bothWords(trailingLetters(u, a, k), doc.text(units: (k + 1)..<b)) {
                            let fixed = doc.text(units: a..<(k + 1)) + " " + doc.text(units: (k + 1)..<b)
                            findings.append(Finding(ruleID: info.id, units: a..<b,
                                                    message: "No space after the full stop in “\(doc.text(units: a..<b))”.",
                                                    replacements: [.text(fixed)]))
                            break
                        }
                        k += 1
                    }
                    continue
                }
                // word , ; ? ! word with no space on either side.
                guard tok.kind == .punctuation, tok.length == 1, t > p.tokens.lowerBound, t + 1 < p.tokens.upperBound,
                      !tok.flags.contains(.spaceBefore), !doc.tokens[t + 1].flags.contains(.spaceBefore) else { continue }
                let left = doc.tokens[t - 1], right = doc.tokens[t + 1]
                let c = u[Int(tok.start)]
                // 'said."Next': a sentence mark, a closing quote and a capital without a space.
                if (c == 0x22 || c == 0x201D), left.kind == .punctuation, [0x2E, 0x3F, 0x21].contains(u[Int(left.start)]),
                   right.kind == .word, isTitleStart(u, Int(right.start), Int(right.end)), t >= 2, doc.tokens[t - 2].kind == .word,
                   !right.flags.contains(.url), Self.opensBefore(u, max(p.units.lowerBound, Int(tok.start) - 2000), Int(tok.start)) {
                    let span = Int(left.start)..<Int(right.end)
                    findings.append(Finding(ruleID: info.id, units: span,
                                            message: "No space after the closing quotation mark in “\(doc.text(units: span))”.",
                                            replacements: [.text(doc.text(units: Int(left.start)..<Int(tok.end)) + " " + doc.text(units: Int(right.start)..<Int(right.end)))]))
                    continue
                }
                // "in 2022,the": a number, a comma and a word.
                let numberComma = c == 0x2C && left.kind == .number && right.kind == .word && right.length >= 2
                    && Chars.isLower(UInt32(u[Int(right.start)]))
                guard (left.kind == .word || numberComma), right.kind == .word, !left.flags.contains(.url), !right.flags.contains(.url) else { continue }
                let ok: Bool
                switch c {
                case 0x2C where numberComma:
                    ok = true
                case 0x2C, 0x3B:
                    ok = left.length >= 2 && right.length >= 2 && Chars.isLetter(UInt32(u[Int(left.end) - 1]))
                        && Chars.isLetter(UInt32(u[Int(right.start)]))
                case 0x3F, 0x21:
                    ok = lowerLetters(u, Int(left.start), Int(left.end)) >= 2 && isTitleStart(u, Int(right.start), Int(right.end))
                        || (lowerLetters(u, Int(left.start), Int(left.end)) >= 2 && right.length >= 2 && Chars.isLower(UInt32(u[Int(right.start)])) && c == 0x3F)
                default: ok = false
                }
                guard ok else { continue }
                // A chunk of such words without spaces is a list in code or a handle: leave it.
                if t + 3 < p.tokens.upperBound, !doc.tokens[t + 2].flags.contains(.spaceBefore), doc.tokens[t + 2].kind == .punctuation,
                   u[Int(doc.tokens[t + 2].start)] == c, !doc.tokens[t + 3].flags.contains(.spaceBefore), doc.tokens[t + 3].kind == .word { continue }
                let span = Int(left.start)..<Int(right.end)
                let fixed = doc.text(units: Int(left.start)..<Int(tok.end)) + " " + doc.text(units: Int(right.start)..<Int(right.end))
                findings.append(Finding(ruleID: info.id, units: span,
                                        message: "No space after “\(Chars.string([UInt32(c)]))” in “\(doc.text(units: span))”.",
                                        replacements: [.text(fixed)]))
            }
        }
    }

    /// Whether a quotation is open before `i` (the mark at `i` closes it).
    static func opensBefore(_ u: [UInt16], _ lo: Int, _ i: Int) -> Bool {
        if u[i] == 0x201D { return true }
        var n = 0
        for k in lo..<i where u[k] == 0x22 { n += 1 }
        return n % 2 == 1
    }

    /// Number of lower-case letters ending `u[a..<k]`: all of it letters, or letters after digits
    /// ("£39million").
    private func lowerLetters(_ u: [UInt16], _ a: Int, _ k: Int) -> Int {
        var n = 0
        var i = k - 1
        while i >= a {
            let c = UInt32(u[i])
            if Chars.isDigit(c) {
                // Digits then at least three letters: a number with its unit.
                for j in a..<i where !Chars.isDigit(UInt32(u[j])) && u[j] != 0x2C { return 0 }
                return n >= 3 ? n : 0
            }
            guard Chars.isLetter(c) else { return 0 }
            if Chars.isLower(c) { n += 1 }
            i -= 1
        }
        return Chars.isLower(UInt32(u[k - 1])) ? n : 0
    }

    /// The letters ending `u[a..<k]`.
    private func trailingLetters(_ u: [UInt16], _ a: Int, _ k: Int) -> String {
        var i = k
        while i > a && Chars.isLetter(UInt32(u[i - 1])) { i -= 1 }
        return String(decoding: u[i..<k], as: UTF16.self)
    }

    /// A capital followed by a lower-case letter, then letters only: "Next", "Kyiv".
    private func isTitleStart(_ u: [UInt16], _ i: Int, _ b: Int) -> Bool {
        guard i + 1 < b, Chars.isUpper(UInt32(u[i])), Chars.isLower(UInt32(u[i + 1])) else { return false }
        for k in i..<b where !Chars.isLetter(UInt32(u[k])) && u[k] != 0x27 && u[k] != 0x2019 { return false }
        return true
    }
}

/// Doubled and unbalanced quotation marks: two apostrophes standing for a double quotation mark and
/// closed by one ("''not serious'"), and doubled double quotes left by CSV escaping (`""peace""`). The
/// suggestion is a proper pair in the document's style (“…” when it writes curly quotes), then the other
/// style. Inch marks (5'') and apostrophes inside words are left alone.
public struct QuoteDamageRule: Rule {
    public let info = RuleInfo(
        id: "quote-damage",
        category: .typography,
        severity: .warning,
        summary: "Doubled or unbalanced quotation marks (“''not serious'”, “\"\"peace\"\"”), with a proper pair suggested.",
        triggers: [
            RuleExample("Moscow was «''not serious'» about ending the war.", suggestion: "“not serious”"),
            RuleExample("He called the offer «''absurd''».", suggestion: "\"absurd\""),
            RuleExample("He called it «\"\"historic\"» at once.", suggestion: "\"historic\""),
            RuleExample("He called it \"historic«\"\"» at once.", suggestion: "\""),
            RuleExample("He said it was «‘‘decorative’» on Thursday.", suggestion: "“decorative”"),
        ],
        quiet: [
            "Moscow was “not serious” about ending the war.",
            "He said 'not serious' and left; the players' union agreed.",
            "A 5'' screen and a 6' wall.",
            "An empty string \"\" in code.",
            "Putin won'’t attend.",
            "``Talks will resume,'' he said, quoting `code'.",
        ],
        fixIsSafe: false)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let u = doc.prose.units
        var curly: Bool?
        func style() -> Bool {
            if curly == nil { curly = Chars.prefersCurly(doc) }
            return curly!
        }
        for p in doc.paragraphs {
            let lo = p.units.lowerBound, hi = p.units.upperBound
            func at(_ k: Int) -> UInt32? { k >= lo && k < hi ? UInt32(u[k]) : nil }
            var i = lo
            var texOpen = false
            while i < hi {
                let c = UInt32(u[i])
                let single = Chars.isApostropheLike(c), double = Chars.isDoubleQuote(c) && c != 0xAB && c != 0xBB
                guard single || double else { i += 1; continue }
                var e = i + 1
                while e < hi && (single ? Chars.isApostropheLike(UInt32(u[e])) : Chars.isDoubleQuote(UInt32(u[e]))) { e += 1 }
                let prev = at(i - 1), next = at(e)
                guard e - i == 2 else { i = e; continue }
                // TeX quotes (``…'') and code (`'…'`) are conventions, not damage.
                if u[i] == 0x60 || u[i + 1] == 0x60 { texOpen = u[i] == 0x60 && u[i + 1] == 0x60; i = e; continue }
                if texOpen && u[i] == 0x27 && u[i + 1] == 0x27 { texOpen = false; i = e; continue }
                let prevLetter = prev.map { Chars.isLetter($0) || Chars.isDigit($0) } ?? false
                let nextLetter = next.map { Chars.isLetter($0) || Chars.isDigit($0) } ?? false
                if prevLetter && nextLetter { i = e; continue }              // inside a word: apostrophe-damage
                if let prev, Chars.isDigit(prev) { i = e; continue }          // 5'' (inches)
                let opening = (prev == nil || Chars.isSpace(prev!) || prev == 0x28 || prev == 0x5B || prev == 0x2014 || prev == 0x2013) && nextLetter
                let closing = prevLetter || (prev.map { [0x2E, 0x2C, 0x21, 0x3F].contains($0) } ?? false)
                let closingOK = next == nil || Chars.isSpace(next!) || Chars.isWordEndPunctuation(next!)
                guard opening || (closing && closingOK) else { i = e; continue }
                let (o, cl) = style() ? ("“", "”") : ("\"", "\"")
                let (o2, cl2) = style() ? ("\"", "\"") : ("“", "”")
                if opening, let (cs, ce) = closer(u, from: e, lo: lo, hi: hi) {
                    let inner = doc.text(units: e..<cs)
                    findings.append(Finding(
                        ruleID: info.id, units: i..<ce,
                        message: "“\(doc.text(units: i..<e))” opens this quotation as two \(single ? "apostrophes" : "quotation marks") and “\(doc.text(units: cs..<ce))” closes it; use a pair of double quotation marks.",
                        replacements: [.text(o + inner + cl), .text(o2 + inner + cl2)]))
                    i = ce
                    continue
                }
                findings.append(Finding(
                    ruleID: info.id, units: i..<e,
                    message: "Two \(single ? "apostrophes" : "quotation marks") “\(doc.text(units: i..<e))” stand for one \(opening ? "opening" : "closing") quotation mark.",
                    replacements: opening ? [.text(o), .text(o2)] : [.text(cl), .text(cl2)]))
                i = e
            }
        }
    }

    /// The mark closing a quotation opened before `from`: a single or doubled apostrophe or a double
    /// quotation mark after a word and before a space or punctuation.
    private func closer(_ u: [UInt16], from: Int, lo: Int, hi: Int) -> (Int, Int)? {
        var j = from
        while j < hi && j - from < 300 {
            let c = UInt32(u[j])
            if Chars.isApostropheLike(c) || Chars.isDoubleQuote(c) {
                var e = j + 1
                while e < hi && (Chars.isApostropheLike(UInt32(u[e])) || Chars.isDoubleQuote(UInt32(u[e]))) && e - j < 3 { e += 1 }
                let prev = UInt32(u[j - 1])
                let next: UInt32? = e < hi ? UInt32(u[e]) : nil
                let afterWord = Chars.isLetter(prev) || Chars.isDigit(prev) || [0x2E, 0x2C, 0x21, 0x3F].contains(prev)
                let beforeGap = next == nil || Chars.isSpace(next!) || Chars.isWordEndPunctuation(next!)
                if afterWord && beforeGap { return (j, e) }
                // Another opening mark first: this quotation is not closed.
                if Chars.isSpace(prev) && next.map({ Chars.isLetter($0) }) == true { return nil }
                j = e
                continue
            }
            j += 1
        }
        return nil
    }
}

/// Damaged apostrophes inside a word: doubled or mixed marks ("Won'’t", "don''t"), accents used as
/// apostrophes ("Russia´s", "Kyiv`s"), and a detokenizer's space before a clitic ("Moscow ’s",
/// "do n't"). The fix keeps one apostrophe in the document's style (’ when it writes curly quotes).
public struct ApostropheRule: Rule {
    public let info = RuleInfo(
        id: "apostrophe-damage",
        category: .typography,
        severity: .warning,
        summary: "Doubled or mixed apostrophes (“Won'’t”), accents used as apostrophes (“Russia´s”) and spaces before a clitic (“Moscow ’s”, “do n't”).",
        triggers: [
            RuleExample("Putin «Won'’t» Attend Istanbul Talks.", suggestion: "Won’t"),
            RuleExample("He «don''t» know.", suggestion: "don't"),
            RuleExample("«Russia´s» delegation arrived.", suggestion: "Russia's"),
            RuleExample("«Moscow ’s» demands were rejected, Kyiv’s were not.", suggestion: "Moscow’s"),
            RuleExample("They «do n't» agree.", suggestion: "don't"),
            RuleExample("«Moscow' s» demands were rejected.", suggestion: "Moscow's"),
        ],
        quiet: [
            "Putin won’t attend; Zelensky's team will.",
            "The players' union and the Smiths' house.",
            "He said 'so what' and left; 'tis the season.",
            "Hawaiʻi and the Ukrainian Zelens'kyi spelling.",
            "Rock 'n' roll and the '90s.",
        ],
        fixIsSafe: true)

    public init() {}

    static let clitics: Set<String> = ["s", "t", "re", "ve", "ll", "d", "m", "S", "T", "RE", "VE", "LL", "D", "M"]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        var curly: Bool?
        func mark() -> String {
            if curly == nil { curly = Chars.prefersCurly(doc) }
            return curly! ? "’" : "'"
        }
        for p in doc.paragraphs {
            let lo = p.units.lowerBound, hi = p.units.upperBound
            var i = lo
            while i < hi {
                let c = UInt32(units[i])
                guard Chars.isApostropheLike(c) else { i += 1; continue }
                var end = i + 1
                while end < hi && Chars.isApostropheLike(UInt32(units[end])) { end += 1 }
                defer { i = end }
                guard let (prev, _) = Chars.scalar(before: i, in: units, from: lo), Chars.isLetter(prev) else { continue }
                let next: UInt32? = end < hi ? Chars.scalar(units, end).0 : nil
                // The clitic after the marks ("t", "s", "re"…), if any.
                var e = end
                var tail = ""
                while e < hi, Chars.isLetter(UInt32(units[e])), e - end <= 2, let s = Unicode.Scalar(units[e]) { tail.unicodeScalars.append(s); e += 1 }
                let clitic = !tail.isEmpty && (e >= hi || !Chars.isLetter(UInt32(units[e]))) && Self.clitics.contains(tail)
                guard let next, Chars.isLetter(next) else { continue }
                let run = Array(units[i..<end]).map(UInt32.init)
                if end - i >= 2 {
                    // Doubled or mixed: keep ’ when present, else the document's style.
                    let keep = run.contains(0x2019) ? "’" : (run.allSatisfy { $0 == 0x27 } ? "'" : mark())
                    let a = wordStart(units, i, lo), b = wordEnd(units, end, hi)
                    let fixed = doc.text(units: a..<i) + keep + doc.text(units: end..<b)
                    findings.append(Finding(ruleID: info.id, units: a..<b,
                                            message: "“\(doc.text(units: a..<b))” has \(end - i) apostrophes in a row; write “\(fixed)”.",
                                            replacements: [.text(fixed)]))
                } else if (c == 0xB4 || c == 0x60) && clitic {
                    let a = wordStart(units, i, lo), b = wordEnd(units, end, hi)
                    let style = mark()
                    let fixed = doc.text(units: a..<i) + style + doc.text(units: end..<b)
                    let other = doc.text(units: a..<i) + (style == "’" ? "'" : "’") + doc.text(units: end..<b)
                    findings.append(Finding(ruleID: info.id, units: a..<b,
                                            message: "“\(Chars.string([c]))” is an accent, not an apostrophe; write “\(fixed)”.",
                                            replacements: [.text(fixed), .text(other)]))
                }
            }
            // A space after the apostrophe: "Moscow' s demands", "don’ t".
            var q = p.tokens.lowerBound
            while q + 2 < p.tokens.upperBound {
                defer { q += 1 }
                let a = doc.tokens[q], m = doc.tokens[q + 1], c = doc.tokens[q + 2]
                guard a.kind == .word, m.kind == .punctuation, !m.flags.contains(.spaceBefore), c.kind == .word,
                      c.flags.contains(.spaceBefore), units[Int(m.start)] == 0x27 || units[Int(m.start)] == 0x2019,
                      doc.keys[q + 2] == "s" || doc.keys[q + 2] == "t" && doc.keys[q].hasSuffix("n") || ["re", "ve", "ll"].contains(doc.keys[q + 2]) else { continue }
                let after = Int(c.end)
                if after < hi && (Chars.isLetter(UInt32(units[after])) || Chars.isApostropheLike(UInt32(units[after]))) { continue }
                let space = Int(m.end)..<Int(c.start)
                if SpacedHyphenRule.hasLineBreak(doc, space) || !Chars.plainGap(doc, from: space.lowerBound, to: space.upperBound) { continue }
                let span = Int(a.start)..<Int(c.end)
                findings.append(Finding(ruleID: info.id, units: span,
                                        message: "A space splits “\(doc.text(units: Int(a.start)..<space.lowerBound) + doc.text(units: space.upperBound..<span.upperBound))” after its apostrophe.",
                                        replacements: [.deleting([space])]))
                q += 2
            }
            // A space before a clitic: "Moscow ’s", "do n't".
            var t = p.tokens.lowerBound
            while t + 1 < p.tokens.upperBound {
                defer { t += 1 }
                let a = doc.tokens[t], b = doc.tokens[t + 1]
                guard a.kind == .word, b.flags.contains(.spaceBefore), !a.flags.contains(.url) else { continue }
                var clitic = false, apostropheAt = -1
                if b.kind == .punctuation, units[Int(b.start)] == 0x27 || units[Int(b.start)] == 0x2019,
                   t + 2 < p.tokens.upperBound, !doc.tokens[t + 2].flags.contains(.spaceBefore), doc.tokens[t + 2].kind == .word,
                   ["s", "re", "ve", "ll", "d", "m"].contains(doc.keys[t + 2])
                    || (doc.keys[t + 2] == "t" && doc.keys[t].hasSuffix("n")) {
                    // "’s" must not open a quotation: nothing may follow it but a space or punctuation.
                    let after = Int(doc.tokens[t + 2].end)
                    if after >= hi || !(Chars.isLetter(UInt32(units[after])) || Chars.isApostropheLike(UInt32(units[after])) || Chars.isDoubleQuote(UInt32(units[after]))) {
                        clitic = true; apostropheAt = t + 2
                    }
                } else if b.kind == .word, b.end - b.start == 3, ["n't", "n’t"].contains(doc.text(t + 1).lowercased()) {
                    clitic = true; apostropheAt = t + 1
                }
                guard clitic else { continue }
                // "Rock 'n' roll", "'s" as a quoted letter: the word before must be a real word.
                let space = Int(a.end)..<Int(b.start)
                if SpacedHyphenRule.hasLineBreak(doc, space) || !Chars.plainGap(doc, from: space.lowerBound, to: space.upperBound) { continue }
                let span = Int(a.start)..<Int(doc.tokens[apostropheAt].end)
                let fixed = doc.text(units: Int(a.start)..<Int(a.end)) + doc.text(units: Int(b.start)..<span.upperBound)
                findings.append(Finding(ruleID: info.id, units: span,
                                        message: "A space splits “\(fixed)” before its apostrophe.",
                                        replacements: [.deleting([space])]))
                t += 1
            }
        }
    }

    /// Start of the word holding unit `i` (letters, and apostrophes with a letter before them).
    private func wordStart(_ u: [UInt16], _ i: Int, _ lo: Int) -> Int {
        var a = i
        while a > lo, let (c, w) = Chars.scalar(before: a, in: u, from: lo) {
            if Chars.isLetter(c) { a -= w; continue }
            if Chars.isApostropheLike(c), let (d, _) = Chars.scalar(before: a - w, in: u, from: lo), Chars.isLetter(d) { a -= w; continue }
            break
        }
        return a
    }

    /// End of the word from unit `i` (letters, and apostrophes with a letter after them).
    private func wordEnd(_ u: [UInt16], _ i: Int, _ hi: Int) -> Int {
        var b = i
        while b < hi {
            let (c, w) = Chars.scalar(u, b)
            if Chars.isLetter(c) { b += w; continue }
            if Chars.isApostropheLike(c), b + w < hi, Chars.isLetter(Chars.scalar(u, b + w).0) { b += w; continue }
            break
        }
        return b
    }
}

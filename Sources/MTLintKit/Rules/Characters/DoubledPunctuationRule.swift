/// Doubled punctuation that is not an ellipsis: ",,", ";;", "::", two full stops ending a sentence
/// ("talks.. The"), a comma and a full stop together (",." or "word.,"). Three dots, abbreviations before a
/// comma ("U.S.," "etc.,"), paths and ranges ("1..10") and question/exclamation marks (a matter of
/// style in quotes) are left alone.
public struct DoubledPunctuationRule: Rule {
    public let info = RuleInfo(
        id: "doubled-punctuation",
        category: .typography,
        severity: .warning,
        summary: "Doubled punctuation that is not an ellipsis (“,,” “..” “,.”).",
        triggers: [
            RuleExample("The talks«,,» which began on Friday, ended.", suggestion: ","),
            RuleExample("The talks ended«..» The delegates left.", suggestion: "."),
            RuleExample("The talks ended«,.» The delegates left.", suggestion: "."),
            RuleExample("The talks were long«.,» tiring and useless.", suggestion: ","),
            RuleExample("He said«;;» nothing more.", suggestion: ";"),
            RuleExample("The talks failed«!!» Both sides left.", suggestion: "!"),
        ],
        quiet: [
            "The talks ended... The delegates left. Wait… and see.",
            "The U.S., the U.K., etc., and Inc., were named.",
            "Far less than that..about 1000 people; ranges 1..10 and ../path.",
            "“What?! Really?? No!!” he asked.",
        ],
        fixIsSafe: true)

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let u = doc.prose.units
        for p in doc.paragraphs {
            let lo = p.units.lowerBound, hi = p.units.upperBound
            var i = lo
            while i < hi {
                let c = u[i]
                if c == 0x21 || c == 0x3F {
                    // "!!" or "??" outside quotations: shouting that news copy does not use.
                    var e = i + 1
                    while e < hi && (u[e] == 0x21 || u[e] == 0x3F) { e += 1 }
                    defer { i = e }
                    if e - i == 2, u[i] == u[i + 1], i > lo, Chars.isLetter(Chars.scalar(before: i, in: u, from: lo)!.0),
                       !Self.inQuotation(u, max(lo, i - 2000), i) {
                        findings.append(Finding(ruleID: info.id, units: i..<e,
                                                message: "Doubled “\(Chars.string([UInt32(c)]))” outside a quotation; news copy uses one.",
                                                replacements: [.deleting([(i + 1)..<e])], severity: .info))
                    }
                    continue
                }
                guard c == 0x2C || c == 0x2E || c == 0x3B || c == 0x3A else { i += 1; continue }
                var e = i + 1
                while e < hi && (u[e] == 0x2C || u[e] == 0x2E || u[e] == 0x3B || u[e] == 0x3A) { e += 1 }
                defer { i = e }
                guard e - i == 2 else { continue }
                let a = u[i], b = u[i + 1]
                let prev: UInt32? = i > lo ? Chars.scalar(before: i, in: u, from: lo)!.0 : nil
                let next: UInt16? = e < hi ? u[e] : nil
                guard let prev, Chars.isLetter(prev) || Chars.isDigit(prev) || prev == 0x29 || prev == 0x22 || prev == 0x201D else { continue }
                if let t = Chars.token(at: i - 1, in: doc), doc.tokens[t].flags.contains(.url) { continue }
                let nextIsGap = next == nil || ProseBuffer.isSpace(next!) || next == 0x22 || next == 0x201D || next == 0x2019 || next == 0x29
                guard nextIsGap else { continue }
                // What comes after the gap: a capital or the end (a sentence ended).
                var k = e
                while k < hi && (ProseBuffer.isSpace(u[k]) || u[k] == 0x22 || u[k] == 0x201D || u[k] == 0x2019 || u[k] == 0x29) { k += 1 }
                let sentenceEnds = k >= hi || Chars.isUpper(Chars.scalar(u, k).0)
                var keep: UInt16?
                switch (a, b) {
                case (0x2C, 0x2C): keep = 0x2C
                case (0x3B, 0x3B): keep = 0x3B
                case (0x3A, 0x3A): keep = 0x3A
                case (0x2E, 0x2E):
                    // A doubled full stop at a sentence end; "U.S.." too (the abbreviation's stop ends it).
                    if sentenceEnds { keep = 0x2E }
                case (0x2C, 0x2E):
                    if sentenceEnds { keep = 0x2E }
                case (0x2E, 0x2C):
                    // "word.," after an ordinary word (not an abbreviation).
                    if let t = Chars.token(at: i - 1, in: doc), doc.tokens[t].kind == .word, doc.tokens[t].length >= 4,
                       !doc.tokens[t].flags.contains(.capitalized), !doc.text(t).contains("."),
                       let level = words.get?.commonWordLevel(doc.keys[t]), level <= WordList.Level.common,
                       !Self.abbreviations.contains(doc.keys[t]) {
                        keep = 0x2C
                    }
                default: break
                }
                guard let keep else { continue }
                let mark = Chars.string([UInt32(keep)])
                let dropped = keep == a ? (i + 1)..<(i + 2) : i..<(i + 1)
                findings.append(Finding(ruleID: info.id, units: i..<e,
                                        message: "Doubled punctuation “\(doc.text(units: i..<e))”; keep “\(mark)”.",
                                        replacements: [.deleting([dropped])]))
            }
        }
    }

    /// Whether position `i` lies inside a quotation opened earlier (looking back a bounded stretch).
    static func inQuotation(_ u: [UInt16], _ lo: Int, _ i: Int) -> Bool {
        var straight = false, curly = 0
        for k in lo..<i {
            switch u[k] {
            case 0x22: straight.toggle()
            case 0x201C: curly += 1
            case 0x201D: curly = max(0, curly - 1)
            default: break
            }
        }
        return straight || curly > 0
    }

    static let abbreviations: Set<String> = [
        "etc", "approx", "incl", "govt", "dept", "corp", "misc", "vol", "vols", "esp", "est", "fig", "figs", "jan",
        "feb", "aug", "sept", "oct", "nov", "dec", "mon", "tues", "wed", "thurs", "fri", "sat", "sun", "resp", "nos",
    ]
}

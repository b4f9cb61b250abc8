/// Quotation marks and apostrophes in the house style: with curly quotes, straight " and ' become “ ” ‘ ’
/// (the direction read from the neighbours); with straight quotes, curly ones become " and '. Off unless a
/// style is configured. Primes after digits (5'11", a 6' wall) and URLs are left alone.
public struct QuoteStyleRule: Rule {
    public let info = RuleInfo(
        id: "quote-style",
        category: .typography,
        severity: .warning,
        summary: "Quotation marks or apostrophes not in the configured house style (curly or straight); off unless `typography: quotes:` is set.",
        triggers: [
            RuleExample("He said «\"»talks will resume\" on Friday.", suggestion: "“"),
            RuleExample("He said \"talks will resume«\"» on Friday.", suggestion: "”"),
            RuleExample("Moscow«'»s delegation left.", suggestion: "’"),
            RuleExample("They called it «'»historic' at once.", suggestion: "‘"),
            RuleExample("The players«'» union agreed.", suggestion: "’"),
            RuleExample("Rock music of the «'»90s returned.", suggestion: "’"),
        ],
        quiet: [
            "He said “talks will resume” on Friday; Moscow’s delegation left.",
            "The 5'11\" guard stood by a 6' wall.",
            "Visit https://example.com/it's-here for more.",
            "They called it ‘historic’ at once.",
        ],
        fixIsSafe: false)   // the direction of a straight mark is read from context, so a person confirms it

    let style: HouseTypography.Quotes?

    public init(style: HouseTypography.Quotes?) { self.style = style }

    static let elisions: Set<String> = ["em", "til", "tis", "twas", "n"]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard let style else { return }
        let u = doc.prose.units
        for p in doc.paragraphs {
            for t in p.tokens {
                let tok = doc.tokens[t]
                guard !tok.flags.contains(.url) else { continue }
                for i in Int(tok.start)..<Int(tok.end) {
                    let c = u[i]
                    switch style {
                    case .straight:
                        let plain: String
                        switch c {
                        case 0x201C, 0x201D: plain = "\""
                        case 0x2018, 0x2019: plain = "'"
                        default: continue
                        }
                        findings.append(Finding(ruleID: info.id, units: i..<(i + 1),
                                                message: "The house style uses straight quotes: write \(plain).",
                                                replacements: [.text(plain)]))
                    case .curly:
                        guard c == 0x22 || c == 0x27 else { continue }
                        let before = Chars.scalar(before: i, in: u, from: p.units.lowerBound)?.0
                        let after: UInt32? = i + 1 < p.units.upperBound ? Chars.scalar(u, i + 1).0 : nil
                        // Inches and feet: a prime, not a quotation mark.
                        if let before, Chars.isDigit(before) { continue }
                        let opening = before.map { Chars.isSpace($0) || [0x28, 0x5B, 0x7B, 0x2014, 0x2013, 0x201C, 0x2018, 0x22, 0x27].contains($0) } ?? true
                        let curly: String
                        if c == 0x22 {
                            curly = opening ? "“" : "”"
                        } else if opening, let after, Chars.isLetter(after) || Chars.isDigit(after), !elides(u, i + 1, p.units.upperBound) {
                            curly = "‘"
                        } else {
                            curly = "’"   // apostrophes, elisions ('90s) and closing single quotes
                        }
                        findings.append(Finding(ruleID: info.id, units: i..<(i + 1),
                                                message: "The house style uses curly quotes: write \(curly).",
                                                replacements: [.text(curly)]))
                    }
                }
            }
        }
    }

    /// Whether an apostrophe at the start of a word elides letters: "'90s", "'em", "'til".
    private func elides(_ u: [UInt16], _ from: Int, _ end: Int) -> Bool {
        var k = from
        var word = ""
        while k < end, let s = Unicode.Scalar(u[k]), Chars.isLetter(s.value) || Chars.isDigit(s.value) {
            word.unicodeScalars.append(s)
            k += 1
        }
        if let f = word.unicodeScalars.first, Chars.isDigit(f.value) { return true }
        return Self.elisions.contains(word.lowercased())
    }
}

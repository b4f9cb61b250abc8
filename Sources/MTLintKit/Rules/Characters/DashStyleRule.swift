import Foundation

/// Parenthetical dashes in the house style: " - ", "--", "—" and a spaced "–" between words become the
/// configured form (em dash unspaced, or spaced em or en dash). Off unless a style is configured. Ranges
/// and minus signs between digits, unspaced en dashes ("Paris–Berlin"), list bullets, command-line options
/// and anything across a line break are left alone.
public struct DashStyleRule: Rule {
    public let info = RuleInfo(
        id: "dash-style",
        category: .typography,
        severity: .warning,
        summary: "Dashes not in the configured house style (em, spaced em or spaced en); off unless `typography: dashes:` is set.",
        triggers: [
            RuleExample("The talks«—»held in Istanbul — ended early.", suggestion: " — "),
            RuleExample("The talks« - »held in Istanbul, ended early.", suggestion: " — "),
            RuleExample("The talks« -- »held in Istanbul, ended early.", suggestion: " — "),
            RuleExample("The talks« – »held in Istanbul, ended early.", suggestion: " — "),
            RuleExample("The talks«--»held in Istanbul, ended early.", suggestion: " — "),
        ],
        quiet: [
            "The talks — held in Istanbul — ended early.",
            "The 1990–1995 period and the Paris–Berlin route; 5 - 3 was the score.",
            "Use the option --force to skip.",
            "A well-known pre-war plan.",
        ],
        fixIsSafe: true)   // only the dash character and its spacing change

    let style: HouseTypography.Dashes?

    public init(style: HouseTypography.Dashes?) { self.style = style }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard let style else { return }
        let u = doc.prose.units
        let house = style.form
        for p in doc.paragraphs {
            var i = p.units.lowerBound
            while i < p.units.upperBound {
                let c = u[i]
                guard c == 0x2D || c == 0x2014 || c == 0x2013 else { i += 1; continue }
                var end = i + 1
                if c == 0x2D && end < p.units.upperBound && u[end] == 0x2D { end += 1 }
                defer { i = end }
                let double = end - i == 2
                // Anything else than a lone hyphen pair or dash (a run of hyphens is a rule, not a dash).
                if end < p.units.upperBound && (u[end] == 0x2D || u[end] == 0x2014) { continue }
                let spacedBefore = i > p.units.lowerBound && Chars.isSpace(UInt32(u[i - 1]))
                let spacedAfter = end < p.units.upperBound && Chars.isSpace(UInt32(u[end]))
                let lo = spacedBefore ? i - 1 : i, hi = spacedAfter ? end + 1 : end
                // Words on both sides, within the paragraph and the same line.
                guard lo > p.units.lowerBound, hi < p.units.upperBound else { continue }
                let before = Chars.scalar(before: lo, in: u, from: p.units.lowerBound)?.0 ?? 0x20
                let after = Chars.scalar(u, hi).0
                if Chars.isSpace(before) || Chars.isSpace(after) { continue }
                if SpacedHyphenRule.hasLineBreak(doc, lo..<hi) { continue }
                if Chars.isDigit(before) && Chars.isDigit(after) { continue }
                switch (c, double) {
                case (0x2D, false), (0x2013, _):
                    // A hyphen or en dash is a dash only with spaces on both sides.
                    guard spacedBefore && spacedAfter else { continue }
                case (0x2D, true):
                    // "--force": an option, not a dash.
                    guard spacedBefore == spacedAfter else { continue }
                default:
                    break
                }
                let current = doc.text(units: lo..<hi)
                guard current != house else { continue }
                findings.append(Finding(ruleID: info.id, units: lo..<hi,
                                        message: "The house style writes this dash as “\(house.trimmingCharacters(in: .whitespaces))”"
                                            + (house.hasPrefix(" ") ? " with spaces." : " without spaces."),
                                        replacements: [.text(house)]))
            }
        }
    }
}

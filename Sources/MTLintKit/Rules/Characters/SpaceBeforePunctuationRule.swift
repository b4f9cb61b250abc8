/// A space before a comma, full stop, semicolon, colon, question or exclamation mark ("Istanbul , where",
/// "said :", the French spacing "really ?") — a detokenization or translation artifact. Not an ellipsis
/// ("wait ..."), a decimal (".5"), a domain (".com"), a ratio or score ("3 : 1") or an emoticon.
public struct SpaceBeforePunctuationRule: Rule {
    public let info = RuleInfo(
        id: "space-before-punctuation",
        category: .typography,
        severity: .warning,
        summary: "A space before a comma, full stop, colon, semicolon, question or exclamation mark (“Istanbul , where”, “Friday ,and”).",
        triggers: [
            RuleExample("They met in «Istanbul ,» where talks began.", suggestion: "Istanbul,"),
            RuleExample("The talks ended «early .»", suggestion: "early."),
            RuleExample("He asked: is it «serious ?»", suggestion: "serious?"),
            RuleExample("The minister «said :» no.", suggestion: "said:"),
            RuleExample("It was «cold\u{A0};» they left.", suggestion: "cold;"),
            RuleExample("The envoy arrived on «Friday ,and» talks began.", suggestion: "Friday, and"),
        ],
        quiet: [
            "They met in Istanbul, where talks began.",
            "Wait ... and see . . . later.",
            "The rate fell to .5 percent during the .com boom and the .NET era.",
            "Ukraine won 3 : 1 in Kyiv.",
            "He smiled :) and left ;-)",
        ],
        fixIsSafe: true)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let u = doc.prose.units
        for p in doc.paragraphs {
            var t = p.tokens.lowerBound + 1
            while t < p.tokens.upperBound {
                defer { t += 1 }
                let tok = doc.tokens[t]
                guard tok.kind == .punctuation, tok.flags.contains(.spaceBefore), tok.length == 1 else { continue }
                let c = u[Int(tok.start)]
                guard [0x2C, 0x2E, 0x3B, 0x3A, 0x3F, 0x21].contains(c) else { continue }
                let prev = doc.tokens[t - 1]
                guard prev.kind == .word || prev.kind == .number, !prev.flags.contains(.url) else { continue }
                let after = Int(tok.end)
                let next: UInt16? = after < p.units.upperBound ? u[after] : nil
                // "Friday ,and": the space went to the wrong side of a comma or semicolon.
                if let next, c == 0x2C || c == 0x3B, Chars.isLetter(UInt32(next)), t + 1 < p.tokens.upperBound,
                   doc.tokens[t + 1].kind == .word, !doc.tokens[t + 1].flags.contains(.url), prev.kind == .word || prev.kind == .number {
                    let gap = Int(prev.end)..<Int(tok.start)
                    if SpacedHyphenRule.hasLineBreak(doc, gap) || !Chars.plainGap(doc, from: gap.lowerBound, to: gap.upperBound) { continue }
                    let span = Int(prev.start)..<Int(doc.tokens[t + 1].end)
                    let fixed = doc.text(units: Int(prev.start)..<Int(prev.end)) + Chars.string([UInt32(c)]) + " "
                        + doc.text(units: Int(doc.tokens[t + 1].start)..<span.upperBound)
                    findings.append(Finding(ruleID: info.id, units: span,
                                            message: "The space is on the wrong side of “\(Chars.string([UInt32(c)]))”; write “\(fixed)”.",
                                            replacements: [.text(fixed)]))
                    continue
                }
                // Followed by a space, the end, or a closing mark (and, for ? and !, more of them).
                if let next {
                    let closing = next == 0x22 || next == 0x201D || next == 0x2019 || next == 0xBB
                        || (next == 0x29 && c != 0x3A && c != 0x3B)
                    let repeatMark = (c == 0x3F || c == 0x21) && (next == 0x3F || next == 0x21)
                    guard ProseBuffer.isSpace(next) || closing || repeatMark else { continue }
                }
                // Ellipses: " ..." and ". . ."
                if c == 0x2E {
                    if let next, next == 0x2E { continue }
                    if after + 1 < p.units.upperBound, u[after] == 0x20, u[after + 1] == 0x2E { continue }
                }
                // A cited mark ("With . as argument", "a ? with an empty query"): a sentence mark followed by a
                // lower-case word is not a sentence end.
                if c == 0x2E || c == 0x3F || c == 0x21 {
                    var k = after
                    while k < p.units.upperBound && ProseBuffer.isSpace(u[k]) { k += 1 }
                    if k < p.units.upperBound && k > after, Chars.isLower(Chars.scalar(u, k).0) { continue }
                }
                // A score or ratio: "3 : 1".
                if c == 0x3A, prev.kind == .number, t + 1 < p.tokens.upperBound, doc.tokens[t + 1].kind == .number { continue }
                let gap = Int(prev.end)..<Int(tok.start)
                if SpacedHyphenRule.hasLineBreak(doc, gap) || !Chars.plainGap(doc, from: gap.lowerBound, to: gap.upperBound) { continue }
                let span = Int(prev.start)..<Int(tok.end)
                let fixed = doc.text(units: Int(prev.start)..<gap.lowerBound) + doc.text(units: gap.upperBound..<span.upperBound)
                findings.append(Finding(ruleID: info.id, units: span,
                                        message: "A space before “\(Chars.string([UInt32(c)]))”; write “\(fixed)”.",
                                        replacements: [.deleting([gap])]))
            }
        }
    }
}

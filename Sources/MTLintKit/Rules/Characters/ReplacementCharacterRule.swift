/// U+FFFD REPLACEMENT CHARACTER (and U+FFFC OBJECT REPLACEMENT CHARACTER): a decoder met bytes it could
/// not read and the original character is lost. Between a word and an English clitic ("don�t",
/// "Zelensky�s") it was almost always an apostrophe, which is suggested; elsewhere only the original
/// can tell.
public struct ReplacementCharacterRule: Rule {
    public let info = RuleInfo(
        id: "replacement-character",
        category: .encoding,
        severity: .error,
        summary: "Replacement characters (U+FFFD “�”): text lost to a decoding error; an apostrophe is suggested where one was lost.",
        triggers: [
            RuleExample("Zelensky«\u{FFFD}»s office declined to comment.", suggestion: "’"),
            RuleExample("The talks were held in «\u{FFFD}\u{FFFD}»stanbul.", suggestion: nil),
            RuleExample("The image «\u{FFFC}» shows the palace.", suggestion: nil),
        ],
        quiet: [
            "The talks were held in İstanbul on Friday.",
            "Zelensky’s office declined to comment.",
        ],
        fixIsSafe: false)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        var curly: Bool?
        for p in doc.paragraphs {
            var i = p.units.lowerBound
            while i < p.units.upperBound {
                let u = units[i]
                guard u == 0xFFFD || u == 0xFFFC else { i += 1; continue }
                var end = i + 1
                while end < p.units.upperBound && units[end] == u { end += 1 }
                defer { i = end }
                // "â€�": part of a mojibake sequence, reported by `mojibake`.
                if u == 0xFFFD && i - 2 >= p.units.lowerBound && units[i - 2] == 0xE2 && units[i - 1] == 0x20AC { continue }
                if u == 0xFFFD && end - i == 1 && i - 1 >= p.units.lowerBound && units[i - 1] >= 0xC2 && units[i - 1] <= 0xDF && units[i - 1] != 0xD7,
                   (i - 2 >= p.units.lowerBound && Chars.isLetter(UInt32(units[i - 2]))) || (end < p.units.upperBound && Chars.isLetter(UInt32(units[end]))) {
                    continue
                }
                if u == 0xFFFC {
                    findings.append(Finding(ruleID: info.id, units: i..<end,
                                            message: "Object replacement character (U+FFFC): an embedded image or object was lost in conversion; delete it or restore the object.",
                                            replacements: [.text("")]))
                    continue
                }
                var replacements: [Replacement] = []
                var guess = ""
                if end - i == 1, isClitic(units, before: i, after: end, lower: p.units.lowerBound, upper: p.units.upperBound) {
                    if curly == nil { curly = Chars.prefersCurly(doc) }
                    let mark = curly! ? "’" : "'"
                    replacements = [.text(mark), .text(mark == "’" ? "'" : "’")]
                    guess = " It stands between a word and an English ending, so it was most likely an apostrophe."
                }
                findings.append(Finding(ruleID: info.id, units: i..<end,
                                        message: "Replacement character “�”\(end - i > 1 ? " ×\(end - i)" : ""): the original text was lost to a decoding error.\(guess)",
                                        replacements: replacements))
            }
        }
    }

    /// "don�t", "Zelensky�s", "we�re", "I�ll", "they�ve", "he�d", "I�m".
    private func isClitic(_ u: [UInt16], before i: Int, after end: Int, lower: Int, upper: Int) -> Bool {
        guard i > lower, let (prev, _) = Optional(Chars.scalar(u, i - 1)), Chars.isLetter(prev) else { return false }
        var e = end
        var tail = ""
        while e < upper, e - end < 3, let s = Unicode.Scalar(u[e]), Chars.isLetter(UInt32(u[e])) {
            tail.unicodeScalars.append(s)
            e += 1
        }
        if e < upper && Chars.isLetter(UInt32(u[e])) { return false }
        return ["s", "t", "re", "ve", "ll", "d", "m", "S", "T", "RE", "VE", "LL", "D", "M"].contains(tail)
    }
}

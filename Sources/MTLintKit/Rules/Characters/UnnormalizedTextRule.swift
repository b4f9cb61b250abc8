/// Text not in Unicode Normalization Form C: a letter and a combining accent ("Dolmabahc\u{327}e") where
/// a precomposed letter exists ("Dolmabahçe"). It looks the same but defeats search, matching and
/// counting; the fix is the NFC form of the word, which is canonically equivalent.
public struct UnnormalizedTextRule: Rule {
    public let info = RuleInfo(
        id: "unnormalized-text",
        category: .encoding,
        severity: .warning,
        summary: "Words not in Unicode NFC (a letter plus a combining accent instead of the precomposed letter); the NFC form is suggested.",
        triggers: [
            RuleExample("The talks were held at the «Dolmabahc\u{327}e» Palace.", suggestion: "Dolmabah\u{E7}e"),
            RuleExample("President «Erdog\u{306}an» arrived.", suggestion: "Erdo\u{11F}an"),
            RuleExample("A «cafe\u{301}» near the palace.", suggestion: "caf\u{E9}"),
            RuleExample("The «\u{212B}ngstr\u{F6}m» unit.", suggestion: "\u{C5}ngstr\u{F6}m"),
        ],
        quiet: [
            "The talks were held at the Dolmabahçe Palace.",
            "President Erdoğan arrived in Zürich.",
            "The Vietnamese name Nguyễn and the Hindi word नमस्ते are normalized.",
        ],
        fixIsSafe: true)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        units.withUnsafeBufferPointer { all in
            for p in doc.paragraphs where Chars.hasNonASCII(units, p.units) {
                var start = p.units.lowerBound
                while start < p.units.upperBound {
                    let span = ICU.nfcQuickSpan(UnsafeBufferPointer(rebasing: all[start..<p.units.upperBound]))
                    if start + span >= p.units.upperBound { break }
                    let bad = start + span
                    // The word around the first character that may not be NFC.
                    var a = bad, b = bad + 1
                    if let t = Chars.token(at: bad, in: doc) ?? (bad > 0 ? Chars.token(at: bad - 1, in: doc) : nil) {
                        a = min(a, Int(doc.tokens[t].start)); b = max(b, Int(doc.tokens[t].end))
                    }
                    while a > p.units.lowerBound && !ProseBuffer.isSpace(units[a - 1]) && Self.isMarkOrLetter(units[a - 1]) && a > bad - 40 { a -= 1 }
                    while b < p.units.upperBound && !ProseBuffer.isSpace(units[b]) && Self.isMarkOrLetter(units[b]) && b < bad + 40 { b += 1 }
                    // A mark on a symbol or a digit: start at its base, so the quoted word reads whole.
                    while a > p.units.lowerBound && Self.isMark(units[a]) { a -= 1 }
                    if a > p.units.lowerBound && UTF16.isTrailSurrogate(units[a]) { a -= 1 }
                    let original = Array(all[a..<b])
                    let nfc = ICU.nfcUnits(UnsafeBufferPointer(rebasing: all[a..<b]))
                    if nfc != original {
                        let fixed = String(decoding: nfc, as: UTF16.self)
                        // Most non-NFC text is a letter plus an accent; the rest is a character with a
                        // canonical equivalent (U+2000 EN QUAD is U+2002 EN SPACE, U+212B ANGSTROM SIGN is Å).
                        let combining = original.contains { Self.isMark($0) }
                        let message = combining
                            ? "“\(fixed)” is written with combining characters (not in Unicode NFC); it looks right but defeats search and matching. Use the precomposed form."
                            : "“\(fixed)” contains a character that Unicode normalization (NFC) replaces with its standard equivalent; it looks right but defeats search and matching. Use the standard form."
                        findings.append(Finding(ruleID: info.id, units: a..<b, message: message, replacements: [.text(fixed)]))
                    }
                    start = max(b, bad + 1)
                }
            }
        }
    }

    static func isMark(_ u: UInt16) -> Bool {
        guard u >= 0x300, let s = Unicode.Scalar(u) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always)
    static func isMarkOrLetter(_ u: UInt16) -> Bool {
        if u < 0x80 { return (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) }
        if u >= 0xD800 && u <= 0xDFFF { return true }
        guard let s = Unicode.Scalar(u) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return s.properties.isAlphabetic
        }
    }
}

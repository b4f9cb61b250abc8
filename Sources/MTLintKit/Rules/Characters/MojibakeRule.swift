/// Mojibake: UTF-8 bytes decoded as a single-byte code page — Windows-1252 or Latin-1 (once or twice
/// over), Mac OS Roman, Windows-1251 — leave typical sequences ("â€™" for ’, "Ã©" for é, "Ã¢â‚¬â„¢" for
/// ’ after two rounds). Each sequence is repaired exactly by reversing the code page and decoding UTF-8,
/// as ftfy does; legitimate accented text ("Dolmabahçe", "São Paulo", "CAFÉ…") is left alone because
/// it never forms valid UTF-8 byte sequences whose decoding is plausible text.
/// Also: C1 control characters standing for Windows-1252 punctuation ("don\u{92}t"), and damaged
/// sequences whose last byte was lost ("â€" before a space, "Â" before a space).
public struct MojibakeRule: Rule {
    public let info = RuleInfo(
        id: "mojibake",
        category: .encoding,
        severity: .error,
        summary: "Mojibake: UTF-8 text read as Windows-1252, Latin-1, Mac Roman or Windows-1251 (“â€™” for ’, “Ã©” for é), repaired by re-encoding.",
        triggers: [
            RuleExample("Zelensky didn«â€™»t attend the talks.", suggestion: "’"),
            RuleExample("They met in a caf«Ã©» near the palace.", suggestion: "é"),
            RuleExample("Zelensky didn«Ã¢â‚¬â„¢»t attend the talks.", suggestion: "’"),
            RuleExample("He called it «â€œ»historicâ€\u{9D}.", suggestion: "“"),
            RuleExample("He called it â€œhistoric«â€\u{9D}».", suggestion: "”"),
            RuleExample("Zelensky didn«â\u{80}\u{99}»t attend.", suggestion: "’"),
            RuleExample("Zelensky didn«‚Äô»t attend the talks.", suggestion: "’"),
            RuleExample("President Recep Tayyip Erdo«ÄŸ»an arrived.", suggestion: "ğ"),
            RuleExample("The Verkhovna «Ð\u{A0}Ð°Ð´Ð°» voted.", suggestion: "Рада"),
            RuleExample("The price rose to «Â£»5 a litre.", suggestion: "£"),
            RuleExample("Zelensky didn«\u{92}»t attend.", suggestion: "’"),
            RuleExample("Talks lasted two hours«Â» and ended.", suggestion: ""),
            RuleExample("He said «â€» we will see.", suggestion: nil),
            RuleExample("The striker «Ã\u{FFFD}»lvaro scored.", suggestion: nil),
        ],
        quiet: [
            "The talks were held at the Dolmabahçe Palace in Istanbul.",
            "President Erdoğan met delegates from São Paulo and Zürich.",
            "A naïve café owner measured it in ångströms; the Øresund bridge is near Malmö.",
            "THE CAFÉ… AND JOSÉ’S BAR",
            "Johann Strauß’s waltz",
            "Ça va, said the Ålesund mayor, quoting “Le Monde”.",
            "IRMÃ” was the headline, and ROMÂNIA’S team won.",
            "Prices are quoted in € and £ — 5×3 m² rooms, 20°C, ½ price, © 2025, ™ and ® marks.",
        ],
        fixIsSafe: true)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        for p in doc.paragraphs where Chars.hasNonASCII(units, p.units) {
            let (cps, at) = Chars.scalars(units, p.units)
            scan(cps, at, &findings)
        }
    }

    // MARK: code pages

    enum Codec { case cp1252, macRoman, cp1251 }

    /// Windows-1252 0x80–0x9F (undefined bytes read as their C1 controls, as "sloppy" decoders do).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static let macRoman: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]

    static let cp1251: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ] + (0x0410...0x044F).map { UInt32($0) }

    static let byteOf1252: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for b in 0x80...0xFF { m[UInt32(b)] = UInt8(b) }   // Latin-1, including the C1 controls
        for (k, c) in cp1252High.enumerated() { m[c] = UInt8(0x80 + k) }
        return m
    }()

    static let byteOfMacRoman: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for (k, c) in macRoman.enumerated() { m[c] = UInt8(0x80 + k) }
        return m
    }()

    static let byteOf1251: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for (k, c) in cp1251.enumerated() { m[c] = UInt8(0x80 + k) }
        return m
    }()

    @inline(__always)
    static func byte(_ c: UInt32, _ codec: Codec) -> UInt8? {
        if c < 0x80 { return UInt8(c) }
        switch codec {
        case .cp1252: return byteOf1252[c]
        case .macRoman: return byteOfMacRoman[c]
        case .cp1251: return byteOf1251[c]
        }
    }

    /// Lead characters accepted for the rarer code pages, whose repertoire overlaps ordinary text more:
    /// Mac Roman ¬ √ ƒ ≈ ‚ (bytes C2–C5, E2) and Windows-1251 в (E2, general punctuation).
    static func leadAllowed(_ c: UInt32, _ codec: Codec) -> Bool {
        switch codec {
        case .cp1252: return true
        case .macRoman: return c == 0xAC || c == 0x221A || c == 0x192 || c == 0x2248 || c == 0x201A
        case .cp1251: return c == 0x432
        }
    }

    /// A valid UTF-8 sequence spelled by the characters at `i` in `codec`: its end and code point.
    static func sequence(_ cps: [UInt32], _ i: Int, _ codec: Codec, lead: Bool = true) -> (end: Int, cp: UInt32)? {
        guard i < cps.count, let b0 = byte(cps[i], codec), b0 >= 0xC2, b0 <= 0xF4 else { return nil }
        if lead && !leadAllowed(cps[i], codec) { return nil }
        let need = b0 < 0xE0 ? 1 : (b0 < 0xF0 ? 2 : 3)
        var cp = UInt32(b0) & (need == 1 ? 0x1F : (need == 2 ? 0x0F : 0x07))
        for k in 1...need {
            guard i + k < cps.count, let b = byte(cps[i + k], codec), b >= 0x80, b <= 0xBF else { return nil }
            if k == 1 {
                if b0 == 0xE0 && b < 0xA0 { return nil }       // overlong
                if b0 == 0xED && b > 0x9F { return nil }       // surrogates
                if b0 == 0xF0 && b < 0x90 { return nil }       // overlong
                if b0 == 0xF4 && b > 0x8F { return nil }       // beyond U+10FFFF
            }
            cp = (cp << 6) | (UInt32(b) & 0x3F)
        }
        return (i + need + 1, cp)
    }

    /// Decodes a whole string of mojibake one more round (Windows-1252), or nil when it is not entirely
    /// made of valid sequences.
    static func decodeAll(_ cps: [UInt32]) -> [UInt32]? {
        var out: [UInt32] = []
        var i = 0
        while i < cps.count {
            guard let (e, cp) = sequence(cps, i, .cp1252) else { return nil }
            out.append(cp)
            i = e
        }
        return out.isEmpty ? nil : out
    }

    /// Whether a decoded code point is text someone would have written.
    static func plausible(_ cp: UInt32, after prev: UInt32?) -> Bool {
        if cp < 0xA0 { return false }                                    // C1 controls (and overlongs)
        if cp >= 0x0700 && cp < 0x0900 { return false }                  // Syriac, Thaana, NKo, Samaritan, Mandaic…
        if cp >= 0xD800 && cp < 0xE000 { return false }
        if cp >= 0xE000 && cp < 0xF900 { return false }                  // private use
        if cp >= 0xFDD0 && cp <= 0xFDEF { return false }
        if cp & 0xFFFE == 0xFFFE { return false }
        if cp >= 0xF0000 { return false }
        // Latin Extended-B, IPA and spacing modifiers: only the letters real names use (Vietnamese ơ ư,
        // pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Romanian ș ț, Azerbaijani ə, ʻokina, ʼ).
        if cp >= 0x0180 && cp < 0x0300 {
            switch cp {
            case 0x018F, 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x01CD...0x01DC, 0x0218...0x021B, 0x0259, 0x02BB, 0x02BC: break
            default: return false
            }
        }
        guard let s = Unicode.Scalar(cp) else { return false }
        switch s.properties.generalCategory {
        case .unassigned, .control, .surrogate, .privateUse: return false
        case .nonspacingMark, .spacingMark, .enclosingMark:
            guard let prev, Chars.isLetter(prev) else { return false }
            // Latin combining accents after any letter; other scripts' marks only after their letters.
            return (cp >= 0x0300 && cp < 0x0370) || prev >= 0x0370
        default: return true
        }
    }

    /// Characters that legitimately follow a word: an upper-case accented letter ending a word in
    /// capitals ("JOSÉ’S", "IRMÃ”") reads as a two-byte lead plus such a character.
    static func trailing(_ c: UInt32) -> Bool {
        switch c {
        case 0x2019, 0x2018, 0x201D, 0x201C, 0x2026, 0x2013, 0x2014, 0x2022, 0xBB, 0xAB, 0xB7, 0xB4, 0xA8, 0xB8,
             0xA0, 0xB0, 0xAA, 0xBA, 0xB9, 0xB2, 0xB3, 0x2122, 0xAE, 0xA9, 0x203A, 0x2039:
            return true
        default: return false
        }
    }

    static func codecName(_ codec: Codec, latin1: Bool) -> String {
        switch codec {
        case .cp1252: return latin1 ? "Latin-1 (ISO 8859-1)" : "Windows-1252"
        case .macRoman: return "Mac OS Roman"
        case .cp1251: return "Windows-1251"
        }
    }

    /// How a repaired text is shown in a message: invisible characters by their code.
    static func shown(_ cps: [UInt32]) -> String {
        if cps.count == 1, cps[0] == 0xA0 { return "a no-break space (U+00A0)" }
        let invisible = cps.contains { c in
            guard let s = Unicode.Scalar(c) else { return true }
            return s.properties.generalCategory == .format || s.properties.generalCategory == .spaceSeparator
        }
        if invisible { return cps.map(Chars.codeName).joined(separator: " ") }
        return "“" + Chars.string(cps) + "”"
    }

    // MARK: scanning

    private func scan(_ cps: [UInt32], _ at: [Int], _ findings: inout [Finding]) {
        let n = cps.count
        var i = 0
        while i < n {
            let c = cps[i]
            if c < 0x80 { i += 1; continue }
            if let (end, repaired, rounds, codec, latin1) = group(cps, i) {
                let original = Chars.string(cps[i..<end])
                let how = rounds > 1 ? "read as \(Self.codecName(codec, latin1: latin1)) \(rounds == 2 ? "twice" : "\(rounds) times") over"
                    : "read as \(Self.codecName(codec, latin1: latin1))"
                findings.append(Finding(
                    ruleID: info.id, units: at[i]..<at[end],
                    message: "Mojibake: “\(original)” is \(Self.shown(repaired)) whose UTF-8 bytes were \(how); re-encoding and decoding as UTF-8 restores it.",
                    replacements: [.text(Chars.string(repaired))]))
                i = end
                continue
            }
            // A C1 control standing for Windows-1252 punctuation: Windows-1252 text read as Latin-1.
            if c >= 0x80 && c <= 0x9F {
                let mapped = Self.cp1252High[Int(c - 0x80)]
                if mapped != c {
                    findings.append(Finding(
                        ruleID: info.id, units: at[i]..<at[i + 1],
                        message: "Mojibake: the control character \(Chars.codeName(c)) is “\(Chars.string([mapped]))” in Windows-1252; the text was read as Latin-1.",
                        replacements: [.text(Chars.string([mapped]))]))
                }
                i += 1
                continue
            }
            if let (end, message, fix) = lossy(cps, i) {
                findings.append(Finding(ruleID: info.id, units: at[i]..<at[end], message: message,
                                        replacements: fix.map { [.text($0)] } ?? []))
                i = end
                continue
            }
            i += 1
        }
    }

    /// A run of adjacent mojibake sequences starting at `i`, fully repaired.
    private func group(_ cps: [UInt32], _ i: Int)
        -> (end: Int, repaired: [UInt32], rounds: Int, codec: Codec, latin1: Bool)? {
        for codec in [Codec.cp1252, .macRoman, .cp1251] {
            guard let first = Self.sequence(cps, i, codec) else { continue }
            var end = first.end
            var decoded = [first.cp]
            var count = 1
            // At most a long word's worth per finding: a failed group is retried from the next character.
            while count < 48, let next = Self.sequence(cps, end, codec, lead: codec == .cp1252) {
                decoded.append(next.cp)
                end = next.end
                count += 1
            }
            // Legitimate text: an accented capital ending a word in capitals, followed by a closing mark
            // ("JOSÉ’S", "IRMÃ”"), or ß/à… ending a lower-case word before a quote.
            if count == 1, Chars.isLetter(cps[i]), i > 0, Chars.isLetter(cps[i - 1]),
               Chars.isUpper(cps[i]) == Chars.isUpper(cps[i - 1]),
               (i + 1..<end).allSatisfy({ Self.trailing(cps[$0]) }),
               end >= cps.count || !Chars.isLetter(cps[end]) {
                continue
            }
            // Further rounds (Windows-1252 applied twice or three times).
            var rounds = 1
            var result = decoded
            while rounds < 3, let again = Self.decodeAll(result), Self.allPlausible(again, after: i > 0 ? cps[i - 1] : nil) {
                result = again
                rounds += 1
            }
            guard Self.allPlausible(result, after: i > 0 ? cps[i - 1] : nil) else { continue }
            // One decoded letter of another script between Latin letters is a coincidence, not mojibake.
            if count == 1, rounds == 1, Chars.isLetter(result[0]), !Self.isLatin(result[0]),
               (i > 0 && Self.isLatinLetter(cps[i - 1])) || (end < cps.count && Self.isLatinLetter(cps[end])) {
                continue
            }
            let latin1 = codec == .cp1252 && cps[i..<end].contains { $0 >= 0x80 && $0 <= 0x9F }
            return (end, result, rounds, codec, latin1)
        }
        return nil
    }

    static func isLatin(_ c: UInt32) -> Bool {
        c < 0x250 || (c >= 0x1E00 && c < 0x1F00) || (c >= 0x2C60 && c < 0x2C80) || (c >= 0xA720 && c < 0xA800)
    }

    static func isLatinLetter(_ c: UInt32) -> Bool { isLatin(c) && Chars.isLetter(c) }

    static func allPlausible(_ cps: [UInt32], after first: UInt32?) -> Bool {
        var prev = first
        for c in cps {
            if !plausible(c, after: prev) { return false }
            prev = c
        }
        return true
    }

    /// Damaged sequences whose last byte was lost or replaced.
    private func lossy(_ cps: [UInt32], _ i: Int) -> (end: Int, message: String, fix: String?)? {
        let n = cps.count
        let c = cps[i]
        let next: UInt32? = i + 1 < n ? cps[i + 1] : nil
        // "â€" (E2 80) and a character that cannot continue it: a punctuation mark (’ “ ” – — …) whose
        // third byte was lost — most often ”, whose byte 9D Windows-1252 does not define.
        if c == 0xE2, next == 0x20AC, i + 2 >= n || Self.byte(cps[i + 2], .cp1252).map({ $0 < 0x80 || $0 > 0xBF }) ?? true {
            var end = i + 2
            if end < n && cps[end] == 0xFFFD { end += 1 }
            return (end, "Mojibake: “\(Chars.string(cps[i..<end]))” is the start of a UTF-8 punctuation mark (’ “ ” – — …) read as Windows-1252 whose last byte was lost — most often ”. Check the original.", nil)
        }
        // A two-byte lead (Ã, Å, Ä, Ð, Ñ, Î, Ï…) then U+FFFD: a letter whose second byte Windows-1252 does not
        // define (Á Í Ï Ð Ý, с, ѐ…) was replaced in decoding.
        if c >= 0xC2 && c <= 0xDF && c != 0xD7, next == 0xFFFD, i > 0, Chars.isLetter(cps[i - 1]) || (i + 2 < n && Chars.isLetter(cps[i + 2])) {
            return (i + 2, "Mojibake: “\(Chars.string(cps[i..<(i + 2)]))” is a UTF-8 letter read as Windows-1252 whose second byte was lost; check the original spelling.", nil)
        }
        // "Â" then a space: a no-break space (C2 A0) read as Windows-1252, the no-break space then turned
        // into a plain space. Â never stands alone in English copy.
        if c == 0xC2, let next, next == 0x20 || next == 0x09,
           i == 0 || !(Chars.isLetter(cps[i - 1]) && Chars.isUpper(cps[i - 1])) {
            return (i + 1, "Mojibake: “Â” before a space is what is left of a no-break space (UTF-8 C2 A0) read as Windows-1252; delete it.", "")
        }
        // "Ã" then a space after a lower-case letter: "à" (C3 A0) whose no-break space became a space.
        if c == 0xC3, next == 0x20, i > 0, Chars.isLower(cps[i - 1]) {
            let end = (i + 2 < n && cps[i + 2] == 0x20) ? i + 2 : i + 1
            return (end, "Mojibake: “Ã” before a space is probably “à” (UTF-8 C3 A0) read as Windows-1252, its no-break space turned into a space.", "à")
        }
        return nil
    }
}

/// Untranslated text in another script inside English prose — Cyrillic, Han, Arabic, Greek, Hebrew… —
/// found with ICU's script property of each letter and reported with the script and, where its letters
/// tell, the language. Not errors: a form in parentheses ("Kyiv (Київ)"), a short quoted or italic title
/// («Правда»), a form followed by its English gloss in parentheses, single Greek letters used as symbols
/// (α, β, Δ) and words mixing scripts (reported by `mixed-script-word`).
public struct ForeignScriptRule: Rule {
    public let info = RuleInfo(
        id: "foreign-script",
        category: .script,
        severity: .warning,
        summary: "Untranslated text in another script (Cyrillic, Han, Arabic, Greek, Hebrew…) inside English prose.",
        triggers: [
            RuleExample("Zelensky said that «переговори тривають» and left the room.", suggestion: nil),
            RuleExample("The ministry said «会谈将继续» on Friday.", suggestion: nil),
            RuleExample("He told reporters: «المحادثات مستمرة».", suggestion: nil),
            RuleExample("The statement ended with «Мы готовы к переговорам».", suggestion: nil),
            RuleExample("Officials in Athens said «οι συνομιλίες συνεχίζονται» today.", suggestion: nil),
        ],
        quiet: [
            "The talks were held in Kyiv (Київ) on Friday.",
            "The newspaper “Правда” reported it.",
            "Its paper “Коммерсантъ” first reported the story.",
            "The party Слуга народу (Servant of the People) won.",
            "The α and β variants, and the Δ value, were measured.",
            "An image of 東 (east) was shown.",
        ])

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        for p in doc.paragraphs where Chars.hasNonASCII(units, p.units) {
            let (cps, at) = Chars.scalars(units, p.units)
            var i = 0
            while i < cps.count {
                let c = cps[i]
                guard c >= 0x370, Chars.isLetter(c), let group = Self.group(c) else { i += 1; continue }
                // Extend the run over letters of the same group and the spaces, marks, digits and
                // punctuation between them.
                var end = i + 1, lastLetter = i, letters = 1, words = 1
                var k = i + 1
                var sawGap = false
                while k < cps.count {
                    let d = cps[k]
                    if Chars.isLetter(d) {
                        if d < 0x370 || Self.group(d) != group {
                            if Self.isMark(d) { k += 1; continue }
                            break
                        }
                        if sawGap { words += 1; sawGap = false }
                        letters += 1; lastLetter = k; k += 1
                        continue
                    }
                    if Self.isMark(d) { k += 1; continue }
                    if Chars.isSpace(d) { sawGap = true }
                    // Sentence punctuation and quotes may sit inside a run; a run stops at a Latin letter.
                    k += 1
                    if k - lastLetter > 4 { break }
                }
                end = lastLetter + 1
                while end < cps.count && Self.isMark(cps[end]) { end += 1 }
                defer { i = max(end, i + 1) }
                if group == Self.greek && letters < 3 { continue }
                if letters < 2 { continue }
                // Part of a word that also holds Latin letters: a mixed-script word.
                if (i > 0 && Self.isLatinLetter(cps[i - 1])) || (end < cps.count && Self.isLatinLetter(cps[end])) { continue }
                // One word of Latin look-alikes ("рау"): reported by `mixed-script-word` when it spells English.
                if words == 1, MixedScriptWordRule.latinSpelling(Array(cps[i..<end])) != nil { continue }
                if Self.inParentheses(cps, i, end) { continue }
                if Self.glossFollows(cps, end) { continue }
                if words <= 4 && (Self.quoted(cps, i, end) || Self.italic(doc, at[i], at[end])) { continue }
                let text = Chars.string(cps[i..<end])
                let script = group == Self.han ? "Chinese-Japanese (Han)" : ICU.scriptLongName(ICU.scriptCode(c))
                var label = script + " text"
                switch Self.language(cps[i..<end], group: group) {
                case "Japanese"?: label = "Japanese text"
                case "Chinese"?: label = "Chinese text"
                case "Greek"?, nil: break
                case let l?: label = "\(script) text (probably \(l))"
                }
                findings.append(Finding(
                    ruleID: info.id, units: at[i]..<at[end],
                    message: "Untranslated \(label): “\(text)”. Translate it, or mark it as a deliberate quotation.",
                    replacements: []))
            }
        }
    }

    static let greek = 1, cyrillic = 2, han = 3, arabic = 4, hebrew = 5, hangul = 6, other = 9

    /// Script group of a letter; Han and kana are one group (Japanese mixes them), nil for Latin.
    static func group(_ c: UInt32) -> Int? {
        switch c {
        case 0x0370..<0x0400, 0x1F00..<0x2000: return greek
        case 0x0400..<0x0530, 0x1C80..<0x1C90, 0x2DE0..<0x2E00, 0xA640..<0xA6A0: return cyrillic
        case 0x0590..<0x0600, 0xFB1D..<0xFB50: return hebrew
        case 0x0600..<0x0700, 0x0750..<0x0780, 0x08A0..<0x0900, 0xFB50..<0xFE00, 0xFE70..<0xFF00: return arabic
        case 0x1100..<0x1200, 0x3130..<0x3190, 0xAC00..<0xD7B0: return hangul
        case 0x2E80..<0x2FE0, 0x3040..<0x3100, 0x3400..<0x4DC0, 0x4E00..<0xA000, 0xF900..<0xFB00, 0x20000..<0x32000: return han
        case 0x1E00..<0x1F00, 0x2C60..<0x2C80, 0xA720..<0xA800, 0xFF00..<0xFFF0: return nil
        default:
            let code = ICU.scriptCode(c)
            if code <= 1 || code == 25 { return nil }   // Common, Inherited, Latin
            return 100 + Int(code)
        }
    }

    static func isMark(_ c: UInt32) -> Bool {
        guard c >= 0x300, let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isLatinLetter(_ c: UInt32) -> Bool {
        Chars.isLetter(c) && (c < 0x250 || (c >= 0x1E00 && c < 0x1F00))
    }

    /// Inside an open pair of parentheses or brackets in the same paragraph.
    static func inParentheses(_ cps: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a - 1
        var opened = false
        while k >= 0 && a - k < 200 {
            let c = cps[k]
            if c == 0x29 || c == 0x5D { return false }
            if c == 0x28 || c == 0x5B { opened = true; break }
            k -= 1
        }
        guard opened else { return false }
        k = b
        while k < cps.count && k - b < 200 {
            let c = cps[k]
            if c == 0x28 || c == 0x5B { return false }
            if c == 0x29 || c == 0x5D { return true }
            k += 1
        }
        return false
    }

    /// "Слуга народу (Servant of the People)": a gloss in Latin script right after the form.
    static func glossFollows(_ cps: [UInt32], _ b: Int) -> Bool {
        var k = b
        while k < cps.count && (Chars.isSpace(cps[k]) || cps[k] == 0x201D || cps[k] == 0xBB || cps[k] == 0x22 || cps[k] == 0x2C) { k += 1 }
        guard k < cps.count, cps[k] == 0x28 else { return false }
        k += 1
        while k < cps.count && !Chars.isLetter(cps[k]) { k += 1 }
        return k < cps.count && isLatinLetter(cps[k])
    }

    static func isOpenQuote(_ c: UInt32) -> Bool {
        c == 0x201C || c == 0x201E || c == 0xAB || c == 0x22 || c == 0x2018 || c == 0x27 || c == 0x300C || c == 0x300E || c == 0x2039
    }

    static func isCloseQuote(_ c: UInt32) -> Bool {
        c == 0x201D || c == 0x201C || c == 0xBB || c == 0x22 || c == 0x2019 || c == 0x27 || c == 0x300D || c == 0x300F || c == 0x203A
    }

    /// Enclosed by quotation marks.
    static func quoted(_ cps: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a - 1
        while k >= 0 && Chars.isSpace(cps[k]) { k -= 1 }
        guard k >= 0, isOpenQuote(cps[k]) else { return false }
        var e = b
        while e < cps.count && (Chars.isSpace(cps[e]) || cps[e] == 0x2E || cps[e] == 0x2C || cps[e] == 0x21 || cps[e] == 0x3F) && e - b < 3 { e += 1 }
        return e < cps.count && isCloseQuote(cps[e])
    }

    /// Wrapped in italic or emphasis markup in the original (<i>, <em>, *…*, _…_).
    static func italic(_ doc: Document, _ a: Int, _ b: Int) -> Bool {
        guard doc.format != .plain else { return false }
        let src = doc.source.scalars
        let start = Int(doc.prose.origin[a]), end = Int(doc.prose.originEnd[b - 1])
        func before(_ s: String) -> Bool {
            let cs = Array(s.unicodeScalars.map(\.value))
            guard start - cs.count >= 0 else { return false }
            for (k, c) in cs.enumerated() {
                var x = src[start - cs.count + k]
                if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                if x != c { return false }
            }
            return true
        }
        return before("<i>") || before("<em>") || before("*") || before("_") || before("<cite>")
            || (end < src.count && (src[end] == 0x2A || src[end] == 0x5F) && (start > 0 && (src[start - 1] == 0x2A || src[start - 1] == 0x5F)))
    }

    /// The likely language of a run, from letters particular to it.
    static func language(_ run: ArraySlice<UInt32>, group: Int) -> String? {
        func has(_ set: Set<UInt32>) -> Bool { run.contains { set.contains($0) } }
        switch group {
        case cyrillic:
            if has([0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490]) { return "Ukrainian" }
            if has([0x045E, 0x040E]) { return "Belarusian" }
            if has([0x0452, 0x045B, 0x0402, 0x040B]) { return "Serbian" }
            if has([0x0453, 0x045C, 0x0455, 0x0403, 0x040C]) { return "Macedonian" }
            if has([0x044B, 0x044D, 0x0451, 0x042B, 0x042D, 0x0401]) { return "Russian" }
            return nil
        case han:
            if run.contains(where: { $0 >= 0x3040 && $0 < 0x3100 }) { return "Japanese" }
            return "Chinese"
        case hangul: return "Korean"
        case arabic:
            if has([0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2]) { return "Urdu" }
            if has([0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC]) { return "Persian" }
            return "Arabic"
        case hebrew: return nil
        case greek: return "Greek"
        default: return nil
        }
    }
}

/// Invisible and control characters that break search, matching and copy-editing: zero-width spaces,
/// joiners and non-joiners where no script needs them (a ZWJ inside an emoji sequence is fine), soft
/// hyphens (except in HTML, where they are deliberate hyphenation hints), byte-order marks inside the
/// text, word joiners, bidirectional controls in text without right-to-left script, C0/C1 control
/// characters, and no-break spaces that split a word ("Ukr\u{A0}aine").
public struct InvisibleCharacterRule: Rule {
    public let info = RuleInfo(
        id: "invisible-character",
        category: .encoding,
        severity: .warning,
        summary: "Invisible or control characters inside prose: zero-width spaces and joiners, soft hyphens, stray BOMs, bidi controls, control codes, no-break spaces splitting a word.",
        triggers: [
            RuleExample("Talks in Mos«\u{200B}»cow ended.", suggestion: ""),
            RuleExample("Talks in «\u{200B}\u{200B}»Moscow ended.", suggestion: ""),
            RuleExample("The nego«\u{AD}»tiations ended.", suggestion: ""),
            RuleExample("The talks«\u{FEFF}» ended on Friday.", suggestion: ""),
            RuleExample("Zelensk«y\u{200D}» met Erdogan.", suggestion: "y"),
            RuleExample("Zele«n\u{200C}»sky met Erdogan.", suggestion: "n"),
            RuleExample("The «\u{200E}»talks ended.", suggestion: ""),
            RuleExample("The talks ended.«\u{7}» Both sides left.", suggestion: ""),
            RuleExample("The talks took place,«\u{16}»while Russia waited.", suggestion: " "),
            RuleExample("The negoti«\u{A0}»ations ended.", suggestion: ""),
            RuleExample("President Zelen«\u{A0}»sky spoke.", suggestion: ""),
            RuleExample("Officials said«\u{2060}» so.", suggestion: ""),
        ],
        quiet: [
            "A family emoji 👩‍👩‍👧 and a flag 🏳️‍🌈 are single pictures.",
            "Persian می‌خواهم uses a non-joiner; Hindi क्‍ष a joiner.",
            "The Hebrew name \u{200F}שלום\u{200F} stays.",
            "Thai text ภาษา\u{200B}ไทย breaks lines with zero-width spaces.",
            "It weighs 10\u{A0}kg and costs 5\u{A0}euros, said Mr.\u{A0}Smith in World War\u{A0}II.",
            "The talks\u{A0}ended and Louis\u{A0}XIV and Jean\u{A0}Dupont left.",
            "Tabs\tand\nline breaks are white space.",
        ],
        fixIsSafe: true)

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        for p in doc.paragraphs where Chars.hasNonASCII(units, p.units) || Self.hasControl(units, p.units) {
            let (cps, at) = Chars.scalars(units, p.units)
            let rtl = cps.contains(where: Self.isRTL)
            var i = 0
            while i < cps.count {
                guard let kind = classify(cps, i, rtl: rtl, format: doc.format) else { i += 1; continue }
                if kind == .brokenWord {
                    if let f = brokenWord(doc, cps, at, i) { findings.append(f) }
                    i += 1
                    continue
                }
                var end = i + 1
                while end < cps.count, let k = classify(cps, end, rtl: rtl, format: doc.format), k != .brokenWord { end += 1 }
                let names = Self.describe(Array(cps[i..<end]))
                let between = i > 0 && end < cps.count && Chars.isLetter(cps[i - 1]) && Chars.isLetter(cps[end])
                let controlBetweenLetters = between && kind == .control
                // A control code that is the only thing between a comma or full stop and the next word stands
                // for the space that belongs there: deleting it would glue the words (and leave a second fix).
                let lostSpace = kind == .control && i > 0 && end < cps.count && Self.endsClause(cps[i - 1]) && Chars.isLetter(cps[end])
                findings.append(Finding(
                    ruleID: info.id, units: at[i]..<at[end],
                    message: kind == .control
                        ? "Control character \(names) in the text (left over from a conversion); \(controlBetweenLetters ? "it may stand for a lost space or letter." : lostSpace ? "it stands for a lost space." : "delete it.")"
                        : "Invisible character \(names): it breaks search and word matching; delete it.",
                    replacements: controlBetweenLetters ? [] : [.text(lostSpace ? " " : "")]))
                i = end
            }
        }
    }

    enum Kind { case invisible, control, brokenWord }

    /// Punctuation a space follows: , ; : . ! ?
    static func endsClause(_ c: UInt32) -> Bool {
        c == 0x2C || c == 0x3B || c == 0x3A || c == 0x2E || c == 0x21 || c == 0x3F
    }

    static func hasControl(_ u: [UInt16], _ r: Range<Int>) -> Bool {
        for i in r where u[i] < 0x20 && u[i] != 0x09 && u[i] != 0x0A && u[i] != 0x0D { return true }
        return false
    }

    static func isRTL(_ c: UInt32) -> Bool {
        (c >= 0x0590 && c < 0x0900) || (c >= 0xFB1D && c < 0xFE00) || (c >= 0xFE70 && c < 0xFF00)
            || (c >= 0x10800 && c < 0x10FFF) || (c >= 0x1E800 && c < 0x1EFFF)
    }

    /// Scripts written without spaces, where zero-width spaces mark line-break opportunities.
    static func isNoSpaceScript(_ c: UInt32) -> Bool {
        (c >= 0x0E00 && c < 0x0F00) || (c >= 0x1000 && c < 0x10A0) || (c >= 0x1780 && c < 0x1800)
            || (c >= 0x0F00 && c < 0x1000) || (c >= 0x2E80 && c < 0xA000) || (c >= 0xAC00 && c < 0xD7B0)
            || (c >= 0x20000 && c < 0x32000)
    }

    /// Emoji and pictographs, their modifiers and variation selectors: ZWJ sequences join them.
    static func isEmojiPart(_ c: UInt32) -> Bool {
        if c >= 0x1F000 && c < 0x1FB00 { return true }
        if c >= 0x2600 && c < 0x27C0 { return true }
        if c == 0xFE0F || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F) { return true }
        if c >= 0x2190 && c < 0x2C00, let s = Unicode.Scalar(c), s.properties.isEmoji { return true }
        return false
    }

    /// Letters of scripts that use joiners and non-joiners (Arabic, Persian, Indic, Sinhala…).
    static func isJoiningScript(_ c: UInt32) -> Bool {
        (c >= 0x0600 && c < 0x0900) || (c >= 0x0900 && c < 0x0E00) || (c >= 0xFB50 && c < 0xFE00)
            || (c >= 0xFE70 && c < 0xFF00) || (c >= 0x0F00 && c < 0x1000) || (c >= 0x1780 && c < 0x1800)
    }

    private func classify(_ cps: [UInt32], _ i: Int, rtl: Bool, format: MarkupFormat) -> Kind? {
        let c = cps[i]
        if c < 0x20 { return (c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C) ? nil : .control }
        if c < 0x7F { return nil }
        if c == 0x7F { return .control }
        let prev: UInt32? = i > 0 ? cps[i - 1] : nil
        let next: UInt32? = i + 1 < cps.count ? cps[i + 1] : nil
        switch c {
        case 0x80...0x9F:
            // C1 controls after other non-ASCII characters belong to mojibake (reported by `mojibake`),
            // and those Windows-1252 defines are reported there too.
            if let prev, prev >= 0x80 { return nil }
            let defined: Set<UInt32> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
            return defined.contains(c) ? .control : nil
        case 0xA0, 0x202F, 0x2007:
            if let prev, let next, Chars.isLetter(prev), Chars.isLetter(next), prev < 0x250, next < 0x250 { return .brokenWord }
            return nil
        case 0xAD:
            return format == .html ? nil : .invisible
        case 0x200B:
            if let prev, Self.isNoSpaceScript(prev) { return nil }
            if let next, Self.isNoSpaceScript(next) { return nil }
            return .invisible
        case 0x200C, 0x200D:
            if let prev, Self.isEmojiPart(prev) || Self.isJoiningScript(prev) { return nil }
            if let next, Self.isEmojiPart(next) || Self.isJoiningScript(next) { return nil }
            return .invisible
        case 0xFEFF, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x180E, 0x206A...0x206F, 0xFFF9...0xFFFB:
            return .invisible
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
            return rtl ? nil : .invisible
        default:
            return nil
        }
    }

    /// A no-break space between two pieces that make one English word ("Ukr aine").
    private func brokenWord(_ doc: Document, _ cps: [UInt32], _ at: [Int], _ i: Int) -> Finding? {
        guard let list = words.get else { return nil }
        var a = i, b = i + 1
        while a > 0 && Chars.isLetter(cps[a - 1]) { a -= 1 }
        while b < cps.count && Chars.isLetter(cps[b]) { b += 1 }
        let left = Chars.string(cps[a..<i]), right = Chars.string(cps[(i + 1)..<b])
        let joined = left + right
        let leftWord = (list.level(left) ?? 99) <= WordList.Level.common && left.count > 1
        let rightWord = (list.level(right) ?? 99) <= WordList.Level.common && right.count > 1
        if leftWord && rightWord {
            // Two words: a no-break space after a short word keeps it off a line end ("a part", "in deed");
            // after a longer word inside a common word it splits it ("con tracts", "remind ed").
            guard left.count >= 3, !Self.shortWords.contains(left.lowercased()),
                  let level = list.commonWordLevel(joined.lowercased()), level <= WordList.Level.common else { return nil }
        } else if let level = list.level(joined), level <= WordList.Level.large {
            // "negoti ations": the pieces make a word.
        } else {
            // "Zelen sky": lower case on both sides of the space, and one piece is no word at all.
            guard let l = left.unicodeScalars.last, let r = right.unicodeScalars.first, Chars.isLower(l.value), Chars.isLower(r.value),
                  right.count >= 2, list.level(left) == nil || list.level(right) == nil else { return nil }
        }
        return Finding(ruleID: info.id, units: at[i]..<at[i + 1],
                       message: "A no-break space splits the word “\(joined)”; delete it.",
                       replacements: [.text("")])
    }

    static let shortWords: Set<String> = [
        "the", "and", "for", "but", "nor", "not", "its", "his", "her", "our", "one", "two", "six", "ten", "per", "via",
        "some", "any", "all", "few", "was", "are", "has", "had", "who", "how", "why", "see", "new", "old", "out",
    ]

    static func describe(_ cps: [UInt32]) -> String {
        var parts: [String] = []
        var k = 0
        while k < cps.count {
            var n = 1
            while k + n < cps.count && cps[k + n] == cps[k] { n += 1 }
            let name = Unicode.Scalar(cps[k])?.properties.name ?? Unicode.Scalar(cps[k])?.properties.nameAlias
            var s = name.map { "\($0.lowercased()) (\(Chars.codeName(cps[k])))" } ?? Chars.codeName(cps[k])
            if n > 1 { s = "\(n) × " + s }
            parts.append(s)
            k += n
        }
        return parts.joined(separator: ", ")
    }
}

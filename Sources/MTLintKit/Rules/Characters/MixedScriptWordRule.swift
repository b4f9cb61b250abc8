/// A word mixing Latin letters with Cyrillic or Greek look-alikes ("Zel\u{435}nsky" with a Cyrillic е):
/// it looks right but defeats search and spell checking, and is a classic sign of text assembled from
/// several sources or keyboards. The suggestion spells the word in its majority script, replacing each
/// look-alike; ICU's spoof checker confirms the two spellings are confusable. Greek letters used as
/// symbols next to Latin ones ("μm", "kΩ", "αvβ3") are not reported.
public struct MixedScriptWordRule: Rule {
    public let info = RuleInfo(
        id: "mixed-script-word",
        category: .script,
        severity: .error,
        summary: "Words mixing Latin with Cyrillic or Greek look-alike letters (“Zelеnsky” with a Cyrillic е); the single-script spelling is suggested.",
        triggers: [
            RuleExample("President «Zel\u{435}nsky» met Erdogan.", suggestion: "Zelensky"),
            RuleExample("The talks in «M\u{43E}sc\u{43E}w» ended.", suggestion: "Moscow"),
            RuleExample("The «\u{410}mbassador» arrived.", suggestion: "Ambassador"),
            RuleExample("A «p\u{3BF}lice» officer said.", suggestion: "police"),
            RuleExample("He wrote «Зеленcкий» in his note.", suggestion: "Зеленский"),
            RuleExample("President «Zel\u{435}\u{43D}sky» met Erdogan.", suggestion: nil),
            RuleExample("He refused to «\u{440}\u{430}\u{443}» the ransom, officials said.", suggestion: "pay"),
        ],
        quiet: [
            "President Zelensky met Erdogan in Istanbul.",
            "He wrote Зеленский in his note.",
            "The Russian word сор means litter; он and тор are words too.",
            "Particles of 10 μm and a 5 kΩ resistor; the αvβ3 integrin.",
            "The ΔT value and the β-blocker.",
        ],
        fixIsSafe: true)

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    /// The all-Latin spelling of a word whose Cyrillic and Greek letters all have Latin look-alikes.
    static func latinSpelling(_ cps: [UInt32]) -> String? {
        var out: [UInt32] = []
        var changed = false
        for c in cps {
            switch script(c) {
            case .cyrillic?:
                guard let m = cyrillicToLatin[c] else { return nil }
                out.append(m); changed = true
            case .greek?:
                guard let m = greekToLatin[c] else { return nil }
                out.append(m); changed = true
            case .other?: return nil
            default: out.append(c)
            }
        }
        return changed ? Chars.string(out) : nil
    }

    /// The token's paragraph is Latin prose: no other word in Cyrillic or Greek letters.
    static func latinContext(_ doc: Document, _ t: Int) -> Bool {
        let units = doc.prose.units
        let p = doc.paragraphs[doc.sentences[doc.sentenceIndex(ofToken: t)].paragraph]
        var latinWords = 0
        for k in p.tokens where k != t && doc.tokens[k].kind == .word {
            let c = UInt32(units[Int(doc.tokens[k].start)])
            if (c >= 0x370 && c < 0x530) { return false }
            if c < 0x250 && Chars.isLetter(c) { latinWords += 1 }
        }
        return latinWords >= 3
    }

    static let cyrillicToLatin: [UInt32: UInt32] = [
        0x0430: 0x61, 0x0435: 0x65, 0x0451: 0xEB, 0x0456: 0x69, 0x0457: 0xEF, 0x0458: 0x6A, 0x043E: 0x6F,
        0x0440: 0x70, 0x0441: 0x63, 0x0443: 0x79, 0x0445: 0x78, 0x0455: 0x73, 0x0501: 0x64, 0x04BB: 0x68,
        0x051B: 0x71, 0x051D: 0x77, 0x04CF: 0x6C,
        0x0410: 0x41, 0x0412: 0x42, 0x0415: 0x45, 0x0401: 0xCB, 0x0406: 0x49, 0x0407: 0xCF, 0x0408: 0x4A,
        0x041A: 0x4B, 0x041C: 0x4D, 0x041D: 0x48, 0x041E: 0x4F, 0x0420: 0x50, 0x0421: 0x43, 0x0422: 0x54,
        0x0423: 0x59, 0x0425: 0x58, 0x0405: 0x53, 0x04AE: 0x59, 0x051A: 0x51, 0x051C: 0x57, 0x04BA: 0x48,
        0x04C0: 0x49,
    ]

    static let greekToLatin: [UInt32: UInt32] = [
        0x03BF: 0x6F, 0x03BD: 0x76, 0x03B1: 0x61, 0x03B9: 0x69, 0x03BA: 0x6B, 0x03C1: 0x70, 0x03C5: 0x75,
        0x03C7: 0x78,
        0x0391: 0x41, 0x0392: 0x42, 0x0395: 0x45, 0x0396: 0x5A, 0x0397: 0x48, 0x0399: 0x49, 0x039A: 0x4B,
        0x039C: 0x4D, 0x039D: 0x4E, 0x039F: 0x4F, 0x03A1: 0x50, 0x03A4: 0x54, 0x03A5: 0x59, 0x03A7: 0x58,
    ]

    static let latinToCyrillic: [UInt32: UInt32] = {
        var m: [UInt32: UInt32] = [:]
        for (c, l) in cyrillicToLatin where m[l] == nil && ![0x04AE, 0x04BA, 0x04C0, 0x04CF].contains(c) { m[l] = c }
        m[0x59] = 0x0423; m[0x48] = 0x041D; m[0x49] = 0x0406; m[0x6C] = nil
        return m
    }()

    static let latinToGreek: [UInt32: UInt32] = {
        var m: [UInt32: UInt32] = [:]
        for (g, l) in greekToLatin { m[l] = g }
        return m
    }()

    enum Script { case latin, cyrillic, greek, other }

    static func script(_ c: UInt32) -> Script? {
        guard Chars.isLetter(c) else { return nil }
        if c < 0x250 || (c >= 0x1E00 && c < 0x1F00) { return .latin }
        if (c >= 0x0400 && c < 0x0530) { return .cyrillic }
        if (c >= 0x0370 && c < 0x0400) || (c >= 0x1F00 && c < 0x2000) { return .greek }
        return .other
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        for (t, tok) in doc.tokens.enumerated() where tok.kind == .word && tok.flags.contains(.nonASCII) && !tok.flags.contains(.url) {
            let (cps, _) = Chars.scalars(units, tok.range)
            var latin = 0, cyrillic = 0, greek = 0, other = 0
            for c in cps {
                switch Self.script(c) {
                case .latin?: latin += 1
                case .cyrillic?: cyrillic += 1
                case .greek?: greek += 1
                case .other?: other += 1
                case nil: break
                }
            }
            guard other == 0 else { continue }
            let scripts = (latin > 0 ? 1 : 0) + (cyrillic > 0 ? 1 : 0) + (greek > 0 ? 1 : 0)
            if scripts == 1 {
                // A whole word of Cyrillic or Greek look-alikes spelling an English word in Latin prose
                // ("Моѕсоw" → no: "рау" → "pay").
                if latin == 0, let fixed = Self.latinSpelling(cps), let list = words.get,
                   let level = list.level(fixed), level <= WordList.Level.common, Self.latinContext(doc, t) {
                    findings.append(Finding(
                        ruleID: info.id, units: tok.range,
                        message: "“\(Chars.string(cps))” is written in \(cyrillic > 0 ? "Cyrillic" : "Greek") letters that look like Latin ones; spell it “\(fixed)”.",
                        replacements: [.text(fixed)]))
                }
                continue
            }
            // Prefer the Latin spelling when every other letter has a Latin look-alike, then the majority
            // script (Cyrillic when the Latin letters have Cyrillic look-alikes).
            var target: Script = .latin
            var mapped: [UInt32] = []
            var complete = false
            var lookalikes = 0, foreignLetters = 0
            if let l = Self.latinSpelling(cps) {
                mapped = Array(l.unicodeScalars.map(\.value)); complete = true
                foreignLetters = cyrillic + greek; lookalikes = foreignLetters
            } else {
                target = (cyrillic > latin && cyrillic >= greek) ? .cyrillic : ((greek > latin && greek > cyrillic) ? .greek : .latin)
                complete = true
                for c in cps {
                    guard let s = Self.script(c), s != target else { mapped.append(c); continue }
                    foreignLetters += 1
                    let m: UInt32?
                    switch (s, target) {
                    case (.cyrillic, .latin): m = Self.cyrillicToLatin[c]
                    case (.greek, .latin): m = Self.greekToLatin[c]
                    case (.latin, .cyrillic): m = Self.latinToCyrillic[c]
                    case (.latin, .greek): m = Self.latinToGreek[c]
                    default: m = nil
                    }
                    if let m { mapped.append(m); lookalikes += 1 } else { mapped.append(c); complete = false }
                }
            }
            // Greek letters as symbols beside Latin ones (μm, kΩ, αvβ3) are not look-alike spoofs.
            if target == .latin && greek > 0 && cyrillic == 0 && lookalikes < foreignLetters { continue }
            if target == .greek || (target == .latin && greek > 0 && cyrillic == 0 && latin < 2) { continue }
            let original = Chars.string(cps)
            let names = [latin > 0 ? "Latin" : nil, cyrillic > 0 ? "Cyrillic" : nil, greek > 0 ? "Greek" : nil].compactMap { $0 }.joined(separator: " and ")
            if complete {
                let fixed = Chars.string(mapped)
                let confirmed = ICU.areConfusable(original, fixed)
                findings.append(Finding(
                    ruleID: info.id, units: tok.range,
                    message: "“\(original)” mixes \(names) letters that look alike\(confirmed ? "" : " (by their shapes)"); spell it “\(fixed)” in \(target == .latin ? "Latin" : "Cyrillic") letters only.",
                    replacements: [.text(fixed)]))
            } else {
                findings.append(Finding(
                    ruleID: info.id, units: tok.range,
                    message: "“\(original)” mixes \(names) letters in one word; spell it in one script.",
                    replacements: [], severity: .warning))
            }
        }
    }
}

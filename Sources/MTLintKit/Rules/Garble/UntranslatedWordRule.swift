import Foundation

/// A word of another Latin-script language left in English copy ("the talks continue mutta the envoy left"):
/// a lower-case word that is common in that language (Zipf ≥ 4 in its wordfreq list) and rare in English
/// (Zipf < 2), by `Rules/english/words.tsv`, in any of 23 languages. A run of such words is reported as one;
/// a clause that `foreign-fragment` already reports is left to it (the registry runs it first). Quiet on names (a capitalised word, or a word right after one: "Calliphora
/// vicina"), on words English lists, and inside quotation marks, parentheses or italics (titles, glosses).
public struct UntranslatedWordRule: Rule {
    public let info = RuleInfo(
        id: "untranslated-word",
        category: .script,
        severity: .info,
        summary: "A word of another language (common there, rare in English) left untranslated in English copy.",
        triggers: [
            RuleExample("The talks will continue «mutta» the envoy has left Helsinki.", suggestion: nil),
            RuleExample("The minister said the plan was «também» approved by parliament.", suggestion: nil),
            RuleExample("Prices rose sharply «während» the first quarter.", suggestion: nil),
            RuleExample("He wrote that «vláda schválila nový zákon» on Monday.", suggestion: nil),
        ],
        quiet: [
            "The talks will continue but the envoy has left Helsinki.",
            "The fly Calliphora vicina was found on the flower.",
            "The slogan “ni una menos” was painted on the wall.",
            "The word sisu (roughly, grit) is hard to translate.",
            "They met at the Café Mutta in Helsinki.",
            "A mélange of styles played a rôle in the design.",
        ])

    let kit: GarbleKit

    init(kit: GarbleKit) { self.kit = kit }

    static let languageNames: [String: String] = [
        "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "es": "Spanish", "fi": "Finnish",
        "fil": "Filipino", "fr": "French", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "lt": "Lithuanian",
        "lv": "Latvian", "ms": "Malay", "nb": "Norwegian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
        "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish", "tr": "Turkish",
    ]

    static let mentionWords: Set<String> = ["word", "words", "term", "called", "call", "dubbed", "named", "meaning", "as"]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let kit = self.kit.data
        guard let english = kit.english else { return }
        for s in doc.sentences {
            var run: [(token: Int, language: String)] = []
            func flush() {
                defer { run.removeAll() }
                guard !run.isEmpty else { return }
                let units = doc.units(from: run[0].token, through: run[run.count - 1].token)
                if findings.contains(where: { $0.ruleID == "foreign-fragment" && $0.units.overlaps(units) }) { return }
                if Self.enclosed(doc, units, doc.paragraphs[s.paragraph]) { return }
                // The languages of the run, most words first ("Czech or Slovak").
                var votes: [String: Int] = [:]
                for r in run { votes[r.language, default: 0] += 1 }
                let ranked = votes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { Self.languageNames[$0.key] ?? $0.key }
                let name = ranked.count <= 2 ? ranked.joined(separator: " or ") : "in another language"
                let text = doc.text(units: units)
                findings.append(Finding(ruleID: info.id, units: units,
                                        message: "“\(text)” is \(name), not English: left untranslated?"))
            }
            for t in s.tokens {
                let tok = doc.tokens[t]
                guard tok.kind == .word else {
                    // A hyphen or an apostrophe inside a compound ends the word, not the run's context.
                    flush()
                    continue
                }
                if let language = foreignLanguage(doc, t, english: english, kit: kit) {
                    run.append((t, language))
                } else {
                    flush()
                }
            }
            flush()
        }
    }

    private func foreignLanguage(_ doc: Document, _ t: Int, english: EnglishModel, kit: GarbleData) -> String? {
        let tok = doc.tokens[t]
        if tok.flags.contains(.capitalized) || tok.flags.contains(.url) || tok.flags.contains(.hasDigit)
            || tok.flags.contains(.allCaps) { return nil }
        // Part of a name: right after a capitalised word ("Calliphora vicina", "Café Mutta").
        if t > 0, doc.tokens[t - 1].kind == .word, doc.tokens[t - 1].flags.contains(.capitalized) { return nil }
        // Glued to a hyphen or apostrophe: part of a compound or a contraction.
        if t > 0, !tok.flags.contains(.spaceBefore), doc.tokens[t - 1].kind != .word { return nil }
        // A mention: "the word sisu", "what Finns call sisu".
        if t > 0, doc.tokens[t - 1].kind == .word, Self.mentionWords.contains(doc.keys[t - 1]) { return nil }
        let key = doc.keys[t]
        guard key.utf8.count >= 3, let w = english.entries(doc)[t], let f = w.foreign, f.zipf >= EnglishModel.untranslatedForeign,
              w.zipf < EnglishModel.untranslatedEnglish else { return nil }
        // An English word, or one written with its accents ("mélange", "rôle").
        let folded = key.utf8.allSatisfy({ $0 < 0x80 }) ? key : Self.fold(key)
        if folded.utf8.allSatisfy({ $0 < 0x80 }), kit.words?.commonWordLevel(folded) != nil { return nil }
        return f.language
    }

    /// The key without diacritics ("während" → "wahrend").
    static func fold(_ key: String) -> String {
        var out = String.UnicodeScalarView()
        for u in key.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(u.value) {
            out.append(u)
        }
        return String(out)
    }

    /// Whether the range sits inside quotation marks or parentheses opened earlier in its paragraph, or in
    /// italics: a title, a slogan, a gloss.
    static func enclosed(_ doc: Document, _ r: Range<Int>, _ p: Paragraph) -> Bool {
        let u = doc.prose.units
        var open: [UInt16] = []
        var straight = false
        for i in max(p.units.lowerBound, r.lowerBound - 3000)..<r.lowerBound {
            switch u[i] {
            case 0x22: straight.toggle()
            case 0x201C, 0x201E, 0xAB, 0x28: open.append(u[i])
            case 0x201D, 0xBB, 0x29: if !open.isEmpty { open.removeLast() }
            default: break
            }
        }
        return straight || !open.isEmpty || ForeignScriptRule.italic(doc, r.lowerBound, r.upperBound)
    }
}

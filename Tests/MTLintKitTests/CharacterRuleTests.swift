import Testing
@testable import MTLintKit

/// The Characters family beyond its rule examples: mojibake round trips, exact offsets through markup,
/// normalization at the code-unit level, confusable suggestions, and the seeds' typography rows.
struct CharacterRuleTests {
    static let words = Lazy<WordList?> { try? WordList.shared(in: TestSupport.rulesDirectory) }

    static func rule(_ id: String) -> any Rule {
        TestSupport.rules.first { $0.info.id == id }!
    }

    static func lint(_ id: String, _ text: String, format: MarkupFormat = .plain) -> [Diagnostic] {
        Linter(rules: [rule(id)]).lint(text: text, format: format).diagnostics
    }

    /// UTF-8 bytes read as Windows-1252 (undefined bytes as their C1 controls), `rounds` times.
    static func mojibake(_ s: String, rounds: Int = 1, latin1: Bool = false) -> String {
        var text = s
        for _ in 0..<rounds {
            var out = String.UnicodeScalarView()
            for b in text.utf8 {
                if b >= 0x80 && b <= 0x9F && !latin1 {
                    out.append(Unicode.Scalar(MojibakeRule.cp1252High[Int(b) - 0x80])!)
                } else {
                    out.append(Unicode.Scalar(b))
                }
            }
            text = String(out)
        }
        return text
    }

    static let originals = ["’", "“", "”", "–", "—", "…", "é", "ü", "ğ", "ş", "ł", "Ö", "İ", "€", "£", "°",
                            "Зеленський", "Київ", "中文", "😀", "Dolmabahçe", "São", "Ελλάδα", "עברית"]

    /// Applies the first suggestion of every finding (they do not overlap).
    static func fixed(_ text: String, _ ds: [Diagnostic]) -> String {
        var scalars = TestSupport.scalars(text)
        for d in ds.sorted(by: { $0.start > $1.start }) {
            scalars.replaceSubrange(d.start..<d.end, with: Array((d.suggestions.first ?? d.text).unicodeScalars))
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    @Test(arguments: originals)
    func mojibakeIsRepairedExactly(_ original: String) {
        for (rounds, latin1) in [(1, false), (2, false), (1, true)] {
            let bad = Self.mojibake(original, rounds: rounds, latin1: latin1)
            let text = "Officials said x\(bad)y on Friday."
            let ds = Self.lint("mojibake", text)
            let repaired = Self.fixed(text, ds)
            #expect(Array(repaired.unicodeScalars) == Array("Officials said x\(original)y on Friday.".unicodeScalars),
                    "\(rounds) round(s)\(latin1 ? " Latin-1" : ""): \(bad) became \(repaired); findings \(ds.map { ($0.start, $0.end, $0.text) })")
            #expect(ds.allSatisfy { $0.fixIsSafe && $0.start >= TestSupport.scalars("Officials said x").count })
        }
    }

    @Test func legitimateAccentedTextIsQuiet() {
        let text = """
        Dolmabahçe, Erdoğan, café, naïve, São Paulo, Zürich, Ångström, Øresund, Malmö, Kraków, Gdańsk, Łódź, \
        Ærø, Ñuñoa, Besançon, Timișoara, Reykjavík, Đoković, Nguyễn, ÉCOLE’S, JOSÉ’S, CAFÉ…, IRMÃ”, ROMÂNIA, \
        Strauß’s, «Le Monde», 5×3 m², 20°C, ½, © 2025, ™, ® and €5.
        """
        for id in ["mojibake", "replacement-character", "invisible-character", "unnormalized-text", "mixed-script-word", "foreign-script"] {
            #expect(Self.lint(id, text).isEmpty, "\(id) fired: \(Self.lint(id, text).map(\.text))")
        }
    }

    @Test func mojibakeInsideHTMLEntitiesMapsToTheEntities() {
        let html = "<p>They met in a caf&Atilde;&copy; near the palace.</p>"
        let ds = Self.lint("mojibake", html, format: .html)
        #expect(ds.count == 1)
        if let d = ds.first {
            #expect(d.text == "&Atilde;&copy;")
            #expect(d.suggestions == ["é"])
        }
    }

    @Test func offsetsSurviveMultiByteTextBefore() {
        let prefix = "Ünïcödé 🇺🇦 👩‍👩‍👧 — “quotes”. "
        let text = prefix + "Putin Won'’t attend; they set non -corrective terms."
        let a = Self.lint("apostrophe-damage", text)
        let h = Self.lint("spaced-hyphen", text)
        #expect(a.map(\.text) == ["Won'’t"])
        #expect(h.map(\.text) == ["non -corrective"])
        #expect(a.first.map { TestSupport.slice(text, $0.start, $0.end) } == "Won'’t")
        #expect(h.first?.suggestions == ["non-corrective"])
    }

    @Test func nfcSuggestionIsNormalizedAtTheCodeUnitLevel() {
        let ds = Self.lint("unnormalized-text", "The Dolmabahc\u{327}e Palace and Erdog\u{306}an.")
        #expect(ds.count == 2)
        for d in ds {
            let s = d.suggestions.first ?? ""
            #expect(ICU.isNFC(s))
            #expect(Array(s.unicodeScalars) != Array(d.text.unicodeScalars))
        }
    }

    @Test func mixedScriptSuggestionIsConfusableAndLatin() {
        let ds = Self.lint("mixed-script-word", "President Zel\u{435}nsky met M\u{43E}sc\u{43E}w officials.")
        #expect(ds.map { $0.suggestions.first ?? "" } == ["Zelensky", "Moscow"])
        #expect(ICU.areConfusable("Zel\u{435}nsky", "Zelensky"))
        #expect(!ICU.areConfusable("Zelensky", "Moscow"))
    }

    @Test func foreignScriptNamesScriptAndLanguage() {
        let ds = Self.lint("foreign-script", "The minister said that переговори тривають у Києві and left.")
        #expect(ds.count == 1)
        #expect(ds.first?.message.contains("Cyrillic") == true)
        #expect(ds.first?.message.contains("Ukrainian") == true)
        #expect(ICU.scriptLongName(ICU.scriptCode(0x0436)) == "Cyrillic")
    }

    @Test func invisibleCharactersAreDeletedAndEmojiSequencesKept() {
        let ds = Self.lint("invisible-character", "The talks\u{200B} ended 👩‍👩‍👧 and Mos\u{AD}cow agreed.")
        #expect(ds.count == 2)
        #expect(ds.allSatisfy { $0.suggestions == [""] })
    }

    /// The typography rows of the seeds, with the editor's suggestions.
    @Test func seedTypographyRowsAreFoundWithTheirFixes() {
        let seed1 = TestSupport.sample("001").text, seed4 = TestSupport.sample("004").text
        let typography = Set(TestSupport.rules.flatMap(\.infos).filter { $0.category == .typography }.map(\.id))
        let all = Linter(rules: TestSupport.rules, enabled: typography)
        let d1 = all.lint(text: seed1).diagnostics, d4 = all.lint(text: seed4).diagnostics
        for (quote, fix) in [("non -corrective", "non-corrective"), ("non -constructive", "non-constructive"), ("decision -making", "decision-making")] {
            #expect(d1.contains { $0.text == quote && $0.suggestions.first == fix }, "\(quote)")
        }
        #expect(d4.contains { $0.text == "''not serious'" && $0.suggestions.first == "“not serious”" })
        #expect(d4.contains { $0.text == "Won'’t" && $0.suggestions.first == "Won’t" })
        #expect(d1.contains { $0.text == "Moscows" })
    }

    @Test func cleanSeedsAreQuietForTheFamily() {
        let ids = Set(TestSupport.rules.flatMap(\.infos).filter { [RuleCategory.encoding, .script, .typography].contains($0.category) }.map(\.id))
        let family = Linter(rules: TestSupport.rules, enabled: ids)
        for prefix in ["000", "002", "003"] {
            let ds = family.lint(text: TestSupport.sample(prefix).text).diagnostics
            #expect(ds.isEmpty, "\(prefix): \(ds.map { "\($0.ruleID): \($0.text)" })")
        }
    }
}

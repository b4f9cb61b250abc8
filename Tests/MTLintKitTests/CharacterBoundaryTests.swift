import Foundation
import Testing
@testable import MTLintKit

/// Every report and fix covers whole user-perceived characters, whatever span a rule computed.
struct CharacterBoundaryTests {
    /// Offsets (in code points) at which Swift's grapheme breaking puts a character boundary.
    static func boundaries(_ source: SourceText) -> Set<Int> {
        var view = String.UnicodeScalarView()
        for v in source.scalars { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
        var out: Set<Int> = [0]
        var n = 0
        for ch in String(view) { n += ch.unicodeScalars.count; out.insert(n) }
        return out
    }

    static func checkWholeCharacters(_ text: String, format: MarkupFormat = .plain) -> LintResult {
        let result = TestSupport.linter.lint(text: text, format: format)
        let bounds = boundaries(result.source)
        for d in result.diagnostics {
            #expect(bounds.contains(d.start) && bounds.contains(d.end),
                     "\(d.ruleID) \(d.start)..<\(d.end) splits a character in \(text.debugDescription)")
            #expect(d.text == result.source.text(d.range))
        }
        // Applying the safe fixes never leaves a mark without its base.
        let edits = Fixer.safeEdits(result.diagnostics, format: format)
        for e in edits { #expect(bounds.contains(e.start) && bounds.contains(e.end)) }
        return result
    }

    /// Found by fuzzing: a UTF-16 file read with a shifted byte order has a combining mark (U+2DFF) after
    /// a noncharacter; the NFC rule's span began at the mark, between it and its base.
    @Test func fuzzedUTF16FileKeepsMarksWithTheirBase() throws {
        let bytes = try #require(Data(base64Encoded: "//7//lUAVABGAC0AIAB0AGUAeAB0ACAAdwBpAHQAaAAgAHQAaABlACAAdABoAGUAIARyAGUAcABldW0AdAAuAAoAADEANgAgAHQAZQB4AHT/////////////////////////////////////////LQAgAHQAZQB4AHQA//////////////////////////////////////////////////////////////////////////////8gAHcAaQB0AGgAIAB0AGgAZQAgAHQAaABlACAAAC4ACgA="))
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("garbled.txt")
        try bytes.write(to: file)
        let text = try FileLoader.loadWithEncoding(file.path, maxBytes: 1 << 20).text
        let result = Self.checkWholeCharacters(text)
        #expect(result.diagnostics.contains { $0.ruleID == "unnormalized-text" })
    }

    /// A rule span that cuts a character is widened, and its suggestion carries what was cut unchanged.
    @Test func spansAreWidenedAndSuggestionsKeepTheCutPart() {
        // A combining mark on a symbol (not a letter, so the NFC rule's word does not reach it).
        let result = Self.checkWholeCharacters("The mark \u{2460}\u{301}e\u{301} stays.")
        let d = result.diagnostics.first { $0.ruleID == "unnormalized-text" }
        if let d {
            #expect(d.text.unicodeScalars.first != "\u{301}")
            let fixed = d.suggestions.first ?? ""
            #expect(fixed.unicodeScalars.filter { $0 == "\u{E9}" }.count == 1)
        }
        // Emoji sequences, regional indicators, Hangul jamo and CR LF next to findings.
        for text in [
            "The the 👩‍👩‍👧 family the the visit.",
            "Flags 🇺🇦🇺🇦 the the 🇵🇱.",
            "Jamo \u{1100}\u{1161}\u{11A8} the the \u{1100}\u{1161}.",
            "Line one the the\r\nline two  two.",
            "Accents e\u{301}\u{302}\u{303} cafe\u{301} Zu\u{308}rich the the a\u{301}.",
            "<p>Marks <b>e</b>\u{301} the the</p>",
        ] {
            _ = Self.checkWholeCharacters(text, format: text.hasPrefix("<") ? .html : .plain)
        }
    }

    /// The widening works on windows between simple characters, and remembers them: a paragraph of many
    /// combining marks with findings all over it is broken once.
    @Test func longClusterIsWidenedOnce() {
        let marks = String(repeating: "\u{301}", count: 20_000)
        let text = "A wor\(marks)d the the e\(marks) e\(marks) the the end."
        _ = Self.checkWholeCharacters(text)
        let source = SourceText(text)
        let b = CharacterBoundaries(source)
        // Inside the first long cluster ("r" plus its marks), every offset widens to the whole cluster.
        let r = 4
        #expect(b.widened(r + 1..<r + 2) == r..<r + 1 + 20_000)
        #expect(b.widened(0..<1) == 0..<1)
        #expect(b.widened(3..<3) == 3..<3)
    }
}

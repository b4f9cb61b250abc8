import Testing
@testable import MTLintKit

struct DecodingTests {
    @Test func invalidUTF8NamesTheByte() {
        let bytes: [UInt8] = Array("ok\nfine é\n".utf8) + [0xC3, 0x28] + Array(" rest".utf8)
        #expect(throws: DecodingError.invalidUTF8(byteOffset: 11, line: 3, column: 1)) { try TextDecoding.decode(bytes) }
        #expect(throws: DecodingError.invalidUTF8(byteOffset: 0, line: 1, column: 1)) { try TextDecoding.decode([0xFF]) }
        // Truncated sequence at the end, overlong encoding, surrogate.
        #expect(TextDecoding.firstInvalidUTF8Offset([0x41, 0xE2, 0x82]) == 1)
        #expect(TextDecoding.firstInvalidUTF8Offset([0xC0, 0xAF]) == 0)
        #expect(TextDecoding.firstInvalidUTF8Offset([0x41, 0xED, 0xA0, 0x80]) == 1)
    }

    @Test func binaryIsRecognised() {
        #expect(throws: DecodingError.binary) { try TextDecoding.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]) }
    }

    @Test func bomAndUTF16() throws {
        let withBOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("the the".utf8)
        let s = try TextDecoding.decode(withBOM)
        let d = TestSupport.linter.lint(text: s).diagnostics.first!
        #expect(d.start == 0 && d.end == 7 && d.column == 1)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "the the".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(try TextDecoding.decode(utf16) == "the the")
    }
}

struct MarkupTests {
    static func prose(_ text: String, _ format: MarkupFormat) -> [String] {
        let doc = Document(text: text, format: format)
        return doc.prose.paragraphs.map { doc.prose.string($0) }
    }

    @Test func htmlSkipsMarkupAndKeepsWordsApart() {
        let html = "<p>One&nbsp;&amp; two<br>three</p><script>x = 'the the'</script><style>.a{}</style><!-- c -->"
            + "<div title=\"a > b\">fo<b>u</b>r</div><pre>code code</pre>"
        #expect(Self.prose(html, .html) == ["One\u{A0}& two", "three", "four"])
    }

    @Test func markdownSkipsCodeLinksAndFrontMatter() {
        let md = "---\ntitle: x\n---\n# Head *line*\n\nSome `code` and [a link](http://x.y/z \"t\") and\nwrapped text.\n\n"
            + "```swift\nlet x = 1\n```\n\n    indented code\n\n- item **one**\n- item_two\n\n> quoted\n> text\n\n"
            + "| a | b |\n|---|---|\n| c | d |\n\n![img](i.png) <!-- hidden -->\n[ref]: http://x.y\n"
        #expect(Self.prose(md, .markdown) == ["Head line", "Some  and a link and wrapped text.", "item one", "item_two",
                                              "quoted text", "a", "b", "c", "d"])
    }

    @Test func plainTextJoinsHardWrappedLinesOnly() {
        let wrapped = "The talks in Istanbul began on Friday after a long delay and\nended without a deal, officials said.\n"
        #expect(Self.prose(wrapped, .plain) == ["The talks in Istanbul began on Friday after a long delay and ended without a deal, officials said."])
        let wire = "Details\nThe talks began on Friday and lasted two hours, then the delegations left for lunch before a second round that never came.\nRecall"
        #expect(Self.prose(wire, .plain).count == 3)
        #expect(Self.prose("<p>Head</p>\nBody text.", .plain) == ["Head", "Body text."])
    }

    @Test func formatFromExtension() {
        #expect(MarkupFormat.forPath("a/b.MD") == .markdown)
        #expect(MarkupFormat.forPath("x.html") == .html)
        #expect(MarkupFormat.forPath("x.txt") == .plain)
        #expect(MarkupFormat.forPath("dir.md/file") == .plain)
    }

    @Test func segmentationAndKeys() {
        let doc = Document(text: "Mr. Smith met Erdoğan in İstanbul. “Don’t panic,” he said.")
        #expect(doc.sentences.count == 2)
        let words = doc.tokens.indices.filter { doc.tokens[$0].kind == .word }.map { doc.keys[$0] }
        #expect(words.contains("don't"))
        #expect(words.contains("erdoğan"))
        #expect(words.contains("i̇stanbul"))
        #expect(ICU.caseFoldKey("Straße") == "strasse")
        #expect(ICU.nfc("Dolmabahc\u{327}e") == "Dolmabahçe")
        #expect(ICU.scriptName(0x0430) == "Cyrl")
    }

    @Test func urlsAreNotProse() {
        let doc = Document(text: "See https://example.com/the/the and mail me@example.org or visit mid.ru today.")
        let urlWords = doc.tokens.indices.filter { doc.tokens[$0].flags.contains(.url) }.map { doc.text($0) }
        #expect(urlWords.contains("example.com"))
        #expect(urlWords.contains("mid.ru"))
        #expect(!urlWords.contains("today"))
        #expect(TestSupport.linter.lint(text: "See https://example.com/the/the now.").diagnostics.isEmpty)
    }
}

struct WordListTests {
    @Test func lookupsAndErrors() throws {
        let w = try WordList.parse("# comment\nplanning\t10\nKiev\t50\nplanning\t35\ncafé\t40\n", path: "t.tsv")
        #expect(w.level("planning") == 10)
        #expect(w.level("Planning") == 10)
        #expect(w.commonWordLevel("kiev") == nil)
        #expect(w.level("Kiev") == 50)
        #expect(w.level("café") == 40)
        #expect(w.level("decallation") == nil)
        #expect(throws: DataError.self) { try WordList.parse("ok\t10\nbroken line\n", path: "t.tsv") }
        let real = try WordList.shared(in: TestSupport.rulesDirectory)
        #expect(real.count > 200_000)
        #expect(real.commonWordLevel("invoking") != nil && real.commonWordLevel("envoking") == nil)
    }
}

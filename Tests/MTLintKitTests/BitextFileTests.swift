import Foundation
import Testing
@testable import MTLintKit

/// TMX and XLIFF files: targets are prose with exact positions through inline codes, entities and CDATA;
/// each is checked against its own source; bad files are refused or reported with their place.
struct BitextFileTests {
    static func read(_ text: String, _ format: MarkupFormat, source: String? = nil, target: String? = nil) throws -> (SourceText, BitextFile) {
        let s = SourceText(text)
        return (s, try BitextFileReader.read(s, format: format, sourceLanguage: source, targetLanguage: target).get())
    }

    static func paragraphs(_ f: BitextFile) -> [String] { f.prose.paragraphs.map { f.prose.string($0) } }

    /// Every prose unit comes from the original text: a literal character, an entity or character reference
    /// that decodes to it, or white space.
    static func expectExactOrigins(_ s: SourceText, _ f: BitextFile) {
        var k = 0
        let p = f.prose
        while k < p.units.count {
            let original = s.text(Int(p.origin[k])..<Int(p.originEnd[k]))
            let isPair = UTF16.isLeadSurrogate(p.units[k])
            let unit = p.string(k..<(k + (isPair ? 2 : 1)))
            if unit == " " {
                #expect(original.unicodeScalars.allSatisfy { XMLTree.isSpace($0.value) } || original.hasPrefix("&#"), "space from \(original)")
            } else if original.hasPrefix("&") && original != unit {
                #expect(XMLTree(scalarsOf: "<r>\(original)</r>").map { $0.decoded(3..<(3 + original.unicodeScalars.count)) } == unit)
            } else if original.hasPrefix("<cp") {
                #expect(original.contains("hex="))
            } else {
                #expect(original == unit, "unit \(k): \(unit) from \(original)")
            }
            k += isPair ? 2 : 1
        }
    }

    static let tmx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE tmx SYSTEM "tmx14.dtd">
    <tmx version="1.4">
      <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
      <body>
        <tu tuid="1">
          <tuv xml:lang="zh-CN"><seg>他在2008年买了三千本书。</seg></tuv>
          <tuv xml:lang="en-US"><seg>He bought 3,000 books in <bpt i="1">&lt;b&gt;</bpt>2009<ept i="1">&lt;/b&gt;</ept> &amp; kept them&#x2014;all.</seg></tuv>
        </tu>
        <tu tuid="2">
          <tuv xml:lang="zh-CN"><seg>详情见 https://example.com/a 。</seg></tuv>
          <tuv xml:lang="en-US"><seg><![CDATA[See <the site> & more]]> for details.</seg></tuv>
        </tu>
        <tu tuid="3">
          <tuv xml:lang="zh-CN"><seg>只有源文。</seg></tuv>
        </tu>
      </body>
    </tmx>
    """

    @Test func tmxTargetsAreProseWithExactPositions() throws {
        let (s, f) = try Self.read(Self.tmx, .tmx)
        #expect(Self.paragraphs(f) == ["He bought 3,000 books in 2009 & kept them—all.", "See <the site> & more for details."])
        #expect(f.bitext.spans?.map(\.source) == ["他在2008年买了三千本书。", "详情见 https://example.com/a 。"])
        #expect(f.bitext.sourceLanguage == "zh-CN" && f.bitext.targetLanguage == "en-US")
        Self.expectExactOrigins(s, f)
        // The unit without a translation is reported at its <tu>, and the others are read.
        #expect(f.problems.count == 1)
        #expect(f.problems.first.map { s.lineAndColumn(of: $0.offset) } ?? (0, 0) == (14, 5))
        #expect(f.problems.first?.message.contains("<tu tuid=\"3\"> has no translation") == true)
    }

    @Test func tmxFindingsPointIntoTheFile() throws {
        let s = SourceText(Self.tmx)
        let file = try BitextFileReader.read(s, format: .tmx).get()
        let result = TestSupport.linter.lint(Document(source: s, file: file, format: .tmx))
        let numbers = result.diagnostics.filter { $0.ruleID == "number-mismatch" }
        #expect(numbers.map { s.text($0.start..<$0.end) } == ["2009"])
        #expect(numbers.first.map { ($0.line, $0.column) } ?? (0, 0) == (8, 85))
        let placeholders = result.diagnostics.filter { $0.ruleID == "placeholder-mismatch" }
        // The source's URL is missing; the CDATA's "<the site>" reads as a tag the source lacks.
        #expect(placeholders.map { s.text($0.start..<$0.end) }.sorted() == ["<the site>", "See <the site> & more]]> for details."])
        #expect(placeholders.contains { $0.message.contains("https://example.com/a") })
        // Markup never yields a finding: every finding lies inside a target <seg>.
        let segs = file.bitext.spans!.map(\.target)
        #expect(result.diagnostics.allSatisfy { d in segs.contains { $0.contains(d.start) && d.end <= $0.upperBound } })
        // The same through the plain constructor (languages from the file).
        let again = TestSupport.linter.lint(Document(source: s, format: .tmx))
        #expect(again.diagnostics.map(\.start) == result.diagnostics.map(\.start))
    }

    @Test func tmxLanguagesChooseSourceAndTarget() throws {
        let multi = """
        <tmx version="1.4"><header srclang="*all*"/><body>
        <tu><tuv xml:lang="de"><seg>Drei Hunde.</seg></tuv><tuv xml:lang="fr"><seg>Trois chiens.</seg></tuv><tuv xml:lang="en-GB"><seg>Three dogs.</seg></tuv></tu>
        </body></tmx>
        """
        // No source language: the first non-English <tuv> is the source, an English one the target.
        let (_, a) = try Self.read(multi, .tmx)
        #expect(Self.paragraphs(a) == ["Three dogs."] && a.bitext.spans?.first?.source == "Drei Hunde.")
        // Overrides pick them.
        let (_, b) = try Self.read(multi, .tmx, source: "fr", target: "en")
        #expect(b.bitext.spans?.first?.source == "Trois chiens." && b.bitext.sourceLanguage == "fr")
        let (_, c) = try Self.read(multi, .tmx, source: "en", target: "de")
        #expect(Self.paragraphs(c) == ["Drei Hunde."] && c.bitext.spans?.first?.source == "Three dogs.")
    }

    static let xliff12 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="de" target-language="en" datatype="plaintext" original="a.txt">
        <header><note>Not prose 99.</note></header>
        <body>
          <group id="g">
            <trans-unit id="1">
              <source>Am 3. Mai kamen <g id="1">25</g> Menschen.</source>
              <seg-source><mrk mtype="seg" mid="1">Am 3. Mai kamen 25 Menschen.</mrk></seg-source>
              <target>On 3 May, <g id="1">52</g> people<x id="2"/> came.</target>
              <alt-trans><target>Ignored 77 alternative.</target></alt-trans>
            </trans-unit>
          </group>
          <trans-unit id="2"><source>Hallo Welt, wie geht es?</source></trans-unit>
          <trans-unit id="3" translate="no"><source>ID-42</source><target>ID-42</target></trans-unit>
          <trans-unit id="4"><source/></trans-unit>
        </body>
      </file>
    </xliff>
    """

    @Test func xliff12UnitsTargetsAndLanguages() throws {
        let (s, f) = try Self.read(Self.xliff12, .xliff)
        #expect(Self.paragraphs(f) == ["On 3 May, 52 people came."])
        #expect(f.bitext.spans?.map(\.source) == ["Am 3. Mai kamen 25 Menschen."])
        #expect(f.bitext.sourceLanguage == "de" && f.bitext.targetLanguage == "en")
        Self.expectExactOrigins(s, f)
        // Only the unit with a source and no target is a problem (an empty source has nothing to translate).
        #expect(f.problems.map { s.lineAndColumn(of: $0.offset).line } == [14])
        #expect(f.problems.first?.message == "<trans-unit id=\"2\"> has no <target>")
        let result = TestSupport.linter.lint(Document(source: s, file: f, format: .xliff))
        #expect(result.diagnostics.filter { $0.ruleID == "number-mismatch" }.map { s.text($0.start..<$0.end) } == ["52"])
    }

    @Test func xliff2SegmentsInlineCodesAndCodePoints() throws {
        let text = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
         <file id="f1"><notes><note>12 notes</note></notes><unit id="u1">
          <originalData><data id="d1">&lt;br/&gt;</data></originalData>
          <segment><source>Il a 12 ans.</source><target>He is <pc id="1">21</pc> years<ph id="2" dataRef="d1"/> old<cp hex="2026"/></target></segment>
          <ignorable><source> </source></ignorable>
          <segment id="s2"><source>Bonjour {0}.</source><target xml:lang="en-US">Hello &#233;&#x1F600;.</target></segment>
         </unit></file>
        </xliff>
        """
        let (s, f) = try Self.read(text, .xliff)
        #expect(Self.paragraphs(f) == ["He is 21 years old…", "Hello é😀."])
        #expect(f.bitext.spans?.map(\.source) == ["Il a 12 ans.", "Bonjour {0}."])
        #expect(f.bitext.sourceLanguage == "fr" && f.bitext.targetLanguage == "en")
        #expect(f.problems.isEmpty)
        Self.expectExactOrigins(s, f)
        let result = TestSupport.linter.lint(Document(source: s, file: f, format: .xliff))
        let ids = Set(result.diagnostics.map(\.ruleID))
        #expect(ids.contains("number-mismatch") && ids.contains("placeholder-mismatch"))
        let number = result.diagnostics.first { $0.ruleID == "number-mismatch" }
        #expect(number.map { s.text($0.start..<$0.end) } == "21")
    }

    /// Random targets with entities, inline codes and CDATA, written as TMX and read back: the prose is the
    /// text a reader sees, and every unit maps to its own place in the file.
    @Test func randomSegmentsRoundTrip() throws {
        var rng = SplitMix(state: 19)
        let pieces: [(xml: String, text: String)] = [
            ("word", "word"), ("Zürich", "Zürich"), ("&amp;", "&"), ("&lt;", "<"), ("&#8212;", "—"), ("&#x1F600;", "😀"),
            ("<ph x=\"1\">&lt;br/&gt;</ph>", ""), ("<bpt i=\"1\">{b}</bpt>", ""), ("<ept i=\"1\">{/b}</ept>", ""),
            ("<hi>bold</hi>", "bold"), ("<![CDATA[a<b&c]]>", "a<b&c"), ("42", "42"), (".", "."), ("&quot;", "\""),
        ]
        for _ in 0..<200 {
            var units: [(xml: String, text: String)] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                var xml = "", text = ""
                for k in 0..<Int.random(in: 1...8, using: &rng) {
                    let p = pieces.randomElement(using: &rng)!
                    let space = k > 0 && Bool.random(using: &rng)
                    xml += (space ? (Bool.random(using: &rng) ? " " : "\n  ") : "") + p.xml
                    text += (space ? " " : "") + p.text
                }
                units.append((xml, text))
            }
            let file = "<tmx version=\"1.4\"><header srclang=\"de\"/><body>\n"
                + units.map { "<tu><tuv xml:lang=\"de\"><seg>Quelle</seg></tuv><tuv xml:lang=\"en\"><seg>\($0.xml)</seg></tuv></tu>" }.joined(separator: "\n")
                + "\n</body></tmx>"
            let (s, f) = try Self.read(file, .tmx)
            let expected = units.map { u in u.text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }.filter { !$0.isEmpty }
            #expect(Self.paragraphs(f) == expected, "\(file)")
            Self.expectExactOrigins(s, f)
        }
    }

    @Test func malformedFilesAreRefusedWithTheirPlace() {
        let cases: [(String, String, Int)] = [
            ("<tmx><body><tu><tuv xml:lang=\"en\"><seg>a & b</seg></tuv></tu></body></tmx>", "'&' starts no entity", 1),
            ("<tmx><body>\n<tu></tuv></body></tmx>", "does not match <tu>", 2),
            ("<tmx><body>\n<tu>", "<tu> is not closed", 2),
            ("<xliff version=\"1.2\"></xliff>\ntrailing", "text after the root element", 2),
            ("<xliff version=\"1.2\"><file a=b></file></xliff>", "must be quoted", 1),
            ("<xliff><!-- open", "comment not closed", 1),
            ("<xliff><x><![CDATA[never</x></xliff>", "CDATA section not closed", 1),
            ("", "no root element", 1),
            ("<html><body>Hi</body></html>", "the root element is <html>, not <tmx>", 1),
            ("<tmx><body><tu a=\"1\" a=\"2\"/></body></tmx>", "given twice", 1),
            ("<tmx>&bogus;</tmx>", "'&' starts no entity", 1),
        ]
        for (text, message, line) in cases {
            let s = SourceText(text)
            switch BitextFileReader.read(s, format: .tmx) {
            case .success: Issue.record("accepted: \(text)")
            case .failure(let p):
                #expect(p.message.contains(message), "\(p.message)")
                #expect(s.lineAndColumn(of: p.offset).line == line, "\(text)")
            }
        }
        // Nesting is bounded, not recursed without limit.
        let deep = "<tmx>" + String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000) + "</tmx>"
        if case .success = BitextFileReader.read(SourceText(deep), format: .tmx) { Issue.record("accepted 5,000 levels") }
    }

    @Test func unknownLanguageCodesAreProblems() throws {
        let text = """
        <xliff version="1.2"><file source-language="zz-Bogus!" target-language="en"><body>
        <trans-unit id="1"><source>Eins.</source><target>One.</target></trans-unit>
        </body></file></xliff>
        """
        let (s, f) = try Self.read(text, .xliff)
        #expect(Self.paragraphs(f) == ["One."])
        #expect(f.problems.count == 1 && f.problems[0].message == "unknown language code \"zz-Bogus!\" in source-language")
        #expect(s.lineAndColumn(of: f.problems[0].offset) == (1, 28))
        for good in ["zh", "zh-CN", "zh-Hant-TW", "en_US", "fil", "yue", "x-klingon", "qaa", "und", "de-CH-1996"] {
            #expect(BitextFileReader.isKnownLanguage(good), "\(good)")
        }
        for bad in ["", "zz", "english", "e", "en--US", "en-", "12", "zh-toolongsubtag"] {
            #expect(!BitextFileReader.isKnownLanguage(bad), "\(bad)")
        }
    }

    @Test func fixesInMarkupAreEscaped() {
        let d = Diagnostic(ruleID: "x", category: .bilingual, severity: .warning, message: "", start: 0, end: 3, line: 1, column: 1,
                           endLine: 1, endColumn: 4, text: "and", suggestions: ["& <b>"], fixIsSafe: true)
        #expect(Fixer.safeEdits([d], format: .xliff).first?.replacement == "&amp; &lt;b&gt;")
        #expect(Fixer.safeEdits([d], format: .plain).first?.replacement == "& <b>")
    }

    @Test func cliLintsBitextFilesAndNamesTheirFaults() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmx = dir.appendingPathComponent("a.tmx")
        try Self.tmx.write(to: tmx, atomically: true, encoding: .utf8)
        let xlf = dir.appendingPathComponent("b.xlf")
        try Self.xliff12.write(to: xlf, atomically: true, encoding: .utf8)
        let bad = dir.appendingPathComponent("bad.xliff")
        try "<xliff version=\"1.2\">\n<file>\n</xliff>".write(to: bad, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--format", "json", tmx.path, xlf.path, bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.tmx:14:5: <tu tuid=\"3\"> has no translation"))
        #expect(r.stderr.contains("b.xlf:14:7: <trans-unit id=\"2\"> has no <target>"))
        #expect(r.stderr.contains("bad.xliff:3:1: malformed XML: end tag </xliff> does not match <file> (line 2)"))
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let files = (json["files"] as? [[String: Any]]) ?? []
        #expect(files.count == 3 && files.filter { $0["error"] != nil }.count == 1)
        let all = files.flatMap { ($0["diagnostics"] as? [[String: Any]]) ?? [] }
        #expect(all.contains { $0["rule"] as? String == "number-mismatch" && $0["text"] as? String == "2009" })
        // Folders include bitext files; a language given on the command line is checked.
        let folder = try TestSupport.run(["--format", "json", dir.path])
        #expect(folder.stderr.contains("a.tmx:14:5"))
        let lang = try TestSupport.run(["--source-lang", "klingon!", tmx.path])
        #expect(lang.status == 2 && lang.stderr.contains("unknown language code"))
    }
}

extension XMLTree {
    /// A tree of a small text (tests).
    init?(scalarsOf text: String) { try? self.init(text.unicodeScalars.map(\.value)) }
}

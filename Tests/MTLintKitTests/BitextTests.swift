import Foundation
import Testing
@testable import MTLintKit

/// Bitext input: records carry their source, and the bilingual rules run only on those that do.
struct BitextTests {
    static func records(_ text: String, _ format: CorpusFormat) throws -> [CorpusRecord] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        var reader = CorpusReader(fileDescriptor: fds[0], format: format)
        var out: [CorpusRecord] = []
        while let r = reader.next() { out.append(r) }
        return out
    }

    @Test func jsonlRecordsCarryTheirSource() throws {
        let r = try Self.records("""
        {"id": "a", "source": "十三人", "source_lang": "zh", "target_lang": "en", "text": "13 people"}
        {"id": "b", "text": "no source"}
        {"id": "c", "source": 5, "text": "bad source"}
        {"id": "d", "source": null, "text": "null source"}
        {"id": "e", "source": "一", "source_lang": "chinese", "text": "one"}

        """, .jsonl)
        #expect(r.count == 5)
        #expect(r[4].text == nil && r[4].line == 5 && r[4].error == "unknown language code \"chinese\" in field 'source_lang'")
        #expect(r[0].bitext == Bitext(source: "十三人", sourceLanguage: "zh", targetLanguage: "en"))
        #expect(r[1].bitext == nil && r[1].text == "no source")
        #expect(r[2].text == nil && r[2].error?.contains("'source'") == true)
        #expect(r[3].bitext == nil && r[3].text == "null source")
    }

    @Test func tsv3RecordsSplitIdSourceAndTarget() throws {
        let r = try Self.records("id\tsource\ttext\nx\t第一\\t行\tFirst\\nline\ny\tonly two\n", .tsv3)
        #expect(r.count == 2)
        #expect(r[0].idJSON == "\"x\"" && r[0].bitext?.source == "第一\t行" && r[0].text == "First\nline")
        #expect(r[1].text == nil && r[1].line == 3 && r[1].error == "expected id<TAB>source<TAB>target")
    }

    @Test func bilingualRulesNeedASource() {
        let text = "Police arrested 15 people; see https://example.org/a."
        let without = TestSupport.linter.lint(text: text)
        #expect(!without.diagnostics.contains { $0.category == .bilingual })
        let with = TestSupport.linter.lint(text: text, bitext: Bitext(source: "警方逮捕了十三人；见 https://example.org/b。"))
        #expect(Set(with.diagnostics.filter { $0.category == .bilingual }.map(\.ruleID)) == ["number-mismatch", "placeholder-mismatch"])
    }

    @Test func sourceNumbersAreRead() {
        let n = SourceNumbers("一亿五千万人，二〇〇八年，一点五，１２３，1.500,5 和 3,000，百分之七十五，十万，两百")
        for v in [1.5e8, 2008, 1.5, 123, 1500.5, 3000, 75, 1e5, 200] { #expect(n.contains(v), "\(v)") }
        #expect(!n.contains(4) && !n.contains(42))
        #expect(n.readsNumerals && !SourceNumbers("trois chats").readsNumerals)
    }

    /// `mtlint --source SOURCE TARGET`: line k of the target is checked against line k of the source, and
    /// positions are the target file's; files that do not align are an error naming the line.
    @Test func lineAlignedFiles() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("src.txt"), tgt = dir.appendingPathComponent("tgt.txt")
        try "警方逮捕了十五人。\n警方逮捕了十三人。\r\n详情见 https://example.org/a。\n".write(to: src, atomically: true, encoding: .utf8)
        try "Police arrested 15 people.\nPolice arrested 15 people.\nDetails at https://example.org/a.\n".write(to: tgt, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--format", "json", "--source", src.path, tgt.path])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let diags = try #require(files.first?["diagnostics"] as? [[String: Any]]).filter { ($0["category"] as? String) == "bilingual" }
        #expect(diags.count == 1)
        #expect(diags.first?["line"] as? Int == 2 && diags.first?["column"] as? Int == 17 && diags.first?["text"] as? String == "15")
        // Without the source, nothing bilingual.
        #expect(!(try TestSupport.run(["--format", "json", tgt.path]).stdout.contains("\"bilingual\"")))
        try "only one line\n".write(to: src, atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["--source", src.path, tgt.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(tgt.path):2:"), "\(bad.stderr)")
        #expect(try TestSupport.run(["--source", src.path, tgt.path, src.path]).status == 2)
    }

    /// name-carried-over: which words of a source are names, and which spellings count as the same name.
    @Test func sourceNamesAndTheirForms() {
        let names = NameCarriedOverRule.sourceNames("北约NATO秘书长Stoltenberg与Зеленский在Kyiv会面，Путин缺席。")
        #expect(names.map(\.text) == ["Stoltenberg", "Зеленский", "Kyiv", "Путин"])
        #expect(names[1].suggestion == "Zelensky" && names[1].forms.count >= 2)
        #expect(names[0].forms == [NameDistance.fold("Stoltenberg")])
        // Declined and transliterated forms are one name; a slip inside the word is not.
        #expect(NameCarriedOverRule.sameName(NameDistance.fold("Zelenskogo"), NameDistance.fold("Zelensky")))
        #expect(NameCarriedOverRule.sameName(NameDistance.fold("Merkels"), NameDistance.fold("Merkel")))
        #expect(NameCarriedOverRule.sameName(NameDistance.fold("Zelenskyy"), NameDistance.fold("Zelenskiy")))
        #expect(!NameCarriedOverRule.sameName(NameDistance.fold("Schwarzenbah"), NameDistance.fold("Schwarzenbach")))
        #expect(!NameCarriedOverRule.sameName(NameDistance.fold("Stoltenbreg"), NameDistance.fold("Stoltenberg")))
    }
}

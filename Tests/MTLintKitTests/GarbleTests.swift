import Foundation
import Testing
@testable import MTLintKit

/// The garble family and the garble score: the done-when checks on the seeds, length fairness,
/// the clean-news threshold, and the score's place in the output.
struct GarbleTests {
    static func result(_ prefix: String) -> LintResult {
        TestSupport.linter.lint(text: TestSupport.sample(prefix).text)
    }

    static func cleanNews() throws -> [String] {
        let url = TestSupport.repoRoot.appendingPathComponent("Tests/Fixtures/clean-news-en.jsonl")
        return try String(decoding: FileManager.default.contents(atPath: url.path)!, as: UTF8.self)
            .split(separator: "\n").map { line in
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return record["text"] as! String
            }
    }

    /// Indices of the paragraphs of seed 001 that hold a must row: a whole-passage rewrite (the score's own
    /// job) or a row some finding answers (whether every must row is answered is the golden tests' job).
    static func mustParagraphs(_ r: LintResult) -> Set<Int> {
        let text = TestSupport.sample("001").text
        var out: Set<Int> = []
        for row in GoldenTests.rows where row.file.hasPrefix("001") && row.need == "must" {
            guard let span = GoldenTests.locate(row.quote, nth: row.nth, in: text) else { continue }
            guard row.suggestion == "(rewrite)" || r.diagnostics.contains(where: { GoldenTests.answers($0, row, span) })
            else { continue }
            if let i = r.paragraphs.firstIndex(where: { $0.start <= span.lowerBound && span.lowerBound < $0.end }) {
                out.insert(i)
            }
        }
        return out
    }

    @Test func everyParagraphAndTheDocumentAreScored() {
        for prefix in ["000", "001", "002", "003", "004"] {
            let r = Self.result(prefix)
            #expect(!r.paragraphs.isEmpty)
            #expect(r.score >= 0 && r.score <= 1)
            for p in r.paragraphs {
                #expect(p.score >= 0 && p.score <= 1)
                #expect(p.start < p.end)
                #expect(!p.sentences.isEmpty)
                #expect(p.signals.map(\.name) == GarbleScorer.signalNames)
            }
        }
    }

    @Test func firstParagraphOf001IsTheMostGarbled() throws {
        let first = try #require(Self.result("001").paragraphs.first).score
        for prefix in ["000", "001", "002", "003", "004"] {
            for (i, p) in Self.result(prefix).paragraphs.enumerated() where !(prefix == "001" && i == 0) {
                #expect(p.score < first, "\(prefix) paragraph \(i + 1) scores \(p.score) ≥ \(first)")
            }
        }
    }

    @Test func cleanSeedsScoreBelowEveryMustParagraphOf001() {
        let garbled = Self.result("001")
        let must = Self.mustParagraphs(garbled)
        #expect(must.count >= 5)
        let lowest = must.map { garbled.paragraphs[$0].score }.min() ?? 0
        for prefix in ["000", "002", "003"] {
            for (i, p) in Self.result(prefix).paragraphs.enumerated() {
                #expect(p.score < lowest, "\(prefix) paragraph \(i + 1) scores \(p.score) ≥ \(lowest)")
            }
        }
    }

    @Test(arguments: [("001", "decallation", "spelling"), ("001", "Tok", "spelling"),
                      ("001", "no progress seemed", "truncation"), ("004", "envoking", "spelling"),
                      ("004", "World War IT", "garbled"), ("004", "Defense\n\nMinister", "text-breaking"),
                      ("001", "Putin-Settenky meeting", "truncation")])
    func rowIsReported(_ prefix: String, _ quote: String, _ category: String) throws {
        let text = TestSupport.sample(prefix).text
        let span = try #require(GoldenTests.locate(quote, nth: 1, in: text))
        let found = Self.result(prefix).diagnostics.contains { $0.category == category && $0.range.overlaps(span) }
        #expect(found, "no \(category) finding on “\(quote)”")
    }

    @Test func suggestions() {
        func first(_ text: String, _ rule: String) -> [String] {
            TestSupport.linter.lint(text: text).diagnostics.first { $0.ruleID == rule }?.suggestions ?? []
        }
        #expect(first("Officials were often envoking history.", "non-word").first == "invoking")
        #expect(first("No closer than before the Trump Tok office in January.", "non-word").first == "took")
        #expect(first("It happened in World War IT.", "ocr-confusion") == ["World War II"])
    }

    /// Fewer than 1% of clean professional news paragraphs exceed the default threshold.
    @Test func cleanNewsStaysBelowTheThreshold() throws {
        let texts = try Self.cleanNews()
        let threshold = try GarbleModel.load(rules: TestSupport.rulesDirectory).threshold
        var above: [String] = []
        var count = 0
        for t in texts {
            for p in TestSupport.linter.lint(text: t).paragraphs {
                count += 1
                if p.score > threshold { above.append(String(t.prefix(60))) }
            }
        }
        #expect(count >= 100)
        #expect(above.count * 100 < count, "\(above)")
    }

    /// Length-fair: a long clean paragraph made of clean paragraphs does not score above the worst of them.
    @Test func longCleanParagraphsDoNotScoreHigher() throws {
        let texts = try Self.cleanNews().filter { $0.hasSuffix(".") && $0.split(separator: " ").count >= 20 }
        for k in stride(from: 0, to: min(texts.count, 40), by: 5) {
            let parts = Array(texts[k..<min(k + 5, texts.count)])
            let scores = parts.map { TestSupport.linter.lint(text: $0).paragraphs.first?.score ?? 0 }
            let joined = TestSupport.linter.lint(text: parts.joined(separator: " ")).paragraphs.first?.score ?? 0
            #expect(joined <= (scores.max() ?? 0) + 0.02, "joined \(joined) vs parts \(scores)")
        }
    }

    /// The score is computed without the garbled-passage rule, and a garbled passage is reported with it.
    @Test func scoreWithoutThePassageRule() {
        let text = "The uncle is still uncle if the war in Ukraine was made to end the final ending final final final final end to final end."
        let all = TestSupport.linter.lint(text: text)
        #expect(all.diagnostics.contains { $0.ruleID == GarbledPassageRule.id })
        let ids = Set(TestSupport.rules.flatMap { $0.infos.map(\.id) }).subtracting([GarbledPassageRule.id])
        let without = Linter(rules: TestSupport.rules, enabled: ids).lint(text: text)
        #expect(!without.diagnostics.contains { $0.ruleID == GarbledPassageRule.id })
        #expect(abs(without.score - all.score) < 1e-9)
    }

    @Test func jsonCarriesParagraphScores() {
        let text = TestSupport.sample("001").text
        let r = TestSupport.linter.lint(text: text)
        let json = JSONReporter.file(path: "x.txt", result: r)
        #expect(json.contains("\"paragraphs\":[{\"start\":0,"))
        #expect(json.contains("\"signals\":{\"findings\":"))
        let scalars = Array(text.unicodeScalars)
        let first = r.paragraphs[0]
        #expect(String(String.UnicodeScalarView(scalars[first.start..<first.end])).hasPrefix("Russia and Ukraine agreed"))
    }
}

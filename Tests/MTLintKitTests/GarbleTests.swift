import Foundation
import Testing
@testable import MTLintKit

/// The garble family and the garble score: the done-when checks on the seeds, length fairness,
/// the clean-news threshold, and the score's place in the output.
struct GarbleTests {
    static func result(_ prefix: String) -> LintResult {
        TestSupport.linter.lint(text: TestSupport.sample(prefix).text)
    }

    /// The clean dev sets' paragraphs (news and TED), when present.
    static func cleanDev() throws -> [String] {
        try #require(TestSupport.devTexts("clean-news-en.jsonl")) + (TestSupport.devTexts("clean-ted-en.jsonl") ?? [])
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

    @Test func firstParagraphOf001HasTheMostEvidence() throws {
        let first = try #require(Self.result("001").paragraphs.first).evidence
        for prefix in ["000", "001", "002", "003", "004"] {
            for (i, p) in Self.result(prefix).paragraphs.enumerated() where !(prefix == "001" && i == 0) {
                #expect(p.evidence < first, "\(prefix) paragraph \(i + 1): evidence \(p.evidence) ≥ \(first)")
            }
        }
    }

    @Test func cleanSeedsHaveLessEvidenceThanEveryMustParagraphOf001() {
        let garbled = Self.result("001")
        let must = Self.mustParagraphs(garbled)
        #expect(must.count >= 5)
        let lowest = must.map { garbled.paragraphs[$0].evidence }.min() ?? 0
        for prefix in ["000", "002", "003"] {
            for (i, p) in Self.result(prefix).paragraphs.enumerated() {
                #expect(p.evidence < lowest, "\(prefix) paragraph \(i + 1): evidence \(p.evidence) ≥ \(lowest)")
            }
        }
    }

    /// Seed 001 scores above the clean seeds as a document: its chance of a major error and, far above,
    /// its evidence of garble.
    @Test func seed001ScoresAboveTheCleanSeeds() {
        let garbled = Self.result("001")
        for prefix in ["000", "002", "003"] {
            let clean = Self.result(prefix)
            #expect(garbled.score > clean.score + 0.05, "\(prefix): \(clean.score) vs 001: \(garbled.score)")
            #expect(garbled.evidence > 3 * clean.evidence, "\(prefix): \(clean.evidence) vs 001: \(garbled.evidence)")
        }
    }

    /// The score is the chance of a major error: the same passage with more errors scores higher.
    @Test func moreErrorsScoreHigher() {
        let clean = "The ministers met in Ankara on Friday and agreed to continue the talks next week in Istanbul."
        let one = "The ministers met in Ankara on Friday and agreed to continue the the talks next week in Istanbul."
        let two = "The ministers met met in Ankara on Friday and agreed to continue the the talks next week in Istanbul."
        let s = [clean, one, two].map { TestSupport.linter.lint(text: $0).score }
        #expect(s[0] < s[1] && s[1] < s[2], "\(s)")
    }

    @Test(arguments: [("001", "decallation", "spelling"), ("001", "Tok", "spelling"),
                      ("001", "no progress seemed", "truncation"), ("004", "envoking", "spelling"),
                      ("004", "World War IT", "garbled"), ("004", "Defense\n\nMinister", "text-breaking"),
                      ("001", "Putin-Settenky meeting", "truncation")])
    func rowIsReported(_ prefix: String, _ quote: String, _ category: String) throws {
        let text = TestSupport.sample(prefix).text
        let span = try #require(GoldenTests.locate(quote, nth: 1, in: text))
        let found = Self.result(prefix).diagnostics.contains { $0.category.rawValue == category && $0.range.overlaps(span) }
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

    /// Fewer than 1% of clean professional paragraphs (news and TED, when the dev sets are present) have
    /// evidence above the reporting threshold.
    @Test(.enabled(if: TestSupport.hasDevData)) func cleanDevStaysBelowTheThreshold() throws {
        let texts = try Self.cleanDev()
        let threshold = try GarbleModel.load(rules: TestSupport.rulesDirectory).threshold
        var above: [String] = []
        var count = 0
        for t in texts {
            for p in TestSupport.linter.lint(text: t).paragraphs {
                count += 1
                if p.evidence > threshold { above.append(String(t.prefix(60))) }
            }
        }
        #expect(count >= 600)
        #expect(above.count * 100 < count, "\(above)")
    }

    /// Length-fair evidence: a long clean paragraph made of clean paragraphs has no more evidence of garble
    /// than the worst of them.
    @Test(.enabled(if: TestSupport.hasDevData)) func longCleanParagraphsHaveNoMoreEvidence() throws {
        let texts = try Self.cleanDev().filter { $0.hasSuffix(".") && $0.split(separator: " ").count >= 20 }
        for k in stride(from: 0, to: min(texts.count, 40), by: 5) {
            let parts = Array(texts[k..<min(k + 5, texts.count)])
            let scores = parts.map { TestSupport.linter.lint(text: $0).paragraphs.first?.evidence ?? 0 }
            let joined = TestSupport.linter.lint(text: parts.joined(separator: " ")).paragraphs.first?.evidence ?? 0
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

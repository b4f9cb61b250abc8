import Foundation
import Testing
@testable import MTLintKit

/// The seeds and the editor's annotation of them (`Samples/expected.tsv`).
struct GoldenTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var file: String
        var quote: String
        var nth: Int
        var kind: String
        var suggestion: String
        var need: String
        var testDescription: String { "\(file.prefix(3)) \(kind): \(quote)" }
    }

    static let rows: [Row] = {
        let url = TestSupport.samples.appendingPathComponent("expected.tsv")
        let text = String(decoding: FileManager.default.contents(atPath: url.path)!, as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6 else { return nil }
            return Row(file: f[0], quote: f[1].replacingOccurrences(of: "\\n", with: "\n"), nth: Int(f[2]) ?? 1,
                       kind: f[3], suggestion: f[4], need: f[5])
        }
    }()

    /// The expected kinds that registered rule families cover (kind = rule category).
    static var coveredKinds: Set<String> { Set(TestSupport.rules.flatMap(\.infos).map(\.category.rawValue)) }

    /// Code-point range of the nth occurrence of a quote in a text.
    static func locate(_ quote: String, nth: Int, in text: String) -> Range<Int>? {
        let hay = Array(text.unicodeScalars), needle = Array(quote.unicodeScalars)
        var seen = 0
        var i = 0
        while i + needle.count <= hay.count {
            if Array(hay[i..<(i + needle.count)]) == needle {
                seen += 1
                if seen == nth { return i..<(i + needle.count) }
            }
            i += 1
        }
        return nil
    }

    /// Rows an implemented family must report: must rows of covered kinds, except whole-passage rewrites,
    /// which the garble score answers.
    static let required: [Row] = rows.filter {
        $0.need == "must" && coveredKinds.contains($0.kind) && $0.suggestion != "(rewrite)"
    }

    /// Should rows of covered kinds: most of them must be found.
    static let wanted: [Row] = rows.filter {
        $0.need == "should" && coveredKinds.contains($0.kind) && $0.suggestion != "(rewrite)"
    }

    /// Whether a finding answers a row: same family (any family for a garbled passage) on the quoted span.
    static func answers(_ d: Diagnostic, _ row: Row, _ span: Range<Int>) -> Bool {
        guard d.category.rawValue == row.kind || row.kind == "garbled" else { return false }
        return row.kind == "repetition" ? d.range == span : d.range.overlaps(span)
    }

    @Test func annotationIsReadable() {
        #expect(Self.rows.count >= 40)
        for r in Self.rows {
            let text = TestSupport.sample(String(r.file.prefix(3))).text
            #expect(Self.locate(r.quote, nth: r.nth, in: text) != nil, "quote not found: \(r.quote)")
        }
    }

    @Test(arguments: required)
    func rowIsReported(_ row: Row) throws {
        let text = TestSupport.sample(String(row.file.prefix(3))).text
        let want = try #require(Self.locate(row.quote, nth: row.nth, in: text))
        let result = TestSupport.linter.lint(text: text)
        // Repetition findings slice exactly the repeated text; others overlap the quote.
        #expect(result.diagnostics.contains { Self.answers($0, row, want) }, "no \(row.kind) finding on \(want) “\(row.quote)”")
    }

    @Test func mostShouldRowsAreReported() {
        var missed: [String] = []
        for row in Self.wanted {
            let text = TestSupport.sample(String(row.file.prefix(3))).text
            guard let span = Self.locate(row.quote, nth: row.nth, in: text) else { continue }
            if !TestSupport.linter.lint(text: text).diagnostics.contains(where: { Self.answers($0, row, span) }) {
                missed.append(row.quote)
            }
        }
        #expect(missed.count * 4 <= Self.wanted.count, "should rows missed: \(missed)")
    }

    @Test(arguments: ["000", "002", "003"])
    func cleanSeedHasNoFinding(_ prefix: String) {
        let result = TestSupport.linter.lint(text: TestSupport.sample(prefix).text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.ruleID): \($0.text)" })")
    }

    @Test func seed004HasNoFindingOutsideTheAnnotation() {
        let text = TestSupport.sample("004").text
        let spans = Self.rows.filter { $0.file.hasPrefix("004") }.compactMap { Self.locate($0.quote, nth: $0.nth, in: text) }
        for d in TestSupport.linter.lint(text: text).diagnostics {
            #expect(spans.contains { $0.overlaps(d.range) }, "false alarm on 004: \(d.ruleID) “\(d.text)”")
        }
    }

    /// Clean professional English (the dev sets, when present): every finding is a false alarm except the
    /// known genuine errors listed here, and all rules together stay at or below 0.3 flags per 1,000 words.
    @Test(.enabled(if: TestSupport.hasDevData), arguments: ["clean-news-en.jsonl", "clean-ted-en.jsonl"])
    func cleanDevSetFalseAlarms(_ name: String) throws {
        let texts = try #require(TestSupport.devTexts(name))
        let genuine: Set<String> = ["have have", "govemor"]
        var falseAlarms: [String] = []
        var flags = 0
        var words = 0
        for text in texts {
            words += text.split(separator: " ").count
            for d in TestSupport.linter.lint(text: text).diagnostics {
                flags += 1
                if !genuine.contains(d.text) { falseAlarms.append("\(d.ruleID): \(d.text)") }
            }
        }
        #expect(words > 7000)
        #expect(Double(flags) * 1000 / Double(words) <= 0.3, "\(flags) flags in \(words) words: \(falseAlarms)")
        #expect(falseAlarms.count <= 2, "\(falseAlarms)")
    }
}

import Testing
@testable import MTLintKit

/// Every example of every registered rule runs here, as SwiftLint does: triggering examples must fire
/// (on exactly the «marked» span, with the stated suggestion), quiet ones must not — also with
/// multi-byte text in front, so that offsets are proven.
struct RuleExampleTests {
    static let prefixes = ["", "Ünïcödé 🇺🇦 👩‍👩‍👧 café — naïve “quotes”.\n\n", "😀😀 Zürich. "]

    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var text: String
        var suggestion: String?
        var triggers: Bool
        var testDescription: String { "\(rule): \(text)" }
    }

    static let cases: [Case] = TestSupport.rules.flatMap { r in
        r.info.triggers.map { Case(rule: r.info.id, text: $0.text, suggestion: $0.suggestion, triggers: true) }
            + r.info.quiet.map { Case(rule: r.info.id, text: $0, suggestion: nil, triggers: false) }
    }

    @Test func everyRuleHasExamples() {
        #expect(!TestSupport.rules.isEmpty)
        for r in TestSupport.rules {
            #expect(!r.info.triggers.isEmpty, "\(r.info.id) has no triggering example")
            #expect(!r.info.quiet.isEmpty, "\(r.info.id) has no quiet example")
            #expect(r.info.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(r.info.id) is not kebab-case")
            #expect(!r.info.summary.isEmpty)
        }
        let ids = TestSupport.rules.map(\.info.id)
        #expect(Set(ids).count == ids.count, "rule ids are not unique")
    }

    @Test(arguments: cases)
    func example(_ c: Case) {
        let rule = TestSupport.rules.first { $0.info.id == c.rule }!
        let linter = Linter(rules: [rule])
        for prefix in Self.prefixes {
            let (text, marked) = TestSupport.unmark(c.text)
            let shift = prefix.unicodeScalars.count
            let result = linter.lint(text: prefix + text)
            if c.triggers {
                #expect(!result.diagnostics.isEmpty, "did not fire on: \(text) (prefix \(shift))")
                if let marked {
                    let want = (marked.lowerBound + shift)..<(marked.upperBound + shift)
                    let hit = result.diagnostics.first { $0.range == want }
                    #expect(hit != nil, "no finding on the marked span \(want) in: \(text); got \(result.diagnostics.map(\.range))")
                    if let hit, let s = c.suggestion {
                        #expect(hit.suggestions.contains(s), "suggestions \(hit.suggestions) lack “\(s)”")
                    }
                    if let hit {
                        #expect(hit.text == TestSupport.slice(prefix + text, hit.start, hit.end))
                    }
                }
            } else {
                #expect(result.diagnostics.isEmpty, "fired on quiet example: \(text): \(result.diagnostics.map(\.message))")
            }
        }
    }
}

import Foundation
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
        /// The source the text translates (bilingual rules' examples).
        var source: String? = nil
        var testDescription: String { "\(rule): \(text)" + (source.map { " ← \($0)" } ?? "") }
    }

    /// The registry with a house typography, so that the style rules (silent by default) run their examples;
    /// the prefixes above use curly quotes and a spaced em dash, which comply with it.
    static let rules: [any Rule] = try! RuleRegistry.builtin(
        rules: TestSupport.rulesDirectory, typography: HouseTypography(quotes: .curly, dashes: .spacedEm))

    static let infos: [RuleInfo] = rules.flatMap(\.infos)

    static let cases: [Case] = infos.flatMap { i in
        i.triggers.map { Case(rule: i.id, text: $0.text, suggestion: $0.suggestion, triggers: true, source: $0.source) }
            + i.quiet.map { Case(rule: i.id, text: $0, suggestion: nil, triggers: false) }
            + i.quietBitext.map { Case(rule: i.id, text: $0.text, suggestion: nil, triggers: false, source: $0.source) }
    }

    /// Every file named …Rule.swift under Sources/MTLintKit/Rules declares a registered `Rule` type of that
    /// name, every registered type has such a file, and every rule id belongs to exactly one type.
    @Test func registryMatchesTheRuleFiles() throws {
        let root = TestSupport.repoRoot.appendingPathComponent("Sources/MTLintKit/Rules")
        var files: Set<String> = []
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix("Rule.swift") else { continue }
            files.insert(String((path.split(separator: "/").last ?? "").dropLast(".swift".count)))
        }
        let types = Set(TestSupport.rules.map { String(describing: type(of: $0)) })
        #expect(files == types, "files without a registered rule: \(files.subtracting(types)); rules without a file: \(types.subtracting(files))")
        var owner: [String: String] = [:]
        for r in TestSupport.rules {
            let name = String(describing: type(of: r))
            for i in r.infos {
                #expect(owner[i.id] == nil || owner[i.id] == name, "\(i.id) is reported by \(owner[i.id]!) and \(name)")
                owner[i.id] = name
            }
        }
    }

    /// A pass the rules share (the name analysis) is released after linting: nothing keeps the document alive.
    @Test func documentsAreFreedAfterLinting() {
        weak var weakDocument: Document?
        do {
            let d = Document(text: "Zelensky met Erdogan. Later Zensky sent Umerov to Istanbul.")
            weakDocument = d
            #expect(!TestSupport.linter.lint(d).diagnostics.isEmpty)
        }
        #expect(weakDocument == nil)
    }

    @Test func everyRuleHasExamples() {
        #expect(!Self.rules.isEmpty)
        for i in Self.infos {
            #expect(!i.triggers.isEmpty, "\(i.id) has no triggering example")
            #expect(!i.quiet.isEmpty, "\(i.id) has no quiet example")
            #expect(i.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(i.id) is not kebab-case")
            #expect(!i.summary.isEmpty)
        }
        let ids = Self.infos.map(\.id)
        #expect(Set(ids).count == ids.count, "rule ids are not unique")
    }

    @Test(arguments: cases)
    func example(_ c: Case) {
        let linter = Linter(rules: Self.rules, enabled: [c.rule])
        for prefix in Self.prefixes {
            let (text, marked) = TestSupport.unmark(c.text)
            let shift = prefix.unicodeScalars.count
            let result = linter.lint(text: prefix + text, bitext: c.source.map { Bitext(source: $0) })
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

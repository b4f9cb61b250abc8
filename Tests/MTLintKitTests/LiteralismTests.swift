import Foundation
import Testing
@testable import MTLintKit

/// The literalism pattern language and pack loading (the lexicon's own examples run in RuleExampleTests).
struct LiteralismTests {
    static let samplePack = TestSupport.repoRoot.appendingPathComponent("Tests/Fixtures/literalisms-sample.yml")

    @Test func samplePackExamplesPass() throws {
        let (entries, examples, failures) = try PackTester.test(pack: Self.samplePack)
        #expect(entries == 7 && examples == 16)
        #expect(failures.isEmpty, "\(failures)")
    }

    static func lint(_ text: String) throws -> [Diagnostic] {
        let rules = try LiteralismRules.all(rules: TestSupport.rulesDirectory, words: Lazy { nil }, extraPacks: [samplePack])
        let ids = Set(rules.flatMap(\.infos).map(\.id).filter { $0.hasPrefix("test-") })
        return Linter(rules: rules, enabled: ids).lint(text: text).diagnostics
    }

    @Test func inflectionAndCapitalisationFollowTheText() throws {
        let d = try Self.lint("PEACE CONVERSATIONS resumed. Peace conversation failed.")
        #expect(d.map(\.suggestions) == [["PEACE TALKS"], ["Peace talk"]])
    }

    @Test func contextConditions() throws {
        #expect(try Self.lint("It faced a high fire risk.").isEmpty)
        #expect(try Self.lint("They asked for talks in exchange for a fire.").count == 1)
        #expect(try Self.lint("He gave wood in exchange for a fire.").isEmpty)
    }

    @Test func malformedPacksNameFileAndLine() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a [b\"\n", ":4: a-b: unbalanced"),
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a b\"\n    colour: red\n", ":5: unknown entry key 'colour'"),
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a b\n", ":"),
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a * b\"\n    suggest: [\"{2:x|y}\"]\n", "not a list of alternatives"),
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a b|c\"\n    suggest: [\"{2:x|y|z}\"]\n", "element 2 has 2 alternatives"),
            ("pack: x\nentries:\n  - id: Bad_Id\n    pattern: \"a\"\n", ":3: entry needs a kebab-case 'id'"),
            ("pack: x\nentries:\n  - id: a-b\n    pattern: \"a *{3,1} b\"\n", "bad gap"),
        ]
        for (k, (yaml, expected)) in cases.enumerated() {
            let url = dir.appendingPathComponent("p\(k).yml")
            try yaml.write(to: url, atomically: true, encoding: .utf8)
            do {
                _ = try PackTester.test(pack: url)
                Issue.record("pack \(k) loaded")
            } catch {
                #expect(error.description.contains(url.path) && error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func duplicateIdsAreRejected() throws {
        #expect(throws: DataError.self) {
            _ = try LiteralismRules.all(rules: TestSupport.rulesDirectory, words: Lazy { nil }, extraPacks: [Self.samplePack, Self.samplePack])
        }
    }

    @Test func cliTakesExtraPacksAndTestsThem() throws {
        let r = try TestSupport.run(["--rules", Self.samplePack.path, "--only", "test-high-fire", "-"], stdin: "They must accept a high fire now.")
        #expect(r.status == 1 && r.stdout.contains("[test-high-fire]"))
        let t = try TestSupport.run(["test-rules", Self.samplePack.path])
        #expect(t.status == 0 && t.stdout.contains("0 failures"))
    }
}

import Foundation
import Testing
@testable import MTLintKit

/// House quotes and dashes: silent by default, each option exact, configured from `.mtlint.yml` or flags.
struct HouseTypographyTests {
    static func linter(_ t: HouseTypography) -> Linter {
        Linter(rules: try! RuleRegistry.builtin(rules: TestSupport.rulesDirectory, typography: t),
               enabled: ["quote-style", "dash-style"])
    }

    static func fixes(_ t: HouseTypography, _ text: String) -> [String] {
        linter(t).lint(text: text).diagnostics.map { "\($0.text)→\($0.suggestions.first ?? "")" }
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func silentByDefault(_ prefix: String) {
        let off = Linter(rules: TestSupport.rules, enabled: ["quote-style", "dash-style"])
        #expect(off.lint(text: TestSupport.sample(prefix).text).diagnostics.isEmpty)
    }

    @Test func straightQuotes() {
        #expect(Self.fixes(HouseTypography(quotes: .straight), "He said “no” to Moscow’s plan and 'yes' to ‘that’.")
            == ["“→\"", "”→\"", "’→'", "‘→'", "’→'"])
    }

    @Test func curlyQuotes() {
        #expect(Self.fixes(HouseTypography(quotes: .curly), "He said \"no\" to Moscow's plan ('90s style) and 'yes'; a 6' wall.")
            == ["\"→“", "\"→”", "'→’", "'→’", "'→‘", "'→’"])
    }

    @Test func dashStyles() {
        let text = "The talks - held in Istanbul -- ended—at last – on Friday, 1990–1995."
        #expect(Self.fixes(HouseTypography(dashes: .em), text) == [" - →—", " -- →—", " – →—"])
        #expect(Self.fixes(HouseTypography(dashes: .spacedEm), text) == [" - → — ", " -- → — ", "—→ — ", " – → — "])
        #expect(Self.fixes(HouseTypography(dashes: .spacedEn), text) == [" - → – ", " -- → – ", "—→ – "])
        // A bullet list and an option are not dashes.
        #expect(Self.fixes(HouseTypography(dashes: .em), "- first item\n- second item\n\nRun it with --force today.").isEmpty)
    }

    @Test func configuredFromFileAndFlags() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "He said \"no\" - twice.\n".write(to: dir.appendingPathComponent("story.txt"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["story.txt"], in: dir).status == 0)
        try "typography:\n  quotes: curly\n  dashes: spaced-em\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let configured = try TestSupport.run(["--format", "jsonl", "story.txt"], in: dir)
        #expect(configured.status == 1)
        #expect(configured.stdout.components(separatedBy: "\"rule\":\"quote-style\"").count - 1 == 2)
        #expect(configured.stdout.contains("\"rule\":\"dash-style\""))
        // The command line wins over the file.
        let flags = try TestSupport.run(["--quotes", "straight", "--dashes", "spaced-en", "--format", "jsonl", "story.txt"], in: dir)
        #expect(!flags.stdout.contains("quote-style") && flags.stdout.contains("\"suggestions\":[\" – \"]"))
        try "typography:\n  quotes: fancy\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["story.txt"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains(".mtlint.yml:2: typography.quotes must be curly or straight"))
    }
}

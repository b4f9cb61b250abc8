import Foundation
import Testing
@testable import MTLintKit

/// Findings stay identical across refactors: the seeds' findings are stored in full, and each dev set's
/// (present beside the repository in CI) as a count and a 64-bit FNV-1a hash of its finding lines, so that no
/// dev text is copied. A change that is meant to change findings updates the fixture on purpose:
/// `MTLINT_UPDATE_FIXTURES=1 swift test --filter FindingsFixtureTests`.
struct FindingsFixtureTests {
    static let fixture = TestSupport.repoRoot.appendingPathComponent("Tests/Fixtures/findings.tsv")
    static let devSets = ["clean-news-en.jsonl", "clean-ted-en.jsonl", "mqm-ted-zhen.jsonl"]

    static func line(_ source: String, _ d: Diagnostic) -> String {
        "\(source)\t\(d.ruleID)\t\(d.start)\t\(d.end)\t\(d.severity.rawValue)"
    }

    /// The fixture's lines: every finding of every sample, then one summary line per dev set present.
    static func current() -> (samples: [String], devSets: [String: String]) {
        var samples: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.samples.path))?.sorted() ?? []
        for name in names where name.hasSuffix(".txt") {
            let text = String(decoding: FileManager.default.contents(atPath: TestSupport.samples.appendingPathComponent(name).path)!, as: UTF8.self)
            samples += TestSupport.linter.lint(text: text).diagnostics.map { line(name, $0) }
        }
        var sets: [String: String] = [:]
        for set in devSets {
            guard let texts = TestSupport.devTexts(set) else { continue }
            let lines = Parallel.map(Array(texts.enumerated()), jobs: Parallel.defaultJobs) { i, text in
                TestSupport.linter.lint(text: text).diagnostics.map { line(String(i), $0) }
            }.flatMap { $0 }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a, 64 bits: enough to see any change
            for b in lines.joined(separator: "\n").utf8 { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            let digest = String(hash, radix: 16)
            sets[set] = "\(lines.count)\t\(digest)"
        }
        return (samples, sets)
    }

    @Test func findingsMatchTheFixture() throws {
        let now = Self.current()
        if ProcessInfo.processInfo.environment["MTLINT_UPDATE_FIXTURES"] == "1" {
            var out = "# Findings of the samples (file, rule, start, end, severity) and of the dev sets (set, count, FNV-1a hash);\n"
            out += "# regenerate on purpose: MTLINT_UPDATE_FIXTURES=1 swift test --filter FindingsFixtureTests\n"
            out += now.samples.joined(separator: "\n") + "\n"
            for set in Self.devSets { if let v = now.devSets[set] { out += "dev:\(set)\t\(v)\n" } }
            try out.write(to: Self.fixture, atomically: true, encoding: .utf8)
            return
        }
        let stored = String(decoding: try #require(FileManager.default.contents(atPath: Self.fixture.path)), as: UTF8.self)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let storedSamples = stored.filter { !$0.hasPrefix("dev:") }
        #expect(storedSamples == now.samples, "sample findings changed: \(Set(now.samples).symmetricDifference(storedSamples).sorted().prefix(10))")
        for row in stored where row.hasPrefix("dev:") {
            let parts = row.dropFirst(4).split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, let got = now.devSets[parts[0]] else { continue }
            #expect(got == parts[1], "findings on \(parts[0]) changed: \(got) vs \(parts[1])")
        }
    }
}

import FoundationXML
import Foundation
import Testing
@testable import MTLintKit

/// CI and editor workflows through the CLI: SARIF, annotations, checkstyle, --fix, suppressions, baselines.
@Suite(.serialized)
struct WorkflowTests {
    static func copySamples(to dir: URL) throws -> [URL] {
        var out: [URL] = []
        for prefix in ["000", "001", "002", "003", "004"] {
            let s = TestSupport.sample(prefix)
            let url = dir.appendingPathComponent(s.name)
            try s.text.write(to: url, atomically: true, encoding: .utf8)
            out.append(url)
        }
        return out
    }

    @Test func sarifValidatesAndRegionsSliceTheText() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.copySamples(to: dir)
        try ("\u{FEFF}😀 “Emoji” first, then the the end.\r\nNext line.").write(to: dir.appendingPathComponent("emoji.txt"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--format", "sarif", "."], in: dir)
        #expect(r.status == 1)
        let sarifURL = dir.appendingPathComponent("out.sarif")
        try r.stdout.write(to: sarifURL, atomically: true, encoding: .utf8)
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["python3", TestSupport.repoRoot.appendingPathComponent("scripts/validate-sarif.py").path, sarifURL.path]
        let pipe = Pipe()
        validate.standardOutput = pipe
        validate.standardError = pipe
        try validate.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validate.waitUntilExit()
        #expect(validate.terminationStatus == 0, "\(message)")

        let sarif = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let run = (sarif["runs"] as! [[String: Any]])[0]
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(!rules.isEmpty && rules.allSatisfy { $0["help"] != nil && $0["shortDescription"] != nil })
        let results = run["results"] as! [[String: Any]]
        #expect(results.count >= 6)
        for res in results {
            let loc = ((res["locations"] as! [[String: Any]])[0]["physicalLocation"]) as! [String: Any]
            let uri = (loc["artifactLocation"] as! [String: Any])["uri"] as! String
            let region = loc["region"] as! [String: Any]
            // charOffset/charLength are UTF-16 units of the file's text (after any BOM).
            var text = String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent(uri).path)!, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let units = Array(text.utf16)
            let offset = region["charOffset"] as! Int, length = region["charLength"] as! Int
            let slice = String(decoding: units[offset..<(offset + length)], as: UTF16.self)
            #expect(slice == (region["snippet"] as! [String: Any])["text"] as! String)
            // Line and UTF-16 column point at the same place.
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(lines[(region["startLine"] as! Int) - 1].utf16)
            let col = (region["startColumn"] as! Int) - 1
            #expect(String(decoding: line[col..<min(line.count, col + length)], as: UTF16.self).hasPrefix(String(slice.prefix(1))))
            #expect((res["partialFingerprints"] as? [String: Any])?["mtlint/v1"] != nil)
        }
    }

    @Test func githubAndCheckstyle() throws {
        let path = CLITests.sampleURL("001").path
        let gh = try TestSupport.run(["--format", "github", path])
        #expect(gh.stdout.contains("::error file=\(path),line=1,endLine=1,col=252,endColumn=275,title=mtlint repeated-word::"))
        let cs = try TestSupport.run(["--format", "checkstyle", path])
        #expect(cs.stdout.hasPrefix("<?xml"))
        #expect(cs.stdout.contains("source=\"mtlint.noun-of-same-noun\""))
        let parser = XMLParser(data: Data(cs.stdout.utf8))
        #expect(parser.parse(), "checkstyle output is not well-formed XML")
        #expect(cs.stdout.components(separatedBy: "<error ").count - 1 >= 4)
        #expect(gh.stderr.contains("finding"))
    }

    @Test func fixChangesOnlyFlaggedSpansAndIsIdempotent() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Self.copySamples(to: dir)
        let crlf = dir.appendingPathComponent("crlf.txt")
        let crlfText = "\u{FEFF}Line one.\r\nThe the talks ended.\r\n"
        try Data(crlfText.utf8).write(to: crlf)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: crlf.path)
        let before = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        let linted = TestSupport.linter.lint(text: before[1])
        let dry = try TestSupport.run(["--fix", "--dry-run", dir.path])
        #expect(dry.stdout.contains("-It was made to end") == false)
        #expect(dry.stdout.contains("+++ b/"))
        #expect(dry.stdout.contains("+The talks ended.") || dry.stdout.contains("+The talks ended.\r"))
        #expect(try Data(contentsOf: crlf) == Data(crlfText.utf8), "dry run wrote a file")

        let first = try TestSupport.run(["--fix", dir.path])
        #expect(first.status == 1) // unfixable findings remain
        let after = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(after[0] == before[0] && after[2] == before[2] && after[3] == before[3])
        // Only the safe spans changed: the fixed text equals the original with those edits applied.
        let expected = Fixer.apply(Fixer.safeEdits(linted.diagnostics), to: linted.source)
        #expect(after[1] == expected)
        #expect(after[1] != before[1])
        #expect(try Data(contentsOf: crlf) == Data("\u{FEFF}Line one.\r\nThe talks ended.\r\n".utf8))
        #expect((try FileManager.default.attributesOfItem(atPath: crlf.path)[.posixPermissions] as? Int) == 0o640)

        _ = try TestSupport.run(["--fix", dir.path])
        let again = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(again == after, "second --fix changed files")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".mtlint-") }
        #expect(leftovers.isEmpty)
    }

    @Test func killedFixNeverTruncatesAFile() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = String(repeating: TestSupport.sample("001").text + "\n", count: 40)
        let fixedLinter = TestSupport.linter.lint(text: original)
        let fixed = Fixer.apply(Fixer.safeEdits(fixedLinter.diagnostics), to: fixedLinter.source)
        for i in 0..<40 { try original.write(to: dir.appendingPathComponent("f\(i).txt"), atomically: true, encoding: .utf8) }
        for delay in [20_000, 60_000, 120_000] {
            let p = Process()
            p.executableURL = TestSupport.executable
            p.arguments = ["--fix", "--quiet", dir.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            for i in 0..<40 {
                let text = try String(contentsOf: dir.appendingPathComponent("f\(i).txt"), encoding: .utf8)
                #expect(text == original || text == fixed, "f\(i).txt is neither the original nor the fixed text")
            }
        }
    }

    @Test func suppressionComments() throws {
        let text = """
            <!-- mtlint-disable-next-line repeated-word -- quoted as spoken -->
            He said the the talks failed.
            Then the the delegates left.
            <!-- mtlint-disable same-stem-pair -->
            They were ready to directly direct talks.
            <!-- mtlint-enable same-stem-pair -->
            It was a really real risk.
            <!-- mtlint-disable-next-line no-such-rule -->
            <!-- mtlint-disable-next-line repeated-phrase -->
            Clean line.
            """
        let r = try TestSupport.run(["--format", "json", "--report-unused-suppressions", "-"], stdin: text)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let ds = ((json["files"] as! [[String: Any]])[0]["diagnostics"] as! [[String: Any]])
        let summary = ds.map { "\($0["rule"]!)@\($0["line"]!)" }
        #expect(summary.contains("repeated-word@3"))
        #expect(!summary.contains("repeated-word@2"))
        #expect(!summary.contains("same-stem-pair@5"))
        #expect(summary.contains("same-stem-pair@7"))
        #expect(summary.contains("suppression@8"))  // unknown rule id
        #expect(summary.contains("suppression@9"))  // suppresses nothing
        #expect(ds.allSatisfy { ($0["text"] as! String).contains("mtlint-") == false || $0["rule"] as! String == "suppression" })
    }

    @Test func baselineReportsOnlyNewFindings() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Self.copySamples(to: dir)
        let b = try TestSupport.run(["baseline", "."], in: dir)
        #expect(b.status == 0)
        try b.stdout.write(to: dir.appendingPathComponent(".mtlint-baseline.json"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["--baseline", ".mtlint-baseline.json", "."], in: dir).status == 0)
        // Edits elsewhere do not revive known findings; a new garbled sentence is the only finding.
        var text = try String(contentsOf: files[1], encoding: .utf8)
        text = "A new first line.\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "The talks talks failed again.\n"
        try text.write(to: files[1], atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--baseline", ".mtlint-baseline.json", "--format", "json", "."], in: dir)
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let all = (json["files"] as! [[String: Any]]).flatMap { $0["diagnostics"] as! [[String: Any]] }
        #expect(all.count == 1 && all.first?["text"] as? String == "talks talks")
    }

    @Test func aMissingConfiguredBaselineIsAnErrorNamingTheSetting() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "fail_on: error\nbaseline: known.json\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        try "The talks talks failed.\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["a.txt"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".mtlint.yml:2:") && r.stderr.contains("known.json"), "\(r.stderr)")
        // `mtlint baseline` never reads the baseline, so it can write it the first time.
        let b = try TestSupport.run(["baseline", "a.txt"], in: dir)
        #expect(b.status == 0 && b.stdout.contains("repeated-word"))
    }

    @Test func configurationFilesAreFoundMergedAndChecked() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("desk")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let story = "The the talks failed. They were ready to directly direct talks.\n"
        try story.write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try story.write(to: sub.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try story.write(to: sub.appendingPathComponent("draft.txt"), atomically: true, encoding: .utf8)
        try "rules:\n  disable: [same-stem-pair]\nseverity: {repeated-word: error}\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        try "rules:\n  enable: [same-stem-pair]\nignore: [draft.txt]\nfail_on: error\n".write(to: sub.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--format", "json", "."], in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        var byFile: [String: [String]] = [:]
        for f in json["files"] as! [[String: Any]] {
            byFile[(f["path"] as! String).components(separatedBy: "/").last!] = (f["diagnostics"] as! [[String: Any]]).map { "\($0["rule"]!):\($0["severity"]!)" }
        }
        #expect(byFile["a.txt"] == ["repeated-word:error"])
        #expect(byFile["b.txt"] == ["repeated-word:error", "same-stem-pair:warning"])
        #expect(byFile["draft.txt"] == nil)
        #expect(r.status == 1)
        // Unknown keys and rule ids name the file and line.
        try "rules:\n  disable: [repeated-wurd]\n".write(to: sub.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["."], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("desk/.mtlint.yml:2: unknown rule id 'repeated-wurd'"))
        try "colour: red\n".write(to: sub.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let badKey = try TestSupport.run(["."], in: dir)
        #expect(badKey.status == 2 && badKey.stderr.contains(".mtlint.yml:1: unknown key 'colour'"))
        try "rules: [".write(to: sub.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["."], in: dir).stderr.contains("malformed YAML"))
        #expect(try TestSupport.run(["--no-config", "."], in: dir).status == 1)
        // init writes a default that parses.
        try FileManager.default.removeItem(at: sub.appendingPathComponent(".mtlint.yml"))
        #expect(try TestSupport.run(["init"], in: sub).status == 0)
        #expect(try TestSupport.run(["init"], in: sub).status == 2)
        #expect(try TestSupport.run(["desk/b.txt"], in: dir).status == 1)
    }

    @Test func globs() {
        #expect(Glob.matches("drafts/**", "drafts/a/b.txt"))
        #expect(Glob.matches("*.md", "x/y/readme.md"))
        #expect(!Glob.matches("drafts/*.txt", "drafts/a/b.txt"))
        #expect(Glob.matches("**/old-*.txt", "a/b/old-1.txt"))
    }

    @Test func userGazetteerAndAllowList() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Chief Editor Walkingshaw met the board. Later Walkingshow and Walkingshaw left.\n"
        try text.write(to: dir.appendingPathComponent("story.txt"), atomically: true, encoding: .utf8)
        try "#id\ttype\tcanonical\tshort\ttitles\nperson/walkingshaw\tperson\tAnn Walkingshaw\tWalkingshaw\tChief Editor\n"
            .write(to: dir.appendingPathComponent("names.tsv"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["--only", "garbled-name", "--gazetteer", "names.tsv", "story.txt"], in: dir)
        #expect(r.status == 1 && r.stdout.contains("“Walkingshow” looks like a misspelling of “Walkingshaw”"), "\(r.stdout)")
        let allowed = try TestSupport.run(["--only", "garbled-name", "--gazetteer", "names.tsv", "--allow", "Walkingshow", "story.txt"], in: dir)
        #expect(allowed.status == 0)
        try "allow: [walkingshow]\ngazetteers: [names.tsv]\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["--only", "garbled-name", "story.txt"], in: dir).status == 0)
        try "house_style: [Zelenskyy]\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        try "Zelensky met reporters.\n".write(to: dir.appendingPathComponent("house.txt"), atomically: true, encoding: .utf8)
        let house = try TestSupport.run(["--only", "name-style", "--fail-on", "info", "house.txt"], in: dir)
        #expect(house.status == 1 && house.stdout.contains("Write “Zelenskyy” for “Zelensky”: house style."))
        try "gazetteers: [missing.tsv]\n".write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["story.txt"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains(".mtlint.yml:1: gazetteer not found"))
    }
}

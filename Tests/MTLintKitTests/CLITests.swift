import Foundation
import Testing
@testable import MTLintKit

/// The `mtlint` executable end to end: exit codes, output formats, corpus mode, bad input.
@Suite(.serialized)
struct CLITests {
    static func sampleURL(_ prefix: String) -> URL {
        TestSupport.samples.appendingPathComponent(TestSupport.sample(prefix).name)
    }

    @Test func exitCodes() throws {
        #expect(try TestSupport.run([Self.sampleURL("001").path]).status == 1)
        #expect(try TestSupport.run([Self.sampleURL("000").path]).status == 0)
        #expect(try TestSupport.run(["--fail-on", "error", Self.sampleURL("004").path]).status == 0)
        #expect(try TestSupport.run(["--fail-on", "never", Self.sampleURL("001").path]).status == 0)
        #expect(try TestSupport.run(["--no-such-flag", "x"]).status == 2)
        #expect(try TestSupport.run(["--disable", "no-such-rule", Self.sampleURL("000").path]).status == 2)
        let missing = try TestSupport.run(["/nonexistent/file.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/file.txt"))
    }

    @Test func textOutputLooksLikeACompiler() throws {
        let r = try TestSupport.run(["--color", "never", Self.sampleURL("001").path])
        #expect(r.stdout.contains("001_b5bab90b79fe114e.txt:13:259: warning: Doubled word “Planning”. [repeated-word]"))
        #expect(r.stdout.contains("^^^^^^^^^^^^^^^^^"))
        #expect(r.stdout.contains("suggestion: replace with `Planning`"))
        #expect(!r.stdout.contains("\u{1B}["))
        let colored = try TestSupport.run(["--color", "always", Self.sampleURL("001").path])
        #expect(colored.stdout.contains("\u{1B}["))
    }

    /// JSON positions slice the original file, also with CRLF line ends, a BOM, HTML and Markdown.
    @Test func jsonRangesSliceTheFile() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = TestSupport.sample("001").text
        let files: [(String, String)] = [
            ("crlf.txt", text.replacingOccurrences(of: "\n", with: "\r\n")),
            ("bom.txt", "\u{FEFF}" + text),
            ("page.html", PositionTests.html(text)),
            ("story.md", PositionTests.markdown(text)),
            ("004.txt", TestSupport.sample("004").text),
        ]
        for (name, content) in files {
            try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let r = try TestSupport.run(["--format", "json", dir.path])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let reported = json["files"] as! [[String: Any]]
        #expect(reported.count == files.count)
        for file in reported {
            let path = file["path"] as! String
            let data = FileManager.default.contents(atPath: path)!
            var scalars = Array(String(decoding: data, as: UTF8.self).unicodeScalars)
            if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
            let diagnostics = file["diagnostics"] as! [[String: Any]]
            #expect(!diagnostics.isEmpty, "\(path)")
            for d in diagnostics {
                let start = d["start"] as! Int, end = d["end"] as! Int
                let slice = String(String.UnicodeScalarView(scalars[start..<end]))
                #expect(slice == d["text"] as! String)
                for key in ["rule", "category", "severity", "message", "line", "column", "endLine", "endColumn", "suggestions"] {
                    #expect(d[key] != nil, "missing \(key)")
                }
            }
        }
    }

    /// Every output format is one `Reporter` type in its own file, listed once; `--format` takes exactly those.
    @Test func everyReporterIsListedOnce() throws {
        let ids = Reporters.identifiers
        #expect(Set(ids).count == ids.count)
        let dir = TestSupport.repoRoot.appendingPathComponent("Sources/MTLintKit/Output")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix("Reporter.swift") && $0 != "Reporter.swift" }
        #expect(files.count == ids.count, "\(files) vs \(ids)")
        for id in ids {
            let reporter = try #require(Reporters.named(id))
            #expect(type(of: reporter).identifier == id)
            #expect(try TestSupport.run(["--format", id, "--fail-on", "never", "-"], stdin: "The the talks.").status == 0)
        }
        #expect(try TestSupport.run(["--format", "yaml", "-"], stdin: "x").status != 0)
    }

    /// `--max-garble` gates on the document's evidence of garble: seed 001 fails at 0.1, a clean seed passes.
    @Test func maxGarbleGatesOnEvidence() throws {
        let garbled = TestSupport.samples.appendingPathComponent(TestSupport.sample("001").name).path
        let clean = TestSupport.samples.appendingPathComponent(TestSupport.sample("000").name).path
        #expect(try TestSupport.run(["--fail-on", "never", "--max-garble", "0.1", garbled]).status == 1)
        #expect(try TestSupport.run(["--fail-on", "never", "--max-garble", "0.1", clean]).status == 0)
        #expect(try TestSupport.run(["--fail-on", "never", "--max-garble", "0.5", garbled]).status == 0)
    }

    /// Corpus mode answers a record as soon as it arrives on a pipe, before the input ends (a producer that
    /// writes and waits is not left waiting on a batch).
    @Test func corpusStreamsFromAPipe() throws {
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = TestSupport.executable
        p.arguments = ["corpus"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The child has its ends; without closing ours, the output would never reach end of file.
        try output.fileHandleForWriting.close()
        try input.fileHandleForReading.close()
        input.fileHandleForWriting.write(Data("{\"id\": \"a\", \"text\": \"The the talks ended.\"}\n".utf8))
        // Input stays open: the first line must come without it. Polled with a deadline, so a build that waits
        // for the whole input fails here instead of hanging.
        let fd = output.fileHandleForReading.fileDescriptor
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(60)
        while !bytes.contains(0x0A) && Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 200) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        guard bytes.contains(0x0A) else {
            Issue.record("no answer within a minute while the input stayed open")
            p.terminate()
            try? input.fileHandleForWriting.close()
            p.waitUntilExit()
            return
        }
        let running = p.isRunning
        var received = Data(bytes)
        let reader = output.fileHandleForReading
        let first = String(decoding: received, as: UTF8.self)
        #expect(first.hasPrefix("{\"id\":\"a\"") || first.hasPrefix("{\"id\": \"a\""), "\(first)")
        #expect(first.contains("repeated-word"))
        #expect(running, "the answer came before the input ended")
        guard running else { return }
        input.fileHandleForWriting.write(Data("{\"id\": \"b\", \"text\": \"Fine.\"}\n".utf8))
        try input.fileHandleForWriting.close()
        received += reader.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(String(decoding: received, as: UTF8.self).split(separator: "\n").count == 2)
    }

    /// `corpus --signals` adds each record's word count and raw score signals (for training the score).
    @Test func corpusSignals() throws {
        let r = try TestSupport.run(["corpus", "--signals"], stdin: "{\"id\": 1, \"text\": \"The talks ended on Friday.\"}\n")
        #expect(r.status == 0)
        let line = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(line["words"] as? Int == 5)
        let signals = try #require(line["signals"] as? [String: Any])
        #expect(Set(signals.keys) == Set(GarbleScorer.signalNames))
        let plain = try TestSupport.run(["corpus"], stdin: "{\"id\": 1, \"text\": \"The talks ended.\"}\n")
        #expect(!plain.stdout.contains("signals"))
    }

    @Test func corpusFollowsTheContract() throws {
        let jsonl = """
            {"id": "a", "text": "🇺🇦 The the talks."}
            {"id": 7, "text": "Clean text."}
            not json
            {"id": "b"}

            """
        let r = try TestSupport.run(["corpus", "--input-format", "jsonl"], stdin: jsonl)
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 4)
        #expect(lines[0]["id"] as? String == "a")
        let d = (lines[0]["diagnostics"] as! [[String: Any]])[0]
        #expect(d["start"] as? Int == 3 && d["end"] as? Int == 10)
        #expect(d["rule"] as? String == "repeated-word")
        for key in ["category", "severity", "message", "suggestions"] { #expect(d[key] != nil) }
        #expect(lines[0]["score"] != nil)
        #expect(lines[1]["id"] as? Int == 7)
        #expect((lines[1]["diagnostics"] as! [Any]).isEmpty)
        #expect(lines[2]["error"] != nil && lines[2]["line"] as? Int == 3)
        #expect(lines[3]["error"] != nil && lines[3]["id"] as? String == "b")
        #expect(r.stderr.contains("<stdin>:3"))

        let tsv = try TestSupport.run(["corpus", "--input-format", "tsv"], stdin: "id\ttext\ns1\tOne.\\nThe the end.\ns2\tFine.\n")
        #expect(tsv.status == 1)
        let t = tsv.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(t.count == 2 && t[0]["id"] as? String == "s1")
        let td = (t[0]["diagnostics"] as! [[String: Any]])[0]
        #expect(td["start"] as? Int == 5 && td["end"] as? Int == 12)

        let plain = try TestSupport.run(["corpus", "--input-format", "lines"], stdin: "fine\nthe the\n")
        let p = plain.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(p.count == 2 && p[1]["id"] as? Int == 2)
        #expect((p[1]["diagnostics"] as! [Any]).count == 1)
    }

    @Test func badInputIsReportedNotFatal() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x6F, 0x6B, 0x0A, 0x41, 0xC3, 0x28]).write(to: bad)
        let bin = dir.appendingPathComponent("image.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]).write(to: bin)
        let good = dir.appendingPathComponent("good.txt")
        try "The the end.".write(to: good, atomically: true, encoding: .utf8)
        let r = try TestSupport.run([bad.path, bin.path, good.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.txt: invalid UTF-8 at byte 4 (line 2, column 2)"))
        #expect(r.stderr.contains("image.txt: binary file; skipped"))
        #expect(r.stdout.contains("good.txt:1:1"))
        let onlyBinary = try TestSupport.run([bin.path])
        #expect(onlyBinary.status == 0)
        let big = try TestSupport.run(["--max-file-size", "1", "-"], stdin: String(repeating: "word ", count: 300_000))
        #expect(big.status == 2)
        #expect(big.stderr.contains("too large"))
    }

    @Test func rulesAndExplain() throws {
        let r = try TestSupport.run(["rules", "--format", "json"])
        #expect(r.status == 0)
        let rules = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rules.count == TestSupport.rules.flatMap(\.infos).count)
        #expect(rules.allSatisfy { $0["id"] != nil && $0["category"] != nil && $0["severity"] != nil && $0["description"] != nil })
        let e = try TestSupport.run(["explain", "repeated-word"])
        #expect(e.status == 0 && e.stdout.contains("Planning Planning"))
        // A bilingual rule's examples show their sources.
        let b = try TestSupport.run(["explain", "number-mismatch"])
        #expect(b.status == 0 && b.stdout.contains("source: 抗议活动后，警方逮捕了十三人。") && b.stdout.contains("(no source given)"))
        let unknown = try TestSupport.run(["explain", "repeated"])
        #expect(unknown.status == 2 && unknown.stderr.contains("repeated-word"))
    }

    @Test func stdinIsLinted() throws {
        let r = try TestSupport.run(["--format", "json", "-"], stdin: "A final final final final end.")
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"path\":\"<stdin>\""))
    }
}

import Foundation
import Testing
@testable import MTLintKit

/// Pathological inputs, scaled down: each finishes (or is refused with a clear message and exit 2) and its
/// output stays bounded. The full-size inputs and their times are in `scripts/bench-pathological.py`;
/// the deadlines here only tell a finished run from one that backtracks without end.
@Suite(.serialized)
struct PathologicalInputTests {
    /// Runs the CLI on its own, killing it after `deadline` seconds (nil status: it was killed).
    static func run(_ arguments: [String], stdinFile: URL? = nil, in directory: URL? = nil,
                    deadline: Double = 120) throws -> (status: Int32?, stdout: String, stderr: String) {
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = TestSupport.executable
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = try stdinFile.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try p.run()
        let killer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: killer)
        nonisolated(unsafe) var o = Data()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { o = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        p.waitUntilExit()
        killer.cancel()
        let killed = p.terminationReason == .uncaughtSignal
        return (killed ? nil : p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every diagnostic inside the text, with its own slice.
    static func checkRanges(_ result: LintResult) {
        for d in result.diagnostics {
            #expect(d.start >= 0 && d.start <= d.end && d.end <= result.source.count)
            #expect(d.text == result.source.text(d.range))
        }
    }

    @Test func fileWithoutLineBreaks() throws {
        // Over the size limit: refused with the limit named, exit 2.
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try Self.write(String(repeating: "word ", count: 240_000), "big.txt", in: dir)   // 1.2 MB
        let refused = try Self.run(["--max-file-size", "1", big.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("big.txt: file too large"))
        #expect(refused.stderr.contains("--max-file-size"))
        // Under it: one 200 KB line is linted like any other text.
        let line = String(repeating: "The minister said the talks went well in Kyiv and Zelensky agreed, ", count: 3_000)
        let result = TestSupport.linter.lint(text: line + "the the end")
        Self.checkRanges(result)
        #expect(result.diagnostics.contains { $0.ruleID == "repeated-word" && $0.text == "the the" })
    }

    @Test func deeplyNestedHTML() {
        let depth = 100_000
        let html = String(repeating: "<div><span>", count: depth) + "Nested text with the the doubled word."
            + String(repeating: "</span></div>", count: depth)
        let result = TestSupport.linter.lint(text: html, format: .html)
        Self.checkRanges(result)
        #expect(result.diagnostics.map(\.text).contains("the the"))
    }

    @Test func oneWordRepeatedEndlessly() {
        let result = TestSupport.linter.lint(text: String(repeating: "the ", count: 50_000))
        Self.checkRanges(result)
        // One finding for the whole run, not one per repetition.
        #expect(result.diagnostics.filter { $0.ruleID == "repeated-word" }.count == 1)
        #expect(result.diagnostics.count <= 3)
    }

    /// Found by the full-size benchmark: one token of n letters cost n² time and memory in the non-word
    /// checks (one-edit variants, compound cuts): 10,000 letters took 46 s and 5 GB. Tokens longer than
    /// any English word are no longer spelled out; lint time is now linear in the token's length.
    @Test func oneEndlessToken() {
        let token = String(repeating: "x", count: 200_000) + "y"
        let result = TestSupport.linter.lint(text: "The talks \(token) ended.\n")
        Self.checkRanges(result)
        #expect(GarbleData.longestWord >= 45)
        #expect(!result.diagnostics.contains { $0.ruleID == "non-word" && $0.text.count > GarbleData.longestWord })
    }

    @Test func paragraphOfCombiningMarks() {
        let text = "Start a" + String(repeating: "\u{0301}", count: 100_000) + " end of the the text."
        let result = TestSupport.linter.lint(text: text)
        Self.checkRanges(result)
        #expect(result.diagnostics.map(\.text).contains("the the"))
    }

    @Test func bidiControlFlood() {
        let controls = "\u{202E}\u{202D}\u{2066}\u{2067}\u{2069}\u{200F}"
        let text = String(repeating: "Hello " + controls, count: 2_000) + "\n"
        let result = TestSupport.linter.lint(text: text)
        Self.checkRanges(result)
        // Each run of controls is flagged at most once: output grows with the text, no faster.
        #expect(result.diagnostics.count <= 2_000)
    }

    @Test func loneSurrogatesInJSONEscapes() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = [#"{"id": 1, "text": "lone \ud800 high"}"#, #"{"id": 2, "text": "pair \ud83d\ude00 fine, the the end"}"#,
                     #"{"id": 3, "text": "lone \udc00 low"}"#]
        let file = try Self.write(lines.joined(separator: "\n") + "\n", "s.jsonl", in: dir)
        let r = try Self.run(["corpus", file.path])
        #expect(r.status == 2)
        let out = r.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 3)   // one line per record: nothing lost, output aligned with input
        #expect(out[0].contains(#""line":1"#) && out[0].contains("error"))
        #expect(out[1].contains(#""id":2"#) && out[1].contains("repeated-word"))
        #expect(out[2].contains(#""line":3"#) && out[2].contains("error"))
        #expect(r.stderr.contains("s.jsonl:1:") && r.stderr.contains("s.jsonl:3:"))
    }

    @Test func overlongCorpusRecordIsSkippedNotHeld() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 3 MB line without a break between two ordinary records, limit 1 MiB.
        var data = Data("first record with the the repeat\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 3 << 20))
        data.append(Data("\nlast record with the the repeat\n".utf8))
        let file = dir.appendingPathComponent("c.txt")
        try data.write(to: file)
        let r = try Self.run(["corpus", "--input-format", "lines", "--max-record-size", "1"], stdinFile: file)
        #expect(r.status == 2)
        let out = r.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 3)
        #expect(out[0].contains("repeated-word") && out[2].contains("repeated-word"))
        #expect(out[1].contains(#""line":2"#) && out[1].contains("longer than the limit"))
        #expect(r.stderr.contains("longer than the limit of 1048576 bytes"))
    }

    @Test func corpusLineReaderIsLinear() throws {
        // Many short records and one long one read through a pipe in small chunks: every byte is searched
        // for a line break once (the reader used to rescan its whole buffer after each chunk).
        var pipe: [Int32] = [0, 0]
        #expect(makePipe(&pipe) == 0)
        let writer = pipe[1]
        let long = [UInt8](repeating: UInt8(ascii: "y"), count: 2 << 20)
        let thread = Thread {
            var bytes: [UInt8] = []
            for i in 0..<1000 { bytes += Array("record \(i)\n".utf8) }
            bytes += long + [0x0A] + Array("tail\n".utf8)
            var off = 0
            while off < bytes.count {
                let n = bytes[off...].withUnsafeBytes { Foundation.write(writer, $0.baseAddress, min($0.count, 4096)) }
                if n <= 0 { break }
                off += n
            }
            close(writer)
        }
        thread.start()
        var reader = CorpusReader(fileDescriptor: pipe[0], format: .lines, maxRecordBytes: 4 << 20)
        var count = 0, longest = 0
        while let r = reader.next() { count += 1; longest = max(longest, r.text?.utf8.count ?? 0) }
        close(pipe[0])
        #expect(count == 1002)
        #expect(longest == 2 << 20)
    }

    @Test func packWrittenToBacktrack() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 20 optional words then a word that never comes, over a sentence of 60 "a"s: without remembering
        // failed states the matcher would try 2^20 paths from each of 60 starts; gaps the same with 6^6.
        let optional = Array(repeating: "a?", count: 20).joined(separator: " ")
        let gaps = Array(repeating: "*{0,5}", count: 6).joined(separator: " ")
        let pack = """
            pack: backtracking
            description: patterns that would backtrack exponentially
            entries:
              - id: bt-optional
                source: [de]
                origin: test
                pattern: "[a \(optional) zzz]"
                suggest: ["b"]
                severity: info
                confidence: low
                examples:
                  trigger: ["a a zzz"]
                  quiet: ["a a a"]
              - id: bt-gaps
                source: [de]
                origin: test
                pattern: "[a \(gaps) zzz]"
                suggest: ["b"]
                severity: info
                confidence: low
                examples:
                  trigger: ["a b c zzz"]
                  quiet: ["a b c"]
            """
        let packURL = try Self.write(pack, "bt.yml", in: dir)
        let text = try Self.write(String(repeating: "a ", count: 60) + "end.\n", "t.txt", in: dir)
        let r = try Self.run(["--rules", packURL.path, "--only", "bt-optional", "--only", "bt-gaps", text.path], deadline: 120)
        #expect(r.status == 0, "\(r.stderr)")
        let tested = try Self.run(["test-rules", packURL.path], deadline: 120)
        #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")

        // The matcher itself, without the rule's keyword prefilter: 26 optional words then one that never
        // comes. Plain backtracking tries 2^26 paths from each start (minutes); with failed states
        // remembered it is 27 × 41 states.
        let exponential = try Pattern.parse("[a " + Array(repeating: "a?", count: 26).joined(separator: " ") + " zzz]")
        #expect(exponential.branching == 26)
        let doc = Document(text: String(repeating: "a ", count: 40) + "end.")
        for start in 0..<10 { #expect(exponential.match(doc, at: start, bounds: 0..<doc.tokens.count) == nil) }
        let found = Document(text: String(repeating: "a ", count: 40) + "zzz.")
        #expect(exponential.match(found, at: 20, bounds: 0..<found.tokens.count)?.end == 41)
    }

    @Test func branchingPatternFailingAtItsEnd() throws {
        // Found by fuzzing: a pattern with two optional elements, anchored at the sentence end, that
        // fails only after its last element (the remembered-failure table lacked that final state).
        let pattern = try Pattern.parse("[a? b? c] $")
        let doc = Document(text: "a b c d.")
        let bounds = 0..<doc.tokens.count
        #expect(pattern.match(doc, at: 0, bounds: bounds) == nil)
        let ok = Document(text: "a b c.")
        #expect(pattern.match(ok, at: 0, bounds: 0..<ok.tokens.count) != nil)
    }

    @Test func endlessDevicesAreRefusedBySize() throws {
        // A device or FIFO reports no size: reading stops one byte past --max-file-size.
        let device = try Self.run(["--max-file-size", "1", "/dev/zero"], deadline: 120)
        #expect(device.status == 2)
        #expect(device.stderr.contains("/dev/zero: file too large"))
        let stdin = try Self.run(["--max-file-size", "1", "-"], stdinFile: URL(fileURLWithPath: "/dev/zero"), deadline: 120)
        #expect(stdin.status == 2)
        #expect(stdin.stderr.contains("file too large"))
    }

    @Test func emptyFilesReadAsEmpty() throws {
        // Found by fuzzing: Foundation's FileManager.contents(atPath:) leaked 4 KiB per empty file; the
        // readers now use FileBytes (the AddressSanitizer run of the tests checks there is no leak).
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try Self.write("", ".mtlint.yml", in: dir)
        #expect(FileBytes.read(empty.path) == [])
        #expect(FileBytes.read(dir.path) == nil)
        #expect(FileBytes.read(dir.appendingPathComponent("missing").path) == nil)
        let config = try Configuration.parse(empty, known: [:])
        #expect(config.disabledRules.isEmpty)
        #expect(throws: DataError.self) { try Baseline.load(empty) }
        let big = try Self.write(String(repeating: "x", count: 200_000), "big.txt", in: dir)
        #expect(FileBytes.read(big.path)?.count == 200_000)
        #expect(FileBytes.read(big.path, limit: 1000)?.count == 1001)
    }

    @Test func yamlErrorLinesExist() throws {
        // Found by fuzzing: an error at the end of the stream was reported on a line after the last one,
        // and lone CRs (line breaks to YAML and editors) were not counted.
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (text, line) in [("rules: [a, b\n  - c", 2), ("rules: [a, b\n  - c\n", 2), ("# one\r# two\rrules: [a,\r", 3)] {
            let url = try Self.write(text, ".mtlint.yml", in: dir)
            do {
                _ = try Configuration.parse(url, known: [:])
                Issue.record("parsed malformed YAML: \(text)")
            } catch {
                guard case .invalid(_, let reported?, _) = error else { Issue.record("no line: \(error)"); continue }
                #expect(reported == line, "\(text.debugDescription): line \(reported)")
            }
        }
        // A lone document marker is an empty configuration, like an empty file.
        let marker = try Self.write("---", ".mtlint.yml", in: dir)
        #expect(try Configuration.parse(marker, known: [:]).disabledRules.isEmpty)
        let list = try Self.write("---\n- a\n", ".mtlint.yml", in: dir)
        #expect {
            try Configuration.parse(list, known: [:])
        } throws: { error in
            guard let e = error as? DataError, case .invalid(_, let line?, _) = e else { return false }
            return line <= 2
        }
        #expect(YAMLFile.lineCount("a\r\nb\rc\nd") == 4)
        #expect(YAMLFile.lineCount("") == 1)
    }

    @Test func controlCodeForALostSpaceIsFixedInOneStep() {
        // Found by fuzzing: deleting a control code between a comma and a word glued them, and the
        // fixed text then needed a second fix (a space after the comma).
        let text = "The talks will take place,\u{16}while Russia waits.\n"
        let once = Fixer.apply(Fixer.safeEdits(TestSupport.linter.lint(text: text).diagnostics), to: SourceText(text))
        #expect(once == "The talks will take place, while Russia waits.\n")
        #expect(Fixer.safeEdits(TestSupport.linter.lint(text: once).diagnostics).isEmpty)
    }

    @Test func exponentialGlobIsBounded() {
        // `*a*a*a…b` against a long run of "a": exponential for a plain backtracking matcher.
        let pattern = String(repeating: "*a", count: 30) + "b"
        #expect(!Glob.matches(pattern, String(repeating: "a", count: 200)))
        #expect(Glob.matches(pattern, String(repeating: "a", count: 40) + "b"))
        #expect(Glob.matches("drafts/**/x*.txt", "drafts/a/b/c/x1.txt"))
    }

    @Test func symlinkLoops() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        _ = try Self.write("The the cat.\n", "a.txt", in: sub)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
        // A folder with a link back up is walked once; the link is not followed.
        let walked = try Self.run([sub.path])
        #expect(walked.status == 1)
        #expect(walked.stdout.components(separatedBy: "[repeated-word]").count == 2)
        // A link to itself named directly is an error that says so.
        let looped = try Self.run([dir.appendingPathComponent("loop.txt").path])
        #expect(looped.status == 2)
        #expect(looped.stderr.contains("loop.txt: too many levels of symbolic links"))
    }

    @Test func folderOfManyFilesIsLintedInBatches() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 2_000
        for i in 0..<count {
            let sub = dir.appendingPathComponent("part\(i / 500)")
            if i % 500 == 0 { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
            try Data("Story \(i): the the talks went well.\n".utf8).write(to: sub.appendingPathComponent("f\(i).txt"))
        }
        for format in ["text", "json"] {
            let r = try Self.run(["--format", format, "--jobs", "2", dir.path], deadline: 600)
            #expect(r.status == 1)
            #expect(r.stderr.contains("in \(count) of \(count) files"), "\(r.stderr.suffix(300))")
            if format == "text" {
                #expect(r.stdout.components(separatedBy: "[repeated-word]").count == count + 1)
                // Files are reported in order across batches.
                let first = try #require(r.stdout.range(of: "part0/f0.txt"))
                let last = try #require(r.stdout.range(of: "part3/f1999.txt"))
                #expect(first.lowerBound < last.lowerBound)
            } else {
                let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
                #expect((object?["files"] as? [Any])?.count == count)
            }
        }
    }
}

private func makePipe(_ fds: inout [Int32]) -> Int32 {
    fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
}

import Foundation
import Testing
@testable import MTLintKit

/// `--fix` killed with SIGKILL part-way through: every file is either as it was or fully fixed, never
/// truncated or half-written (the fixer writes a temporary file beside each one and renames it).
@Suite(.serialized)
struct FixAtomicityTests {
    static func story(_ i: Int) -> String {
        var s = ""
        for k in 0..<40 { s += "Paragraph \(k) of story \(i): the the minister said that the talks went well.\n\n" }
        return s
    }

    @Test func killNineLeavesEachFileOldOrNew() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 400
        // The fixed text of every file, from a run that is not interrupted.
        let reference = dir.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: true)
        try Data(Self.story(0).utf8).write(to: reference.appendingPathComponent("s.txt"))
        _ = try TestSupport.run(["--fix", "--quiet", reference.appendingPathComponent("s.txt").path])
        let fixedZero = try String(contentsOf: reference.appendingPathComponent("s.txt"), encoding: .utf8)
        #expect(fixedZero != Self.story(0))
        func fixed(_ i: Int) -> String { fixedZero.replacingOccurrences(of: "of story 0:", with: "of story \(i):") }

        var sawPartial = false
        for (trial, delay) in [0.0, 0.01, 0.05, 0.2].enumerated() {
            let work = dir.appendingPathComponent("trial\(trial)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            for i in 0..<count { try Data(Self.story(i).utf8).write(to: work.appendingPathComponent("s\(i).txt")) }
            let p = Process()
            p.executableURL = TestSupport.executable
            p.arguments = ["--fix", "--quiet", "--jobs", "1", work.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Kill once the first file has been rewritten (plus a delay), so the kill lands mid-run.
            let first = work.appendingPathComponent("s0.txt")
            let deadline = Date().addingTimeInterval(120)
            while p.isRunning && Date() < deadline,
                  (try? String(contentsOf: first, encoding: .utf8)) == Self.story(0) {
                Thread.sleep(forTimeInterval: 0.002)
            }
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            var old = 0, new = 0
            for i in 0..<count {
                let text = try String(contentsOf: work.appendingPathComponent("s\(i).txt"), encoding: .utf8)
                if text == Self.story(i) { old += 1 } else if text == fixed(i) { new += 1 } else {
                    Issue.record("trial \(trial): s\(i).txt is neither the old nor the fixed text (\(text.utf8.count) bytes)")
                }
            }
            #expect(old + new == count)
            if old > 0 && new > 0 { sawPartial = true }
            // Whatever the kill left behind is only hidden temporary files, never a visible one.
            let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
            for n in names where !n.hasPrefix("s") { #expect(n.hasPrefix(".s") && n.contains(".mtlint-")) }
        }
        // At least one kill landed while files were being written (else the test proved nothing).
        #expect(sawPartial)
    }
    /// Found by fuzzing: on this garbled UTF-16 file two safe fixes overlapped, so one `--fix` left work
    /// for a second. `--fix` now re-lints and fixes until nothing is left.
    @Test func oneFixRunLeavesNothingForASecond() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try #require(Data(base64Encoded: "//7//lUAVABGAC0AIAB0AGUAeAB0ACAAdwBpAHQAaAAgAHQAaABlACAAAQAAL3QAaABlACAAcgBlAHAAZQBhVWtyYWluZSwgUnVzc2lhbiBvZmZpY2lhbHMgaGF2ZSBhY2N1c2VkIFVrcmFpbmUgbwD//////////////////////////////////////////////////////////////////3MsIFJ1c3NpYW4gb2ZmaWNpYWxzIHRvbGQgVGhlIE1vc2NvdyBUaW1lcyB0aGlzIHdlZWsgdGhhdCBQdXRpbiBkaWQgbm90IHBsYW4gb24KYWNjZXB0aW5nIFplbGVuc2t54oCZcyBvZmZlciBmb3IgYW4gaW4tcGVyc29uIG1lZXRpbmcgYXQgdGhpc2d0IHNhZSBpbiB0aGUgdGFsa3MsIHNheWluZyB0aGEA//7//lUAVABGAC0Az//J/9//i/9lAHgAdAAgAHcAaQB0AKD/3/90AGgAZQAgAHQAaABl/w///wAgAHIAZQBwAGUAYQB0ACsuAAoA//////////////////////////////////////90AC4ACnoAMQA2ACAAdABlAHgAdAAgAHcAaQB0AGgAIAB0AGgAZQAgAHQAaABlACAAcgBlAHAAZQBhAHQALgAKAA=="))
        let file = dir.appendingPathComponent("garbled.txt")
        try bytes.write(to: file)
        _ = try TestSupport.run(["--fix", "--quiet", file.path])
        let once = try Data(contentsOf: file)
        #expect(once != bytes)
        _ = try TestSupport.run(["--fix", "--quiet", file.path])
        #expect(try Data(contentsOf: file) == once)
    }
}

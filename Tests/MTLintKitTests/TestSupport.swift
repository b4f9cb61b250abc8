import Foundation
@testable import MTLintKit

/// Paths and shared objects for the tests.
enum TestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let rulesDirectory = repoRoot.appendingPathComponent("Rules")
    static let samples = repoRoot.appendingPathComponent("Samples")

    static let rules: [any Rule] = try! RuleRegistry.builtin(rules: rulesDirectory)
    static let linter = Linter(rules: rules)

    /// The dev sets beside the repository (`../shared/devdata`): present in CI, absent in a fresh clone, so
    /// tests that read them are skipped without them.
    static let devData = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/devdata")

    /// The `text` fields of a dev set's JSON lines, or nil when the set is not there.
    static func devTexts(_ name: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: devData.appendingPathComponent(name).path) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }

    static var hasDevData: Bool { devTexts("clean-news-en.jsonl") != nil }

    static func sample(_ prefix: String) -> (name: String, text: String) {
        let names = try! FileManager.default.contentsOfDirectory(atPath: samples.path)
        let name = names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
        let data = FileManager.default.contents(atPath: samples.appendingPathComponent(name).path)!
        return (name, String(decoding: data, as: UTF8.self))
    }

    /// Code points of a string, for slicing by reported offsets.
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func slice(_ s: String, _ start: Int, _ end: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars(s)[start..<end])
        return String(v)
    }

    /// A text with «…» markers: the text without them and the marked code-point range.
    static func unmark(_ text: String) -> (String, Range<Int>?) {
        var out = String.UnicodeScalarView()
        var start: Int?, end: Int?
        var n = 0
        for u in text.unicodeScalars {
            if u == "«" { start = n; continue }
            if u == "»" { end = n; continue }
            out.append(u)
            n += 1
        }
        if let start, let end { return (String(out), start..<end) }
        return (String(out), nil)
    }

    /// The built `mtlint` executable next to the test bundle.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mtlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot.appendingPathComponent(".build/debug/mtlint")
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the CLI with arguments and optional standard input.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> RunResult {
        // A child that exits before reading all its input must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        // A child may exit before reading its input (an option error): the write then fails with EPIPE,
        // which the throwing API reports instead of trapping.
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// SplitMix64: a seeded generator, so every run sees the same cases (tests).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
@testable import MTLintKit

/// What every fuzz target shares: the rules, the input's parts, scratch files and the invariants.
public enum Fuzz {
    public static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let rulesDirectory = repoRoot.appendingPathComponent("Rules")
    public static let rules: [any Rule] = {
        do { return try RuleRegistry.builtin(rules: rulesDirectory) } catch {
            fatalError("fuzz: cannot load the rules from \(rulesDirectory.path): \(error)")
        }
    }()
    public static let linter = Linter(rules: rules)
    public static let knownRules = Set(rules.flatMap { $0.infos.map(\.id) })

    /// A broken invariant: the input is reported as a crash, with the reason.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #file, line: UInt = #line) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz invariant failed (\(file):\(line)): \(message())\n".utf8))
            abort()
        }
    }

    /// The input's bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The first byte chooses among `count` variants; the rest is the payload.
    public static func choose(_ bytes: [UInt8], among count: Int) -> (Int, [UInt8]) {
        guard let first = bytes.first else { return (0, []) }
        return (Int(first) % count, Array(bytes.dropFirst()))
    }

    /// The payload split at the first NUL: two independent inputs (a rule pack and a text, a configuration
    /// and a baseline).
    public static func split(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
        guard let i = bytes.firstIndex(of: 0) else { return (bytes, []) }
        return (Array(bytes[..<i]), Array(bytes[(i + 1)...]))
    }

    /// A scratch file of this process, rewritten for each input (the readers under test read files).
    public static func scratch(_ name: String, _ bytes: [UInt8]) -> URL {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mtlint-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }

    /// Every diagnostic lies inside the text, on character boundaries, with its own text and a line and
    /// column that agree with its offsets.
    public static func checkDiagnostics(_ result: LintResult, _ what: String) {
        let source = result.source
        let boundaries = characterBoundaries(source)
        for d in result.diagnostics {
            require(d.start >= 0 && d.start <= d.end && d.end <= source.count,
                    "\(what): \(d.ruleID) range \(d.start)..<\(d.end) outside 0..<\(source.count)")
            require(boundaries.contains(d.start) && boundaries.contains(d.end),
                    "\(what): \(d.ruleID) range \(d.start)..<\(d.end) splits a character")
            require(d.text == source.text(d.range), "\(what): \(d.ruleID) text differs from the slice it names")
            let (l, c) = source.lineAndColumn(of: d.start)
            require(l == d.line && c == d.column, "\(what): \(d.ruleID) line:column \(d.line):\(d.column), offsets say \(l):\(c)")
            let (el, ec) = source.lineAndColumn(of: d.end)
            require(el == d.endLine && ec == d.endColumn, "\(what): \(d.ruleID) end \(d.endLine):\(d.endColumn), offsets say \(el):\(ec)")
            require(!d.message.isEmpty, "\(what): \(d.ruleID) has no message")
        }
        let s = result.score
        require(s >= 0 && s <= 1, "\(what): score \(s) outside 0...1")
    }

    /// Code-point offsets where an extended grapheme cluster starts, plus the end.
    static func characterBoundaries(_ source: SourceText) -> Set<Int> {
        var view = String.UnicodeScalarView()
        for v in source.scalars { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
        let s = String(view)
        var out: Set<Int> = [0]
        var n = 0
        for ch in s { n += ch.unicodeScalars.count; out.insert(n) }
        return out
    }

    /// Every reporter's output of `report`; the machine-readable ones must parse.
    public static func checkReporters(_ report: Report) {
        for type in Reporters.all {
            let reporter = type.init(color: type.identifier == "text")
            let out = reporter.report(report)
            switch type.identifier {
            case "json", "sarif":
                require((try? JSONSerialization.jsonObject(with: Data(out.utf8))) != nil, "\(type.identifier) output does not parse")
            case "jsonl":
                for line in out.split(separator: "\n") {
                    require((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "jsonl line does not parse: \(line)")
                }
            case "checkstyle":
                var ok = true
                do { _ = try XMLTree(out.unicodeScalars.map(\.value)) } catch { ok = false }
                require(ok, "checkstyle output is not well-formed XML")
            default:
                break
            }
        }
    }
}

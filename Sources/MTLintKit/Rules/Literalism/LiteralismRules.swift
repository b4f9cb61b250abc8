import Foundation

/// The literalism family: every pack in `Rules/literalisms/` plus packs a user names.
enum LiteralismRules {
    static func all(rules: URL, words: Lazy<WordList?>, extraPacks: [URL] = []) throws(DataError) -> [any Rule] {
        let folder = rules.appendingPathComponent("literalisms")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        var packs: [LiteralismPack] = []
        for name in names { packs.append(try LiteralismPack.loadCompiled(folder.appendingPathComponent(name))) }
        for url in extraPacks { packs.append(try LiteralismPack.loadCompiled(url)) }
        var seen: [String: String] = [:]
        var entries: [LiteralismEntry] = []
        for p in packs {
            for e in p.entries {
                if let other = seen[e.info.id] {
                    throw .invalid(path: p.path, line: e.line, detail: "duplicate rule id '\(e.info.id)' (also in \(other))")
                }
                seen[e.info.id] = p.path
                entries.append(e)
            }
        }
        return entries.isEmpty ? [] : [LiteralismRule(entries: entries)]
    }
}

/// Runs the examples of a literalism pack and reports failures with their line numbers
/// (`mtlint test-rules FILE`).
public enum PackTester {
    public struct Failure: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var ruleID: String
        public var problem: String
        public var description: String { "\(path):\(line): \(ruleID): \(problem)" }
    }

    /// Loads the pack (errors name file and line) and runs every entry's examples.
    public static func test(pack url: URL) throws(DataError) -> (entries: Int, examples: Int, failures: [Failure]) {
        let pack = try LiteralismPack.load(url)
        let rule = LiteralismRule(entries: pack.entries)
        var failures: [Failure] = []
        var examples = 0
        for e in pack.entries {
            let linter = Linter(rules: [rule], enabled: [e.info.id])
            for (k, ex) in e.info.triggers.enumerated() {
                examples += 1
                let line = k < e.triggerLines.count ? e.triggerLines[k] : e.line
                let (text, marked) = unmark(ex.text)
                let found = linter.lint(text: text).diagnostics
                if found.isEmpty {
                    failures.append(Failure(path: url.path, line: line, ruleID: e.info.id, problem: "does not fire on: \(text)"))
                } else if let marked, !found.contains(where: { $0.range == marked }) {
                    failures.append(Failure(path: url.path, line: line, ruleID: e.info.id,
                                            problem: "flags “\(found[0].text)” instead of the marked «…» span"))
                } else if let s = ex.suggestion, !found.contains(where: { $0.suggestions.contains(s) }) {
                    failures.append(Failure(path: url.path, line: line, ruleID: e.info.id,
                                            problem: "suggests \(found[0].suggestions) instead of “\(s)”"))
                }
            }
            for (k, q) in e.info.quiet.enumerated() {
                examples += 1
                let found = linter.lint(text: q).diagnostics
                if let d = found.first {
                    let line = k < e.quietLines.count ? e.quietLines[k] : e.line
                    failures.append(Failure(path: url.path, line: line, ruleID: e.info.id, problem: "fires on a quiet example: “\(d.text)” in: \(q)"))
                }
            }
        }
        return (pack.entries.count, examples, failures)
    }

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
        if let start, let end, start <= end { return (String(out), start..<end) }
        return (String(out), nil)
    }
}

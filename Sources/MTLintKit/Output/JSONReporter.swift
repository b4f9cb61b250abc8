/// `--format json`: one document with every file's diagnostics (positions in code points).
public struct JSONReporter: Reporter {
    public static let identifier = "json"
    public static let summary = "one JSON document: every file with its score, evidence, diagnostics and paragraphs, and a summary"

    public init(color: Bool = false) {}

    public func report(_ report: Report) -> String {
        var items = report.files.map { Self.file(path: $0.path, result: $0.result) }
        items += report.unreadable.map { Self.file(path: $0.path, result: nil, error: $0.error) }
        return Self.report(files: items, summary: report.summary)
    }

    /// One diagnostic as a JSON object.
    public static func diagnostic(_ d: Diagnostic, full: Bool = true) -> String {
        var pairs: [(String, String)] = [
            ("rule", JSON.quoted(d.ruleID)),
            ("category", JSON.quoted(d.category.rawValue)),
            ("severity", JSON.quoted(d.severity.rawValue)),
            ("message", JSON.quoted(d.message)),
            ("start", String(d.start)),
            ("end", String(d.end)),
        ]
        if full {
            pairs += [
                ("line", String(d.line)),
                ("column", String(d.column)),
                ("endLine", String(d.endLine)),
                ("endColumn", String(d.endColumn)),
                ("text", JSON.quoted(d.text)),
            ]
        }
        pairs.append(("suggestions", JSON.array(d.suggestions.map(JSON.quoted))))
        return JSON.object(pairs)
    }

    /// One paragraph's garble score: original code-point range, score (chance of a major error), evidence of
    /// garble, raw signal values, and its sentences.
    public static func paragraph(_ p: PassageScore) -> String {
        JSON.object([
            ("start", String(p.start)),
            ("end", String(p.end)),
            ("score", JSON.number(p.score)),
            ("evidence", JSON.number(p.evidence)),
            ("signals", JSON.object(p.signals.map { ($0.name, JSON.number($0.value)) })),
            ("sentences", JSON.array(p.sentences.map {
                JSON.object([("start", String($0.start)), ("end", String($0.end)), ("score", JSON.number($0.score)),
                             ("evidence", JSON.number($0.evidence))])
            })),
        ])
    }

    /// One file's entry: its path and diagnostics, or the error that kept it from being linted.
    public static func file(path: String, result: LintResult?, error: String? = nil) -> String {
        var pairs: [(String, String)] = [("path", JSON.quoted(path))]
        if let error { pairs.append(("error", JSON.quoted(error))) }
        if let result {
            pairs.append(("score", JSON.number(result.score)))
            pairs.append(("evidence", JSON.number(result.evidence)))
            pairs.append(("diagnostics", JSON.array(result.diagnostics.map { diagnostic($0) })))
            pairs.append(("paragraphs", JSON.array(result.paragraphs.map { paragraph($0) })))
        }
        return JSON.object(pairs)
    }

    public static func report(files: [String], summary: Summary) -> String {
        JSON.object([
            ("version", "1"),
            ("files", "[\n" + files.joined(separator: ",\n") + "\n]"),
            ("summary", summary.json),
        ]) + "\n"
    }
}

/// Counts over a whole run.
public struct Summary: Sendable {
    public var files = 0
    public var filesWithFindings = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    public var failed = 0

    public init() {}

    public mutating func add(_ result: LintResult) {
        files += 1
        if !result.diagnostics.isEmpty { filesWithFindings += 1 }
        for d in result.diagnostics {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    public var findings: Int { errors + warnings + infos }

    var json: String {
        JSON.object([("files", String(files)), ("errors", String(errors)), ("warnings", String(warnings)),
                     ("info", String(infos)), ("unreadable", String(failed))])
    }
}

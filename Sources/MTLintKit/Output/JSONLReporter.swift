import Foundation

/// One JSON object per diagnostic and line, with its file's path: for streaming into other tools.
public struct JSONLReporter: Reporter {
    public static let identifier = "jsonl"
    public static let streams = true
    public static let summary = "one JSON object per diagnostic and line, with its path"

    public init(color: Bool = false) {}

    public func report(_ report: Report) -> String {
        var out = ""
        for f in report.files {
            for d in f.result.diagnostics {
                out += JSON.object([("path", JSON.quoted(f.path))]).dropLast() + "," + JSONReporter.diagnostic(d).dropFirst() + "\n"
            }
        }
        return out
    }
}

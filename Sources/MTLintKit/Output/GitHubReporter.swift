import Foundation

/// GitHub Actions workflow commands: `::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
/// Columns in code points.
public struct GitHubReporter: Reporter {
    public static let identifier = "github"
    public static let streams = true
    public static let summary = "GitHub Actions workflow commands (annotations on the pull request)"

    public init(color: Bool = false) {}

    public func report(_ report: Report) -> String {
        report.files.map { Self.render(path: $0.path, result: $0.result) }.joined()
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public static func render(path: String, result: LintResult) -> String {
        var out = ""
        for d in result.diagnostics {
            let command = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
            var message = d.message
            if let s = d.suggestions.first { message += s.isEmpty ? " (delete it)" : " Suggestion: “\(s)”." }
            out += "::\(command) file=\(escapeProperty(path)),line=\(d.line),endLine=\(d.endLine),col=\(d.column),endColumn=\(d.endColumn),title=\(escapeProperty("mtlint " + d.ruleID))::\(escapeData(message))\n"
        }
        return out
    }
}

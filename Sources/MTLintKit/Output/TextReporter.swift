/// The default output, like a compiler's: `path:line:col: severity: message [rule-id]`, the source line,
/// an underline and the suggestion. Colour only when asked (the CLI asks on a terminal).
public struct TextReporter: Reporter {
    public static let identifier = "text"
    public static let streams = true
    public static let summary = "compiler-style lines with the source line, an underline and the suggestion"

    public func report(_ report: Report) -> String {
        report.files.map { render(path: $0.path, result: $0.result) }.joined()
    }

    public var color: Bool
    /// Longest source excerpt shown, in code points.
    public var width = 100

    public init(color: Bool) { self.color = color }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    private func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .info: return paint("info", "1;36")
        }
    }

    public func render(path: String, result: LintResult) -> String {
        var out = ""
        for d in result.diagnostics { out += render(path: path, diagnostic: d, source: result.source) }
        return out
    }

    public func render(path: String, diagnostic d: Diagnostic, source: SourceText) -> String {
        var out = paint("\(path):\(d.line):\(d.column):", "1") + " \(severityLabel(d.severity)): \(d.message) "
            + paint("[\(d.ruleID)]", "2") + "\n"
        let line = source.lineRange(d.line)
        let spanStart = d.start
        let spanEnd = min(d.end, line.upperBound)
        // A window of the line around the span, so 1,000-character paragraph lines stay readable.
        var lo = line.lowerBound, hi = line.upperBound
        if hi - lo > width {
            lo = max(line.lowerBound, spanStart - width / 3)
            hi = min(line.upperBound, max(spanEnd, lo) + width / 3 * 2)
            if hi - lo < width { lo = max(line.lowerBound, hi - width) }
        }
        var excerpt = ""
        var caretPad = 0, caretLength = 0
        if lo > line.lowerBound { excerpt += "…"; caretPad += 1 }
        for c in lo..<hi {
            let v = source.scalars[c]
            let shown: UInt32 = (v == 0x09 || v < 0x20 || v == 0x7F) ? 0x20 : v
            excerpt.unicodeScalars.append(Unicode.Scalar(shown) ?? " ")
            if c < spanStart { caretPad += 1 } else if c < spanEnd { caretLength += 1 }
        }
        if hi < line.upperBound { excerpt += "…" }
        let gutter = String(d.line)
        let blank = String(repeating: " ", count: gutter.count)
        out += paint("\(gutter) |", "34") + " " + excerpt + "\n"
        out += paint("\(blank) |", "34") + " " + String(repeating: " ", count: caretPad)
            + paint(String(repeating: "^", count: max(1, caretLength)), "1;32") + "\n"
        if let s = d.suggestions.first {
            let more = d.suggestions.count > 1 ? " (or " + d.suggestions.dropFirst().map { "`\($0)`" }.joined(separator: ", ") + ")" : ""
            let shown = s.isEmpty ? "delete `\(d.text)`" : "replace with `\(s)`"
            out += paint("\(blank) =", "34") + " suggestion: " + shown + more + "\n"
        }
        return out
    }

    public func summary(_ s: Summary) -> String {
        if s.findings == 0 { return "No findings in \(s.files) file\(s.files == 1 ? "" : "s").\n" }
        return "\(s.findings) finding\(s.findings == 1 ? "" : "s") (\(s.errors) error\(s.errors == 1 ? "" : "s"), "
            + "\(s.warnings) warning\(s.warnings == 1 ? "" : "s"), \(s.infos) info) in \(s.filesWithFindings) of \(s.files) file\(s.files == 1 ? "" : "s").\n"
    }
}

import Foundation

/// Inline suppressions written in the linted text as HTML comments (recognised in plain text, HTML and
/// Markdown alike, and never linted themselves):
///
///     <!-- mtlint-disable repeated-word, noun-of-same-noun -- reason -->   … until …
///     <!-- mtlint-enable repeated-word -->
///     <!-- mtlint-disable-next-line same-stem-pair -->
///
/// Without rule ids a comment covers every rule. Text after " -- " is a free-form reason.
public struct Suppressions: Sendable {
    struct Directive {
        enum Kind { case disable, enable, nextLine }
        var kind: Kind
        var rules: [String]   // empty = all
        var start: Int
        var end: Int
        var line: Int
    }

    var directives: [Directive] = []
    let source: SourceText

    public init(source: SourceText) {
        self.source = source
        let s = source.scalars
        var i = 0
        while i + 4 <= s.count {
            if s[i] == 0x3C && s[i + 1] == 0x21 && s[i + 2] == 0x2D && s[i + 3] == 0x2D,
               let end = HTMLScanner.find(s, [0x2D, 0x2D, 0x3E], from: i + 4, limit: s.count) {
                let body = source.text((i + 4)..<(end - 3)).trimmingCharacters(in: .whitespacesAndNewlines)
                if let d = Self.parse(body, start: i, end: end, line: source.lineAndColumn(of: i).line) { directives.append(d) }
                i = end
                continue
            }
            i += 1
        }
    }

    static func parse(_ body: String, start: Int, end: Int, line: Int) -> Directive? {
        var text = body
        if let reason = text.range(of: " -- ") { text = String(text[..<reason.lowerBound]) }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard let head = words.first else { return nil }
        let kind: Directive.Kind
        switch head {
        case "mtlint-disable": kind = .disable
        case "mtlint-enable": kind = .enable
        case "mtlint-disable-next-line": kind = .nextLine
        default: return nil
        }
        return Directive(kind: kind, rules: Array(words.dropFirst()), start: start, end: end, line: line)
    }

    public var isEmpty: Bool { directives.isEmpty }

    /// Drops suppressed diagnostics. With `reportUnused`, adds a warning for each directive that
    /// suppressed nothing; unknown rule ids in directives are always reported.
    public func apply(_ diagnostics: [Diagnostic], knownRules: Set<String>, reportUnused: Bool) -> [Diagnostic] {
        guard !directives.isEmpty else { return diagnostics }
        var used = [Bool](repeating: false, count: directives.count)
        var kept: [Diagnostic] = []
        for d in diagnostics {
            if let k = suppressor(of: d) { used[k] = true } else { kept.append(d) }
        }
        var extra: [Diagnostic] = []
        for (k, dir) in directives.enumerated() {
            for r in dir.rules where !knownRules.contains(r) {
                extra.append(note(dir, "Unknown rule id “\(r)” in suppression comment."))
            }
            if reportUnused && !used[k] && dir.kind != .enable {
                extra.append(note(dir, "Suppression comment suppresses nothing."))
            }
        }
        return (kept + extra).sorted { ($0.start, $0.end, $0.ruleID) < ($1.start, $1.end, $1.ruleID) }
    }

    private func note(_ dir: Directive, _ message: String) -> Diagnostic {
        let (line, column) = source.lineAndColumn(of: dir.start)
        let (endLine, endColumn) = source.lineAndColumn(of: dir.end)
        return Diagnostic(ruleID: "suppression", category: .suppression, severity: .warning, message: message,
                          start: dir.start, end: dir.end, line: line, column: column, endLine: endLine,
                          endColumn: endColumn, text: source.text(dir.start..<dir.end), suggestions: [], fixIsSafe: false)
    }

    /// Index of the directive that suppresses `d`, if any.
    private func suppressor(of d: Diagnostic) -> Int? {
        var active: Int?
        for (k, dir) in directives.enumerated() {
            let applies = dir.rules.isEmpty || dir.rules.contains(d.ruleID)
            guard applies else { continue }
            switch dir.kind {
            case .disable: if dir.end <= d.start { active = k }
            case .enable: if dir.end <= d.start { active = nil }
            case .nextLine:
                // The first line after the comment that holds any text.
                var target = source.lineAndColumn(of: dir.end).line + 1
                while target < source.lineStarts.count && source.text(source.lineRange(target)).allSatisfy(\.isWhitespace) { target += 1 }
                if d.line == target { return k }
            }
        }
        return active
    }
}

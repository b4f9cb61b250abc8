import Foundation
/// Applies suggestions to the original text: the first suggestion of each chosen diagnostic, skipping
/// any that overlaps one already applied, so the result is well defined and a second run is stable.
public enum Fixer {
    public struct Edit: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var replacement: String
    }

    /// Non-overlapping edits for the diagnostics whose rules mark their fixes safe.
    /// In markup (`format` HTML, TMX or XLIFF) the replacements' '&', '<' and '>' are written as references.
    public static func safeEdits(_ diagnostics: [Diagnostic], format: MarkupFormat = .plain) -> [Edit] {
        var edits: [Edit] = []
        var lastEnd = -1
        let escape = format == .html || format.isBitextFile
        for d in diagnostics.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) where d.fixIsSafe {
            guard let s = d.suggestions.first, d.start >= lastEnd, s != d.text else { continue }
            edits.append(Edit(start: d.start, end: d.end, replacement: escape ? escaped(s) : s))
            lastEnd = d.end
        }
        return edits
    }

    static func escaped(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The text with the edits applied (edits in code points of `source`).
    public static func apply(_ edits: [Edit], to source: SourceText) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        for e in edits.sorted(by: { $0.start < $1.start }) {
            while i < e.start { out.append(Unicode.Scalar(source.scalars[i])!); i += 1 }
            out.append(contentsOf: e.replacement.unicodeScalars)
            i = e.end
        }
        while i < source.count { out.append(Unicode.Scalar(source.scalars[i])!); i += 1 }
        return String(out)
    }

    /// Most passes `fixedPoint` makes: real text settles in one or two.
    public static let maxPasses = 5

    /// Applies the safe fixes, re-lints the fixed text and applies what is left, until no safe fix remains
    /// or `maxPasses` ran. Two rules' fixes on the same characters cannot both apply in one pass (the
    /// second is skipped), and one fix can make another (a deleted control code leaves two words to
    /// join): after this, a second `--fix` changes nothing. `relint` lints a text as the first pass did.
    public static func fixedPoint(_ source: SourceText, firstEdits: [Edit], format: MarkupFormat,
                                  relint: (SourceText) -> [Diagnostic]) -> (text: String, passes: Int, settled: Bool) {
        var text = apply(firstEdits, to: source)
        var passes = 1
        while passes < maxPasses {
            let current = SourceText(text)
            let edits = safeEdits(relint(current), format: format)
            if edits.isEmpty { return (text, passes, true) }
            text = apply(edits, to: current)
            passes += 1
        }
        return (text, passes, safeEdits(relint(SourceText(text)), format: format).isEmpty)
    }

    /// One edit that turns `source` into `text` (their common beginning and end left out), for a diff of
    /// several passes of fixes.
    public static func edit(from source: SourceText, to text: String) -> Edit {
        let new = SourceText(text)
        let a = source.scalars, b = new.scalars
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        return Edit(start: prefix, end: a.count - suffix, replacement: new.text(prefix..<(b.count - suffix)))
    }

    /// A unified diff of the lines the edits touch, with three lines of context.
    public static func unifiedDiff(path: String, source: SourceText, edits: [Edit]) -> String {
        guard !edits.isEmpty else { return "" }
        let lineCount = source.lineStarts.count
        func lineText(_ l: Int) -> String {
            let start = source.lineStarts[l - 1]
            let end = l < lineCount ? source.lineStarts[l] : source.count
            return source.text(start..<end)
        }
        // Group edits whose line ranges (with context) touch.
        struct Change { var firstLine: Int; var lastLine: Int; var edits: [Edit] }
        var changes: [Change] = []
        for e in edits.sorted(by: { $0.start < $1.start }) {
            let a = source.lineAndColumn(of: e.start).line
            let b = source.lineAndColumn(of: max(e.start, e.end - 1)).line
            if var last = changes.last, a <= last.lastLine + 6 {
                last.lastLine = max(last.lastLine, b); last.edits.append(e)
                changes[changes.count - 1] = last
            } else {
                changes.append(Change(firstLine: a, lastLine: b, edits: [e]))
            }
        }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var delta = 0
        for c in changes {
            let from = max(1, c.firstLine - 3), to = min(lineCount, c.lastLine + 3)
            let oldLines = (from...to).map(lineText)
            // New text of the changed lines: apply this change's edits to the slice.
            let sliceStart = source.lineStarts[from - 1]
            let sliceEnd = to < lineCount ? source.lineStarts[to] : source.count
            var newText = ""
            var i = sliceStart
            for e in c.edits {
                newText += source.text(i..<e.start) + e.replacement
                i = e.end
            }
            newText += source.text(i..<sliceEnd)
            let newLines = splitKeepingEnds(newText)
            out += "@@ -\(from),\(oldLines.count) +\(from + delta),\(newLines.count) @@\n"
            // Common leading and trailing lines are context; the middle is removed and added.
            var head = 0
            while head < min(oldLines.count, newLines.count) && oldLines[head] == newLines[head] { head += 1 }
            var tail = 0
            while tail < min(oldLines.count, newLines.count) - head && oldLines[oldLines.count - 1 - tail] == newLines[newLines.count - 1 - tail] { tail += 1 }
            for l in oldLines[..<head] { out += " " + withNewline(l) }
            for l in oldLines[head..<(oldLines.count - tail)] { out += "-" + withNewline(l) }
            for l in newLines[head..<(newLines.count - tail)] { out += "+" + withNewline(l) }
            for l in oldLines[(oldLines.count - tail)...] { out += " " + withNewline(l) }
            delta += newLines.count - oldLines.count
        }
        return out
    }

    static func splitKeepingEnds(_ s: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousCR = false
        for u in s.unicodeScalars {
            if previousCR && u != "\n" { lines.append(current); current = "" }
            current.unicodeScalars.append(u)
            previousCR = false
            if u == "\n" { lines.append(current); current = "" } else if u == "\r" { previousCR = true }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func withNewline(_ l: String) -> String {
        l.hasSuffix("\n") || l.hasSuffix("\r") ? l : l + "\n\\ No newline at end of file\n"
    }
}

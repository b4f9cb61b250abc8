/// Prose of a Markdown document (CommonMark's common constructs). Skipped: front matter, fenced and
/// indented code, code spans, HTML comments and tags, link and image targets, reference definitions,
/// images, emphasis markers, heading and list markers, table pipes. A paragraph's lines are one flow of
/// text; headings, list items and table cells are paragraphs of their own.
struct MarkdownExtractor {
    let s: [UInt32]
    var out = ProseBuffer()

    init(_ scalars: [UInt32]) { s = scalars }

    private typealias Line = PlainTextExtractor.Line

    mutating func run() -> ProseBuffer {
        let lines = PlainTextExtractor(s).lines()
        var i = 0
        // Front matter: YAML (---) or TOML (+++) fenced at the very start.
        if let first = lines.first, let fence = fenceLine(first, chars: [0x2D, 0x2B], exactly: 3) {
            var j = 1
            while j < lines.count {
                if fenceLine(lines[j], chars: [fence], exactly: 3) != nil || (fence == 0x2D && isExactly(lines[j], "...")) { break }
                j += 1
            }
            if j < lines.count { i = j + 1 }
        }
        var fence: (char: UInt32, count: Int)? = nil
        var inComment = false
        var inParagraph = false
        var previousBreak: (Int, Int)? = nil  // line break after the previous paragraph line

        while i < lines.count {
            let line = lines[i]
            i += 1
            if let f = fence {
                let (b, _) = indent(line)
                let run = runLength(b, line.end, f.char)
                if run >= f.count && onlySpaces(b + run, line.end) { fence = nil }
                continue
            }
            if inComment {
                if HTMLScanner.find(s, [0x2D, 0x2D, 0x3E], from: line.start, limit: line.end) != nil { inComment = false }
                continue
            }
            if line.isBlank {
                out.endParagraph(); inParagraph = false
                continue
            }
            var (b, width) = indent(line)
            if width >= 4 && !inParagraph { continue } // indented code
            // Block quotes: strip the markers and read on.
            while b < line.end && s[b] == 0x3E {
                b += 1
                if b < line.end && s[b] == 0x20 { b += 1 }
                while b < line.end && (s[b] == 0x20 || s[b] == 0x09) { b += 1 }
            }
            if b >= line.end { out.endParagraph(); inParagraph = false; continue }
            let c = s[b]
            if c == 0x60 || c == 0x7E {
                let run = runLength(b, line.end, c)
                if run >= 3 && (c == 0x7E || !contains(b + run, line.end, 0x60)) {
                    out.endParagraph(); inParagraph = false
                    fence = (c, run)
                    continue
                }
            }
            if c == 0x3C && HTMLScanner.matches(s, at: b, "<!--", limit: line.end)
                && HTMLScanner.find(s, [0x2D, 0x2D, 0x3E], from: b + 4, limit: line.end) == nil {
                out.endParagraph(); inParagraph = false
                inComment = true
                continue
            }
            if isThematicBreak(b, line.end) || (inParagraph && isSetextUnderline(b, line.end)) {
                out.endParagraph(); inParagraph = false
                continue
            }
            if c == 0x23 { // ATX heading
                let run = runLength(b, line.end, 0x23)
                if run <= 6 && (b + run == line.end || s[b + run] == 0x20 || s[b + run] == 0x09) {
                    out.endParagraph(); inParagraph = false
                    var e = line.end
                    while e > b + run && (s[e - 1] == 0x20 || s[e - 1] == 0x09) { e -= 1 }
                    var h = e
                    while h > b + run && s[h - 1] == 0x23 { h -= 1 }
                    if h == b + run || s[h - 1] == 0x20 || s[h - 1] == 0x09 { e = h }
                    emitInline(b + run, e)
                    out.endParagraph()
                    continue
                }
            }
            if c == 0x5B && isReferenceDefinition(b, line.end) { out.endParagraph(); inParagraph = false; continue }
            if let contentStart = listItemContent(b, line.end) {
                out.endParagraph()
                inParagraph = true
                previousBreak = (line.end, line.breakEnd)
                emitInline(contentStart, line.end)
                continue
            }
            if contains(b, line.end, 0x7C) && (c == 0x7C || isTableRowFollowing(i, lines)) {
                out.endParagraph(); inParagraph = false
                if isTableDelimiter(b, line.end) { continue }
                emitTableRow(b, line.end)
                continue
            }
            if inParagraph, let br = previousBreak {
                out.appendSpace(from: br.0, to: br.1)
            }
            inParagraph = true
            previousBreak = (line.end, line.breakEnd)
            emitInline(b, line.end)
        }
        out.endParagraph()
        return out
    }

    // MARK: - Block helpers

    private func indent(_ l: Line) -> (Int, Int) {
        var b = l.start, width = 0
        while b < l.end && (s[b] == 0x20 || s[b] == 0x09) { width += s[b] == 0x09 ? 4 : 1; b += 1 }
        return (b, width)
    }

    private func runLength(_ b: Int, _ e: Int, _ c: UInt32) -> Int {
        var k = b
        while k < e && s[k] == c { k += 1 }
        return k - b
    }

    private func onlySpaces(_ b: Int, _ e: Int) -> Bool {
        var k = b
        while k < e { if s[k] != 0x20 && s[k] != 0x09 { return false }; k += 1 }
        return true
    }

    private func contains(_ b: Int, _ e: Int, _ c: UInt32) -> Bool {
        var k = b
        while k < e { if s[k] == c { return true }; k += 1 }
        return false
    }

    private func isExactly(_ l: Line, _ text: String) -> Bool {
        HTMLScanner.matches(s, at: l.start, text, limit: l.end) && onlySpaces(l.start + text.unicodeScalars.count, l.end)
    }

    private func fenceLine(_ l: Line, chars: [UInt32], exactly n: Int) -> UInt32? {
        guard l.end - l.start >= n, chars.contains(s[l.start]) else { return nil }
        let c = s[l.start]
        return runLength(l.start, l.end, c) == n && onlySpaces(l.start + n, l.end) ? c : nil
    }

    private func isThematicBreak(_ b: Int, _ e: Int) -> Bool {
        let c = s[b]
        guard c == 0x2D || c == 0x2A || c == 0x5F else { return false }
        var count = 0
        var k = b
        while k < e {
            if s[k] == c { count += 1 } else if s[k] != 0x20 && s[k] != 0x09 { return false }
            k += 1
        }
        return count >= 3
    }

    private func isSetextUnderline(_ b: Int, _ e: Int) -> Bool {
        let c = s[b]
        guard c == 0x3D || c == 0x2D else { return false }
        return onlySpaces(b + runLength(b, e, c), e)
    }

    private func isReferenceDefinition(_ b: Int, _ e: Int) -> Bool {
        var k = b + 1
        while k < e && s[k] != 0x5D { k += 1 }
        return k + 1 < e && s[k + 1] == 0x3A && k > b + 1
    }

    /// Where a list item's content starts, or nil when the line is no list item.
    private func listItemContent(_ b: Int, _ e: Int) -> Int? {
        let c = s[b]
        if (c == 0x2D || c == 0x2A || c == 0x2B) && b + 1 < e && (s[b + 1] == 0x20 || s[b + 1] == 0x09) {
            var k = b + 2
            // Task list boxes.
            if k + 2 < e && s[k] == 0x5B && s[k + 2] == 0x5D && (s[k + 1] == 0x20 || s[k + 1] == 0x78 || s[k + 1] == 0x58) { k += 3 }
            return k
        }
        var d = b
        while d < e && d - b < 9 && s[d] >= 0x30 && s[d] <= 0x39 { d += 1 }
        if d > b && d + 1 < e && (s[d] == 0x2E || s[d] == 0x29) && (s[d + 1] == 0x20 || s[d + 1] == 0x09) { return d + 2 }
        return nil
    }

    private func isTableRowFollowing(_ next: Int, _ lines: [Line]) -> Bool {
        guard next < lines.count else { return false }
        let l = lines[next]
        let (b, _) = indent(l)
        return b < l.end && isTableDelimiter(b, l.end)
    }

    private func isTableDelimiter(_ b: Int, _ e: Int) -> Bool {
        var dashes = 0
        var k = b
        while k < e {
            let c = s[k]
            if c == 0x2D { dashes += 1 } else if !(c == 0x7C || c == 0x3A || c == 0x20 || c == 0x09) { return false }
            k += 1
        }
        return dashes >= 1
    }

    private mutating func emitTableRow(_ b: Int, _ e: Int) {
        var cellStart = b
        var k = b
        while k <= e {
            if k == e || (s[k] == 0x7C && (k == b || s[k - 1] != 0x5C)) {
                if k > cellStart { emitInline(cellStart, k) }
                out.endParagraph()
                cellStart = k + 1
            }
            k += 1
        }
    }

    // MARK: - Inline content

    @inline(__always) private func isAlnum(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || HTMLScanner.isASCIILetter(c) || c >= 0xC0
    }

    private func isASCIIPunctuation(_ c: UInt32) -> Bool {
        (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
    }

    /// Matching closing bracket for '[' at `b`, honouring nesting and escapes.
    private func closingBracket(_ b: Int, _ e: Int) -> Int? {
        var depth = 0
        var k = b
        while k < e {
            let c = s[k]
            if c == 0x5C { k += 2; continue }
            if c == 0x60 { // code spans hide brackets
                let run = runLength(k, e, 0x60)
                if let close = closingBackticks(k + run, e, run) { k = close; continue }
            }
            if c == 0x5B { depth += 1 }
            else if c == 0x5D { depth -= 1; if depth == 0 { return k } }
            k += 1
        }
        return nil
    }

    /// Offset after the closing ')' of a link destination starting at '(' at `b`.
    private func closingParen(_ b: Int, _ e: Int) -> Int? {
        var depth = 0
        var k = b
        var quote: UInt32 = 0
        while k < e {
            let c = s[k]
            if quote != 0 { if c == quote { quote = 0 } ; k += 1; continue }
            if c == 0x5C { k += 2; continue }
            if c == 0x22 { quote = c }
            else if c == 0x28 { depth += 1 }
            else if c == 0x29 { depth -= 1; if depth == 0 { return k + 1 } }
            k += 1
        }
        return nil
    }

    /// Offset after a closing run of exactly `n` backticks at or after `from`.
    private func closingBackticks(_ from: Int, _ e: Int, _ n: Int) -> Int? {
        var k = from
        while k < e {
            if s[k] == 0x60 {
                let run = runLength(k, e, 0x60)
                if run == n { return k + run }
                k += run
            } else { k += 1 }
        }
        return nil
    }

    private mutating func emitInline(_ b: Int, _ e: Int) {
        var k = b
        while k < e {
            let c = s[k]
            switch c {
            case 0x5C where k + 1 < e && isASCIIPunctuation(s[k + 1]):
                out.append(s[k + 1], from: k, to: k + 2)
                k += 2
                continue
            case 0x60:
                let run = runLength(k, e, 0x60)
                if let close = closingBackticks(k + run, e, run) { k = close; continue }
                for _ in 0..<run { out.append(0x60, from: k, to: k + 1); k += 1 }
                continue
            case 0x21 where k + 1 < e && s[k + 1] == 0x5B:
                if let close = closingBracket(k + 1, e), close + 1 < e, s[close + 1] == 0x28, let end = closingParen(close + 1, e) {
                    k = end; continue
                }
            case 0x5B:
                if let close = closingBracket(k, e), close + 1 < e {
                    if s[close + 1] == 0x28, let end = closingParen(close + 1, e) {
                        emitInline(k + 1, close)
                        k = end; continue
                    }
                    if s[close + 1] == 0x5B, let refClose = closingBracket(close + 1, e) {
                        emitInline(k + 1, close)
                        k = refClose + 1; continue
                    }
                }
            case 0x3C:
                if let end = autolinkEnd(k, e) { k = end; continue }
                if let end = HTMLScanner.special(s, at: k, limit: e) { k = end; continue }
                if let t = HTMLScanner.tag(s, at: k, limit: e) {
                    if HTMLScanner.blockTags.contains(t.name) && t.name == "br" { out.appendSpace(from: k, to: t.end) }
                    k = t.end; continue
                }
            case 0x26:
                if let (cp, end) = HTMLEntities.decode(s, at: k, limit: e) {
                    out.append(cp, from: k, to: end)
                    k = end; continue
                }
            case 0x2A, 0x5F, 0x7E:
                let run = runLength(k, e, c)
                let before: UInt32 = k > b ? s[k - 1] : 0x20
                let after: UInt32 = k + run < e ? s[k + run] : 0x20
                let spaceBefore = before == 0x20 || before == 0x09
                let spaceAfter = after == 0x20 || after == 0x09
                var delimiter: Bool
                switch c {
                case 0x5F: delimiter = !(isAlnum(before) && isAlnum(after)) && !(spaceBefore && spaceAfter)
                case 0x7E: delimiter = run == 2 && !(spaceBefore && spaceAfter)
                default: delimiter = !(spaceBefore && spaceAfter)
                }
                if delimiter { k += run; continue }
                for _ in 0..<run { out.append(c, from: k, to: k + 1); k += 1 }
                continue
            default:
                break
            }
            out.append(c, from: k, to: k + 1)
            k += 1
        }
    }

    /// End of an autolink `<scheme:…>` or `<user@host>` at `b`.
    private func autolinkEnd(_ b: Int, _ e: Int) -> Int? {
        var k = b + 1
        var sawColonOrAt = false
        while k < e {
            let c = s[k]
            if c == 0x3E { return sawColonOrAt && k > b + 1 ? k + 1 : nil }
            if c == 0x20 || c == 0x3C || c == 0x09 { return nil }
            if c == 0x3A || c == 0x40 { sawColonOrAt = true }
            k += 1
        }
        return nil
    }
}

/// Prose of a plain-text document. A blank line separates paragraphs. Inside a block of lines, a line
/// break is a soft wrap (read as a space) when the block looks hard-wrapped — the next line's first word
/// would not have fitted on the line — and a paragraph break otherwise (one paragraph per line, as in
/// wire copy). Well-formed HTML tags with known names (a stray `<p>` wrapper) are treated as markup.
struct PlainTextExtractor {
    let s: [UInt32]
    var out = ProseBuffer()

    init(_ scalars: [UInt32]) { s = scalars }

    /// The widest hard-wrapped layout mtlint recognises; longer lines are whole paragraphs.
    static let maxWrapWidth = 120

    struct Line {
        var start: Int
        var end: Int        // content end, before the line break
        var breakEnd: Int   // after the line break
        var isBlank: Bool
    }

    func lines() -> [Line] {
        var result: [Line] = []
        var start = 0
        var i = 0
        let n = s.count
        var blank = true
        while i < n {
            let c = s[i]
            if c == 0x0A || c == 0x0D {
                var j = i + 1
                if c == 0x0D && j < n && s[j] == 0x0A { j += 1 }
                result.append(Line(start: start, end: i, breakEnd: j, isBlank: blank))
                start = j; i = j; blank = true
                continue
            }
            if !(c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x0C || c == 0x0B || c == 0xFEFF) { blank = false }
            i += 1
        }
        if start < n { result.append(Line(start: start, end: n, breakEnd: n, isBlank: blank)) }
        return result
    }

    mutating func run() -> ProseBuffer {
        let all = lines()
        var i = 0
        while i < all.count {
            if all[i].isBlank { i += 1; continue }
            var j = i
            while j < all.count && !all[j].isBlank { j += 1 }
            emitBlock(all[i..<j])
            out.endParagraph()
            i = j
        }
        return out
    }

    private func visibleLength(_ l: Line) -> Int {
        var e = l.end
        while e > l.start && (s[e - 1] == 0x20 || s[e - 1] == 0x09) { e -= 1 }
        var b = l.start
        while b < e && (s[b] == 0x20 || s[b] == 0x09) { b += 1 }
        return e - b
    }

    private func firstWordLength(_ l: Line) -> Int {
        var b = l.start
        while b < l.end && (s[b] == 0x20 || s[b] == 0x09) { b += 1 }
        var e = b
        while e < l.end && s[e] != 0x20 && s[e] != 0x09 { e += 1 }
        return e - b
    }

    private func endsSentence(_ l: Line) -> Bool {
        var e = l.end
        while e > l.start && (s[e - 1] == 0x20 || s[e - 1] == 0x09) { e -= 1 }
        var k = e - 1
        // Closing quotes and brackets after the terminator.
        while k >= l.start, [0x22, 0x27, 0x2019, 0x201D, 0x29, 0xBB].contains(s[k]) { k -= 1 }
        guard k >= l.start else { return false }
        return s[k] == 0x2E || s[k] == 0x21 || s[k] == 0x3F || s[k] == 0x3A
    }

    private func startsListItem(_ l: Line) -> Bool {
        var b = l.start
        while b < l.end && (s[b] == 0x20 || s[b] == 0x09) { b += 1 }
        guard b < l.end else { return false }
        let c = s[b]
        if (c == 0x2D || c == 0x2A || c == 0x2022 || c == 0x2013 || c == 0x2014) && b + 1 < l.end && s[b + 1] == 0x20 { return true }
        var d = b
        while d < l.end && s[d] >= 0x30 && s[d] <= 0x39 { d += 1 }
        return d > b && d + 1 < l.end && (s[d] == 0x2E || s[d] == 0x29) && s[d + 1] == 0x20
    }

    private mutating func emitBlock(_ block: ArraySlice<Line>) {
        let width = block.map(visibleLength).max() ?? 0
        let wrapped = block.count > 1 && width <= Self.maxWrapWidth
        for k in block.indices {
            let line = block[k]
            emitLine(line)
            guard k + 1 < block.endIndex else { break }
            let next = block[k + 1]
            let length = visibleLength(line)
            var soft = wrapped
            if soft && length + 1 + firstWordLength(next) <= width { soft = false }
            if soft && endsSentence(line) && length * 10 < width * 8 { soft = false }
            if soft && startsListItem(next) { soft = false }
            if soft {
                out.appendSpace(from: line.end, to: line.breakEnd)
            } else {
                out.endParagraph()
            }
        }
    }

    private mutating func emitLine(_ line: Line) {
        var i = line.start
        while i < line.end {
            let c = s[i]
            // HTML comments (mtlint's suppression markers among them) are markup in plain text too.
            if c == 0x3C, i + 3 < line.end, s[i + 1] == 0x21, s[i + 2] == 0x2D, s[i + 3] == 0x2D,
               let end = HTMLScanner.find(s, [0x2D, 0x2D, 0x3E], from: i + 4, limit: line.end) {
                i = end
                continue
            }
            if c == 0x3C, let t = HTMLScanner.tag(s, at: i, limit: line.end),
               HTMLScanner.blockTags.contains(t.name) || HTMLScanner.inlineTags.contains(t.name) {
                if HTMLScanner.blockTags.contains(t.name) { out.endParagraph() }
                i = t.end
                continue
            }
            out.append(c, from: i, to: i + 1)
            i += 1
        }
    }
}

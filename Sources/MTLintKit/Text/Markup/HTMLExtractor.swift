/// Prose of an HTML document: text between tags, entities decoded; comments, declarations, attributes and
/// the content of script, style, code and pre skipped. Block-level tags end paragraphs; inline tags vanish
/// without joining or splitting words, as a browser renders them.
struct HTMLExtractor {
    let s: [UInt32]
    var out = ProseBuffer()

    init(_ scalars: [UInt32]) { s = scalars }

    mutating func run() -> ProseBuffer {
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            if c == 0x3C {
                if let end = HTMLScanner.special(s, at: i, limit: n) { i = end; continue }
                if let t = HTMLScanner.tag(s, at: i, limit: n) {
                    if HTMLScanner.blockTags.contains(t.name) {
                        out.endParagraph()
                    }
                    if !t.closing && !t.selfClosing && HTMLScanner.skippedContent.contains(t.name) {
                        i = HTMLScanner.endOfElement(s, name: t.name, from: t.end, limit: n)
                        out.endParagraph()
                        continue
                    }
                    i = t.end
                    continue
                }
            }
            if c == 0x26, let (cp, end) = HTMLEntities.decode(s, at: i, limit: n) {
                if cp == 0xA0 { out.append(cp, from: i, to: end) }
                else if HTMLScanner.isSpace(cp) { out.appendSpace(from: i, to: end) }
                else { out.append(cp, from: i, to: end) }
                i = end
                continue
            }
            if HTMLScanner.isSpace(c) {
                // Runs of white space (line breaks included) render as one space.
                var j = i + 1
                if c == 0x0D && j < n && s[j] == 0x0A { j += 1 }
                out.appendSpace(from: i, to: j)
                i = j
                continue
            }
            out.append(c, from: i, to: i + 1)
            i += 1
        }
        out.endParagraph()
        return out
    }
}

/// How a document's text is marked up. Only prose is linted; markup never yields a finding.
public enum MarkupFormat: String, Sendable, CaseIterable {
    case plain, html, markdown
    /// Bitext files: the targets are prose, each checked against its source.
    case tmx, xliff

    /// Whether files of this format carry their sources (TMX, XLIFF).
    public var isBitextFile: Bool { self == .tmx || self == .xliff }

    /// The format implied by a file name's extension (plain text when unknown).
    public static func forPath(_ path: String) -> MarkupFormat {
        let lower = path.lowercased()
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return .plain }
        switch lower[lower.index(after: dot)...] {
        case "html", "htm", "xhtml": return .html
        case "md", "markdown", "mdown", "mkd": return .markdown
        case "tmx": return .tmx
        case "xlf", "xliff", "sdlxliff", "mxliff": return .xliff
        default: return .plain
        }
    }

    /// Extracts the prose of a text in this format.
    public func extract(_ source: SourceText) -> ProseBuffer {
        switch self {
        case .plain: var x = PlainTextExtractor(source.scalars); return x.run()
        case .html: var x = HTMLExtractor(source.scalars); return x.run()
        case .markdown: var x = MarkdownExtractor(source.scalars); return x.run()
        case .tmx, .xliff: return (try? BitextFileReader.read(source, format: self).get())?.prose ?? ProseBuffer()
        }
    }
}

/// Recognises HTML tags, comments and declarations in a code-point array.
enum HTMLScanner {
    struct Tag {
        var end: Int          // offset just after '>'
        var name: String      // lowercased
        var closing: Bool
        var selfClosing: Bool
    }

    static let blockTags: Set<String> = [
        "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "section", "article",
        "header", "footer", "nav", "aside", "main", "figure", "figcaption", "title", "form", "fieldset",
        "legend", "address", "details", "summary", "option", "body", "head", "html", "center", "menu",
    ]
    static let inlineTags: Set<String> = [
        "a", "b", "i", "em", "strong", "span", "u", "s", "small", "big", "sub", "sup", "abbr", "cite", "q",
        "mark", "del", "ins", "font", "time", "label", "img", "wbr", "var", "kbd", "samp", "dfn", "bdi",
        "bdo", "data", "tt", "strike", "nobr", "picture", "source", "meta", "link", "input", "button",
    ]
    /// Elements whose content is not prose.
    static let skippedContent: Set<String> = ["script", "style", "template", "code", "pre", "noscript", "svg", "math", "textarea"]

    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }

    /// A tag starting at `start` ('<'), or nil when the text there is not a tag.
    static func tag(_ s: [UInt32], at start: Int, limit: Int) -> Tag? {
        var i = start + 1
        var closing = false
        if i < limit && s[i] == 0x2F { closing = true; i += 1 }
        guard i < limit, isASCIILetter(s[i]) else { return nil }
        var name = ""
        while i < limit, isASCIILetter(s[i]) || (s[i] >= 0x30 && s[i] <= 0x39) || s[i] == 0x2D {
            name.unicodeScalars.append(Unicode.Scalar(s[i] | (s[i] < 0x80 && isASCIILetter(s[i]) ? 0x20 : 0))!)
            i += 1
        }
        guard i < limit, isSpace(s[i]) || s[i] == 0x3E || s[i] == 0x2F else { return nil }
        var quote: UInt32 = 0
        let maxLength = 4096
        while i < limit && i - start < maxLength {
            let c = s[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3C {
                return nil
            } else if c == 0x3E {
                let selfClosing = i > start && s[i - 1] == 0x2F
                return Tag(end: i + 1, name: name, closing: closing, selfClosing: selfClosing)
            }
            i += 1
        }
        return nil
    }

    /// End of a comment (`<!-- … -->`), declaration (`<!DOCTYPE …>`, CDATA) or processing instruction
    /// starting at `start`, or nil when the text there is none of these.
    static func special(_ s: [UInt32], at start: Int, limit: Int) -> Int? {
        guard start + 1 < limit else { return nil }
        if s[start + 1] == 0x21 { // "<!"
            if start + 3 < limit && s[start + 2] == 0x2D && s[start + 3] == 0x2D {
                return find(s, [0x2D, 0x2D, 0x3E], from: start + 4, limit: limit) ?? limit
            }
            if matches(s, at: start + 2, "[CDATA[", limit: limit) {
                return find(s, [0x5D, 0x5D, 0x3E], from: start + 9, limit: limit) ?? limit
            }
            if start + 2 < limit && isASCIILetter(s[start + 2]) {
                return find(s, [0x3E], from: start + 2, limit: limit)
            }
            return nil
        }
        if s[start + 1] == 0x3F { // "<?"
            return find(s, [0x3E], from: start + 2, limit: limit)
        }
        return nil
    }

    /// Offset just after the first occurrence of `needle` at or after `from`.
    static func find(_ s: [UInt32], _ needle: [UInt32], from: Int, limit: Int) -> Int? {
        var i = from
        while i + needle.count <= limit {
            var ok = true
            for k in 0..<needle.count where s[i + k] != needle[k] { ok = false; break }
            if ok { return i + needle.count }
            i += 1
        }
        return nil
    }

    static func matches(_ s: [UInt32], at i: Int, _ text: String, limit: Int) -> Bool {
        var k = i
        for u in text.unicodeScalars {
            guard k < limit, s[k] == u.value else { return false }
            k += 1
        }
        return true
    }

    /// Offset just after the closing tag `</name…>` at or after `from` (limit when there is none).
    static func endOfElement(_ s: [UInt32], name: String, from: Int, limit: Int) -> Int {
        var i = from
        while i < limit {
            if s[i] == 0x3C, i + 1 < limit, s[i + 1] == 0x2F, let t = tag(s, at: i, limit: limit), t.closing, t.name == name {
                return t.end
            }
            i += 1
        }
        return limit
    }
}

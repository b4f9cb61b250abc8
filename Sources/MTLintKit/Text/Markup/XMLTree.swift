/// A small non-validating XML parser over code points, for the bitext files (TMX, XLIFF): elements with
/// their attributes and offsets, text and CDATA as ranges of the original text, so prose taken from them
/// maps back exactly. Comments, processing instructions and the DOCTYPE are skipped. A document that is not
/// well-formed is refused with the offset of the first fault.
struct XMLTree {
    struct Attribute {
        var name: String
        var value: String
        /// Offset of the attribute's name.
        var offset: Int
    }

    enum Content {
        case element(Int)         // index into `elements`
        case text(Range<Int>)     // raw text, entity references not yet decoded
        case cdata(Range<Int>)    // literal text
    }

    struct Element {
        var name: String
        var attributes: [Attribute]
        /// Offset of its '<' and just after its end tag (or its "/>").
        var start: Int
        var end: Int
        /// Offsets of its content: after the start tag, before the end tag.
        var contentStart: Int
        var contentEnd: Int
        var children: [Content]
        var parent: Int?

        /// The name without a namespace prefix.
        var localName: Substring {
            guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
            return name[name.index(after: colon)...]
        }

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    struct Fault: Error {
        var offset: Int
        var message: String
    }

    let s: [UInt32]
    private(set) var elements: [Element] = []
    /// Index of the root element.
    var root: Int { 0 }

    /// The deepest nesting accepted: deeper documents are refused rather than walked recursively.
    static let maxDepth = 1_000

    init(_ scalars: [UInt32]) throws(Fault) {
        s = scalars
        try parse()
    }

    private mutating func parse() throws(Fault) {
        let n = s.count
        var stack: [Int] = []
        var i = 0
        var rootClosed = false
        while i < n {
            let c = s[i]
            if c != 0x3C {
                var j = i
                while j < n && s[j] != 0x3C { j += 1 }
                if let top = stack.last {
                    try checkText(i..<j)
                    elements[top].children.append(.text(i..<j))
                } else if let k = (i..<j).first(where: { !Self.isSpace(s[$0]) }) {
                    throw Fault(offset: k, message: rootClosed ? "text after the root element" : "text before the root element")
                }
                i = j
                continue
            }
            guard i + 1 < n else { throw Fault(offset: i, message: "'<' at the end of the file") }
            let next = s[i + 1]
            if next == 0x21 { // "<!"
                if matches("<!--", at: i) {
                    guard let end = find([0x2D, 0x2D, 0x3E], from: i + 4) else { throw Fault(offset: i, message: "comment not closed (no '-->')") }
                    i = end
                } else if matches("<![CDATA[", at: i) {
                    guard let end = find([0x5D, 0x5D, 0x3E], from: i + 9) else { throw Fault(offset: i, message: "CDATA section not closed (no ']]>')") }
                    guard let top = stack.last else { throw Fault(offset: i, message: "CDATA section outside the root element") }
                    elements[top].children.append(.cdata(i + 9..<end - 3))
                    i = end
                } else if matches("<!DOCTYPE", at: i) {
                    guard stack.isEmpty, elements.isEmpty else { throw Fault(offset: i, message: "DOCTYPE inside the document") }
                    i = try endOfDoctype(from: i)
                } else {
                    throw Fault(offset: i, message: "'<!' that starts no comment, CDATA section or DOCTYPE")
                }
                continue
            }
            if next == 0x3F { // "<?"
                guard let end = find([0x3F, 0x3E], from: i + 2) else { throw Fault(offset: i, message: "processing instruction not closed (no '?>')") }
                i = end
                continue
            }
            if next == 0x2F { // end tag
                var j = i + 2
                let name = try readName(&j)
                while j < n && Self.isSpace(s[j]) { j += 1 }
                guard j < n && s[j] == 0x3E else { throw Fault(offset: i, message: "end tag </\(name)> not closed with '>'") }
                guard let top = stack.popLast() else { throw Fault(offset: i, message: "end tag </\(name)> without a start tag") }
                guard elements[top].name == name else {
                    throw Fault(offset: i, message: "end tag </\(name)> does not match <\(elements[top].name)> (line \(line(of: elements[top].start)))")
                }
                elements[top].contentEnd = i
                elements[top].end = j + 1
                if stack.isEmpty { rootClosed = true }
                i = j + 1
                continue
            }
            // Start tag.
            if rootClosed { throw Fault(offset: i, message: "a second root element") }
            var j = i + 1
            let name = try readName(&j)
            var attributes: [Attribute] = []
            var selfClosing = false
            while true {
                let before = j
                while j < n && Self.isSpace(s[j]) { j += 1 }
                guard j < n else { throw Fault(offset: i, message: "start tag <\(name)> not closed with '>'") }
                if s[j] == 0x3E { j += 1; break }
                if s[j] == 0x2F {
                    guard j + 1 < n && s[j + 1] == 0x3E else { throw Fault(offset: j, message: "'/' inside the tag <\(name)>") }
                    selfClosing = true
                    j += 2
                    break
                }
                guard j > before else { throw Fault(offset: j, message: "attributes of <\(name)> must be separated by spaces") }
                let at = j
                let attributeName = try readName(&j)
                while j < n && Self.isSpace(s[j]) { j += 1 }
                guard j < n && s[j] == 0x3D else { throw Fault(offset: at, message: "attribute \(attributeName) of <\(name)> has no '=' and value") }
                j += 1
                while j < n && Self.isSpace(s[j]) { j += 1 }
                guard j < n, s[j] == 0x22 || s[j] == 0x27 else { throw Fault(offset: at, message: "the value of attribute \(attributeName) must be quoted") }
                let quote = s[j]
                var k = j + 1
                while k < n && s[k] != quote {
                    if s[k] == 0x3C { throw Fault(offset: k, message: "'<' inside the value of attribute \(attributeName)") }
                    k += 1
                }
                guard k < n else { throw Fault(offset: j, message: "the value of attribute \(attributeName) is not closed") }
                try checkText(j + 1..<k)
                if attributes.contains(where: { $0.name == attributeName }) {
                    throw Fault(offset: at, message: "attribute \(attributeName) given twice in <\(name)>")
                }
                attributes.append(Attribute(name: attributeName, value: decoded(j + 1..<k), offset: at))
                j = k + 1
            }
            let index = elements.count
            elements.append(Element(name: name, attributes: attributes, start: i, end: j, contentStart: j, contentEnd: j,
                                    children: [], parent: stack.last))
            if let top = stack.last { elements[top].children.append(.element(index)) }
            if selfClosing {
                if stack.isEmpty { rootClosed = true }
            } else {
                stack.append(index)
                if stack.count > Self.maxDepth { throw Fault(offset: i, message: "elements nested deeper than \(Self.maxDepth)") }
            }
            i = j
        }
        if let top = stack.last { throw Fault(offset: elements[top].start, message: "<\(elements[top].name)> is not closed") }
        if elements.isEmpty { throw Fault(offset: 0, message: "no root element (not an XML document)") }
    }

    // MARK: Pieces

    /// 1-based line of an offset (LF, CRLF and CR end lines), for messages.
    private func line(of offset: Int) -> Int {
        var line = 1, i = 0
        while i < offset {
            if s[i] == 0x0A || (s[i] == 0x0D && (i + 1 >= s.count || s[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    @inline(__always) static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private static func isNameStart(_ c: UInt32) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c == 0x3A || c >= 0xC0
    }

    private static func isNameChar(_ c: UInt32) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E || c == 0xB7
    }

    private func readName(_ j: inout Int) throws(Fault) -> String {
        let start = j
        guard j < s.count, Self.isNameStart(s[j]) else { throw Fault(offset: start, message: "a name was expected after '<'") }
        var name = String.UnicodeScalarView()
        while j < s.count && Self.isNameChar(s[j]) {
            name.append(Unicode.Scalar(s[j]) ?? "\u{FFFD}")
            j += 1
        }
        return String(name)
    }

    private func matches(_ text: String, at i: Int) -> Bool {
        var k = i
        for u in text.unicodeScalars {
            guard k < s.count, s[k] == u.value else { return false }
            k += 1
        }
        return true
    }

    /// Offset just after the first `needle` at or after `from`.
    private func find(_ needle: [UInt32], from: Int) -> Int? {
        var i = from
        while i + needle.count <= s.count {
            if s[i] == needle[0] {
                var ok = true
                for k in 1..<needle.count where s[i + k] != needle[k] { ok = false; break }
                if ok { return i + needle.count }
            }
            i += 1
        }
        return nil
    }

    /// End of a DOCTYPE declaration, its internal subset (in brackets) and quoted strings included.
    private func endOfDoctype(from start: Int) throws(Fault) -> Int {
        var i = start + 9
        var quote: UInt32 = 0
        var depth = 0
        while i < s.count {
            let c = s[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x5B { depth += 1 }
            else if c == 0x5D { depth -= 1 }
            else if c == 0x3E && depth <= 0 { return i + 1 }
            i += 1
        }
        throw Fault(offset: start, message: "DOCTYPE not closed")
    }

    /// Refuses a '&' that starts no reference XML knows (the five predefined entities and character
    /// references).
    private func checkText(_ r: Range<Int>) throws(Fault) {
        var i = r.lowerBound
        while i < r.upperBound {
            if s[i] == 0x26 {
                guard let (_, end) = Self.reference(s, at: i, limit: r.upperBound) else {
                    throw Fault(offset: i, message: "'&' starts no entity XML knows (write &amp; for '&')")
                }
                i = end
                continue
            }
            i += 1
        }
    }

    /// The code point of an entity or character reference at `i` ('&') and the offset after its ';'.
    static func reference(_ s: [UInt32], at i: Int, limit: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < limit else { return nil }
        if s[j] == 0x23 { // &#…;
            j += 1
            var hex = false
            if j < limit && (s[j] == 0x78) { hex = true; j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < limit && j - digitsStart < 8 {
                let c = s[j]
                if c >= 0x30 && c <= 0x39 { value = value * (hex ? 16 : 10) + (c - 0x30) }
                else if hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 { value = value * 16 + ((c | 0x20) - 0x61 + 10) }
                else { break }
                j += 1
            }
            guard j > digitsStart, j < limit, s[j] == 0x3B, Unicode.Scalar(value) != nil, value != 0 else { return nil }
            return (value, j + 1)
        }
        var name: [UInt32] = []
        while j < limit && name.count < 5 && s[j] != 0x3B { name.append(s[j]); j += 1 }
        guard j < limit && s[j] == 0x3B else { return nil }
        let value: UInt32
        switch name {
        case [0x6C, 0x74]: value = 0x3C                 // lt
        case [0x67, 0x74]: value = 0x3E                 // gt
        case [0x61, 0x6D, 0x70]: value = 0x26           // amp
        case [0x71, 0x75, 0x6F, 0x74]: value = 0x22     // quot
        case [0x61, 0x70, 0x6F, 0x73]: value = 0x27     // apos
        default: return nil
        }
        return (value, j + 1)
    }

    /// Text of a range with its references decoded.
    func decoded(_ r: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        var i = r.lowerBound
        while i < r.upperBound {
            if s[i] == 0x26, let (cp, end) = Self.reference(s, at: i, limit: r.upperBound) {
                out.append(Unicode.Scalar(cp)!)
                i = end
                continue
            }
            out.append(Unicode.Scalar(s[i]) ?? "\u{FFFD}")
            i += 1
        }
        return String(out)
    }
}

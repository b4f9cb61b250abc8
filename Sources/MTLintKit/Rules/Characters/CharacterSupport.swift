/// Helpers shared by the Characters family: code points of the prose, character classes, token lookup
/// and the document's quotation style.
enum Chars {
    /// Code point starting at unit `i` and its width in units (1 or 2).
    @inline(__always)
    static func scalar(_ u: [UInt16], _ i: Int) -> (UInt32, Int) {
        let a = u[i]
        if a >= 0xD800 && a <= 0xDBFF && i + 1 < u.count {
            let b = u[i + 1]
            if b >= 0xDC00 && b <= 0xDFFF {
                return (0x10000 + ((UInt32(a) - 0xD800) << 10) + (UInt32(b) - 0xDC00), 2)
            }
        }
        return (UInt32(a), 1)
    }

    /// Code point ending just before unit `i` and its width, or nil at the start.
    @inline(__always)
    static func scalar(before i: Int, in u: [UInt16], from lower: Int = 0) -> (UInt32, Int)? {
        guard i > lower else { return nil }
        let b = u[i - 1]
        if b >= 0xDC00 && b <= 0xDFFF && i - 2 >= lower {
            let a = u[i - 2]
            if a >= 0xD800 && a <= 0xDBFF { return (0x10000 + ((UInt32(a) - 0xD800) << 10) + (UInt32(b) - 0xDC00), 2) }
        }
        return (UInt32(b), 1)
    }

    /// The code points of a unit range with the unit offset of each (plus the end offset at the end).
    static func scalars(_ u: [UInt16], _ r: Range<Int>) -> (cps: [UInt32], at: [Int]) {
        var cps: [UInt32] = [], at: [Int] = []
        cps.reserveCapacity(r.count); at.reserveCapacity(r.count + 1)
        var i = r.lowerBound
        while i < r.upperBound {
            let (c, w) = scalar(u, i)
            cps.append(c); at.append(i)
            i += w
        }
        at.append(r.upperBound)
        return (cps, at)
    }

    static func string(_ cps: some Sequence<UInt32>) -> String {
        var v = String.UnicodeScalarView()
        for c in cps { if let s = Unicode.Scalar(c) { v.append(s) } }
        return String(v)
    }

    @inline(__always)
    static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        return Unicode.Scalar(c)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isLower(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x61 && c <= 0x7A }
        return Unicode.Scalar(c)?.properties.isLowercase ?? false
    }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool { c < 0x10000 && ProseBuffer.isSpace(UInt16(c)) }

    /// Marks used as apostrophes: ' ’ ‘ ` ´ ʼ ′.
    @inline(__always)
    static func isApostropheLike(_ c: UInt32) -> Bool {
        c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x60 || c == 0xB4 || c == 0x2BC || c == 0x2032
    }

    /// Double quotation marks: " “ ” „ ‟ « » ″.
    @inline(__always)
    static func isDoubleQuote(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB || c == 0x2033
    }

    /// Closing punctuation that may follow a word: quotes, brackets, sentence marks.
    @inline(__always)
    static func isWordEndPunctuation(_ c: UInt32) -> Bool {
        switch c {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x22, 0x27, 0x2019, 0x201D, 0xBB, 0x203A, 0x2026:
            return true
        default: return false
        }
    }

    /// Index of the token covering unit `unit`, if any.
    static func token(at unit: Int, in doc: Document) -> Int? {
        var lo = 0, hi = doc.tokens.count - 1
        guard hi >= 0 else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(doc.tokens[mid].start) <= unit { lo = mid } else { hi = mid - 1 }
        }
        let t = doc.tokens[lo]
        return Int(t.start) <= unit && unit < Int(t.end) ? lo : nil
    }

    /// Whether the document writes curly quotes and apostrophes (’ “ ”) rather than straight ones.
    static func prefersCurly(_ doc: Document) -> Bool {
        var curly = 0, straight = 0
        for u in doc.prose.units {
            switch u {
            case 0x2019, 0x201C, 0x201D, 0x2018: curly += 1
            case 0x27, 0x22: straight += 1
            default: break
            }
        }
        return curly >= straight && curly > 0
    }

    /// Whether the paragraph holds any unit outside ASCII.
    static func hasNonASCII(_ u: [UInt16], _ r: Range<Int>) -> Bool {
        for i in r where u[i] >= 0x80 { return true }
        return false
    }

    /// "U+00AD" style name of a code point.
    static func codeName(_ c: UInt32) -> String {
        var hex = String(c, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }

    /// Tokens that are words written in lower case.
    static func isLowercaseWord(_ doc: Document, _ t: Int) -> Bool {
        let tok = doc.tokens[t]
        guard tok.kind == .word, !tok.flags.contains(.capitalized) else { return false }
        let (c, _) = scalar(doc.prose.units, Int(tok.start))
        return isLower(c)
    }

    /// Whether the original text between two prose positions (the end of one token and the start of the
    /// next) is only white space — no markup skipped there (a Markdown code span, an HTML comment).
    static func plainGap(_ doc: Document, from a: Int, to b: Int) -> Bool {
        guard a > 0, b < doc.prose.units.count, a <= b else { return true }
        let lo = Int(doc.prose.originEnd[a - 1]), hi = Int(doc.prose.origin[b])
        guard lo < hi else { return true }
        for c in lo..<hi where c < doc.source.scalars.count {
            let x = doc.source.scalars[c]
            if !(x == 0x20 || x == 0x09 || x == 0x0A || x == 0x0D || x == 0xA0 || x == 0x202F || x == 0x3000) { return false }
        }
        return true
    }
}

/// A finding's identity that survives edits elsewhere in the file: the rule, the flagged text and a little
/// context on each side within its own lines, white space folded and case ignored — no line numbers. Used by baselines and as
/// SARIF's partial fingerprint.
public enum Fingerprint {
    /// Code points of context taken on each side.
    static let contextLength = 24

    public static func key(_ d: Diagnostic, in source: SourceText) -> String {
        // Context stays on the finding's own lines, so text added on other lines never changes it.
        var lo = d.start
        while lo > 0 && d.start - lo < contextLength && !isLineBreak(source.scalars[lo - 1]) { lo -= 1 }
        var hi = d.end
        while hi < source.count && hi - d.end < contextLength && !isLineBreak(source.scalars[hi]) { hi += 1 }
        let before = source.text(lo..<d.start)
        let after = source.text(d.end..<hi)
        return d.ruleID + "|" + fold(before) + "|" + fold(d.text) + "|" + fold(after)
    }

    public static func hash(_ d: Diagnostic, in source: SourceText) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key(d, in: source).utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func isLineBreak(_ c: UInt32) -> Bool { c == 0x0A || c == 0x0D }

    static func fold(_ s: String) -> String {
        var out = ""
        var space = false
        for u in s.lowercased().unicodeScalars {
            if u.properties.isWhitespace { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.unicodeScalars.append(u)
        }
        return out
    }
}

extension SourceText {
    /// 1-based UTF-16 column of a code-point offset on its line.
    public func utf16Column(of offset: Int) -> Int {
        let (line, _) = lineAndColumn(of: offset)
        var column = 1
        for c in lineStarts[line - 1]..<offset { column += scalars[c] > 0xFFFF ? 2 : 1 }
        return column
    }

    /// 1-based UTF-8 byte column of a code-point offset on its line.
    public func utf8Column(of offset: Int) -> Int {
        let (line, _) = lineAndColumn(of: offset)
        var column = 1
        for c in lineStarts[line - 1]..<offset {
            let v = scalars[c]
            column += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return column
    }

    /// UTF-16 offset of a code-point offset from the start of the text.
    public func utf16Offset(of offset: Int) -> Int {
        var n = 0
        for c in 0..<offset { n += scalars[c] > 0xFFFF ? 2 : 1 }
        return n
    }
}

/// The user's text exactly as decoded, indexed by Unicode code point. Every position mtlint reports is a
/// code-point offset into `scalars` (end exclusive) plus a 1-based line and column computed here.
public struct SourceText: Sendable {
    /// Code points of the original text, without a leading byte-order mark.
    public let scalars: [UInt32]
    /// Code-point offsets at which lines start; line breaks are LF, CRLF and CR.
    public let lineStarts: [Int]

    public init(_ text: String) {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { scalars.append(s.value) }
        if scalars.first == 0xFEFF { scalars.removeFirst() }
        self.init(scalars: scalars)
    }

    public init(scalars: [UInt32]) {
        self.scalars = scalars
        var starts = [0]
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if c == 0x0A {
                starts.append(i + 1)
            } else if c == 0x0D {
                if i + 1 < n && scalars[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = starts
    }

    public var count: Int { scalars.count }

    /// 1-based line and column (in code points) of a code-point offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo] + 1)
    }

    /// The original text of a code-point range.
    public func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        let lo = max(0, range.lowerBound), hi = min(scalars.count, range.upperBound)
        if lo < hi {
            for i in lo..<hi { s.append(Unicode.Scalar(scalars[i])!) }
        }
        return String(s)
    }

    /// Code-point range of a 1-based line, without its line break.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : scalars.count
        while end > start && (scalars[end - 1] == 0x0A || scalars[end - 1] == 0x0D) { end -= 1 }
        return start..<end
    }
}

/// The prose of a document, as the rules see it: UTF-16 text with markup removed and soft line wraps
/// turned into spaces, cut into paragraphs. Every UTF-16 unit remembers the code-point range of the
/// original text it came from, so any range of prose maps back to the user's text exactly.
public struct ProseBuffer: Sendable {
    public private(set) var units: [UInt16] = []
    /// Per unit: original code-point offset where its source starts.
    public private(set) var origin: [Int32] = []
    /// Per unit: original code-point offset where its source ends (exclusive).
    public private(set) var originEnd: [Int32] = []
    /// Paragraphs as unit ranges, in order; never empty, never starting or ending with white space.
    public private(set) var paragraphs: [Range<Int>] = []
    private var paragraphStart = 0

    public init() {}

    /// Appends a code point that stands for original code points `from..<to`.
    @inline(__always)
    mutating func append(_ codePoint: UInt32, from: Int, to: Int) {
        if codePoint < 0x10000 {
            units.append(UInt16(codePoint))
            origin.append(Int32(from)); originEnd.append(Int32(to))
        } else {
            let v = codePoint - 0x10000
            units.append(UInt16(0xD800 + (v >> 10)))
            units.append(UInt16(0xDC00 + (v & 0x3FF)))
            origin.append(Int32(from)); originEnd.append(Int32(to))
            origin.append(Int32(from)); originEnd.append(Int32(to))
        }
    }

    /// Appends a space that stands for original code points `from..<to` (a line break, a tag that
    /// separates words).
    mutating func appendSpace(from: Int, to: Int) {
        if let last = units.last, units.count > paragraphStart, last == 0x20 { return }
        append(0x20, from: from, to: to)
    }

    /// Closes the current paragraph (if it holds anything but white space).
    mutating func endParagraph() {
        var lo = paragraphStart, hi = units.count
        while lo < hi && Self.isSpace(units[lo]) { lo += 1 }
        while hi > lo && Self.isSpace(units[hi - 1]) { hi -= 1 }
        if lo < hi { paragraphs.append(lo..<hi) }
        paragraphStart = units.count
    }

    @inline(__always)
    static func isSpace(_ u: UInt16) -> Bool {
        u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xA0 || u == 0x0B || u == 0x0C
            || u == 0x2028 || u == 0x2029 || (u >= 0x2000 && u <= 0x200A) || u == 0x202F || u == 0x205F || u == 0x3000
    }

    /// Original code-point range of a non-empty unit range.
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty else {
            let p = r.lowerBound < origin.count ? Int(origin[r.lowerBound]) : Int(originEnd.last ?? 0)
            return p..<p
        }
        return Int(origin[r.lowerBound])..<Int(originEnd[r.upperBound - 1])
    }

    /// The prose text of a unit range.
    public func string(_ r: Range<Int>) -> String {
        units.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF16.self) }
    }
}

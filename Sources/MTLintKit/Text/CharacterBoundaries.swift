/// Widens code-point ranges to whole user-perceived characters (extended grapheme clusters), so that no
/// report or fix ever starts between a letter and its accent, or inside an emoji sequence or a CR LF pair.
/// Rules work on UTF-16 prose units and may cut a cluster whose base is not a letter; the engine snaps every
/// finding here instead of trusting each rule.
///
/// Most edges need no work: between two "simple" code points (below U+0300, or common punctuation such as
/// curly quotes and dashes) there is always a boundary, except inside CR LF. Other edges are resolved by
/// Swift's grapheme breaking over the window between the nearest simple pairs on either side; windows are
/// remembered, so a paragraph of 10^5 combining marks is broken once, not once per finding.
final class CharacterBoundaries {
    private let scalars: [UInt32]
    /// Windows already broken: start of the window → its boundaries (ascending, both ends included).
    private var windows: [Int: [Int]] = [:]

    init(_ source: SourceText) { scalars = source.scalars }

    /// The smallest range of whole characters that contains `range`.
    func widened(_ range: Range<Int>) -> Range<Int> {
        let lo = boundary(atOrBefore: range.lowerBound)
        let hi = range.upperBound == range.lowerBound ? lo : boundary(atOrAfter: range.upperBound)
        return lo..<max(lo, hi)
    }

    /// Code points below U+0300 and general punctuation other than joiners, controls and emoji are never
    /// extenders, prepends, joiners, Hangul jamo or regional indicators, so a boundary lies between any two.
    @inline(__always)
    private static func isSimple(_ c: UInt32) -> Bool {
        c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x203B)
    }

    @inline(__always)
    private func isSurelyBoundary(_ i: Int) -> Bool {
        if i <= 0 || i >= scalars.count { return true }
        let a = scalars[i - 1], b = scalars[i]
        return Self.isSimple(a) && Self.isSimple(b) && !(a == 0x0D && b == 0x0A)
    }

    private func boundary(atOrBefore i: Int) -> Int {
        if isSurelyBoundary(i) { return max(0, min(i, scalars.count)) }
        let bounds = window(around: i)
        var best = bounds[0]
        for b in bounds where b <= i { best = b }
        return best
    }

    private func boundary(atOrAfter i: Int) -> Int {
        if isSurelyBoundary(i) { return max(0, min(i, scalars.count)) }
        let bounds = window(around: i)
        return bounds.first { $0 >= i } ?? bounds[bounds.count - 1]
    }

    /// The boundaries of the window around `i` that runs from the nearest sure boundary at or before `i - 1`
    /// to the nearest one after `i`.
    private func window(around i: Int) -> [Int] {
        var lo = i - 1
        while !isSurelyBoundary(lo) { lo -= 1 }
        lo = max(0, lo)
        if let known = windows[lo] { return known }
        var hi = i + 1
        while !isSurelyBoundary(hi) { hi += 1 }
        hi = min(scalars.count, hi)
        var view = String.UnicodeScalarView()
        for k in lo..<hi { view.append(Unicode.Scalar(scalars[k]) ?? "\u{FFFD}") }
        var bounds = [lo]
        var at = lo
        for ch in String(view) {
            at += ch.unicodeScalars.count
            bounds.append(at)
        }
        windows[lo] = bounds
        return bounds
    }
}

/// Word boundaries of ASCII text without ICU, where Unicode's word-break rules (UAX #29, which ICU's default
/// rules implement) decide them from a handful of character classes. A paragraph with any other character —
/// non-ASCII, a control character, an underscore (ExtendNumLet) — returns nil and goes to ICU. The property
/// tests compare every boundary and status with ICU's on random and real text.
enum ASCIIWordBreaks {
    /// ICU's rule statuses (UBRK_WORD_NONE, UBRK_WORD_NUMBER, UBRK_WORD_LETTER).
    static let none: Int32 = 0, number: Int32 = 100, letter: Int32 = 200

    private enum Class: UInt8 {
        case letter, digit, midNum, midNumLet, singleQuote, cr, lf, newline, space, other, unsupported
    }

    private static let classes: [Class] = (0..<128).map { (b: Int) -> Class in
        switch b {
        // ICU's data differs from plain UAX #29 in two places: "@" is a letter, and ":" (MidLetter in the
        // standard) joins nothing (CLDR's root tailoring). Both are checked against ICU by the tests.
        case 0x40, 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x30...0x39: return .digit
        case 0x2C, 0x3B: return .midNum
        case 0x2E: return .midNumLet
        case 0x27: return .singleQuote
        case 0x0D: return .cr
        case 0x0A: return .lf
        case 0x0B, 0x0C: return .newline
        case 0x20: return .space
        case 0x5F, 0x00...0x08, 0x0E...0x1F, 0x7F: return .unsupported
        default: return .other   // TAB, the rest of ASCII punctuation and symbols
        }
    }

    /// Fills `bounds` (starting with 0) and `statuses` (status of the segment ending at each bound) as
    /// `ICU.wordBreaks` does and returns their number, or nil when the text needs ICU.
    static func breaks(_ text: UnsafeBufferPointer<UInt16>, bounds: inout [Int32], statuses: inout [Int32]) -> Int? {
        let n = text.count
        for u in text where u >= 0x80 || classes[Int(u)] == .unsupported { return nil }
        let capacity = n + 1
        if bounds.count < capacity { bounds = [Int32](repeating: 0, count: capacity); statuses = bounds }
        @inline(__always) func cls(_ i: Int) -> Class { classes[Int(text[i])] }
        var count = 1
        bounds[0] = 0
        statuses[0] = 0
        var i = 0
        while i < n {
            var j = i + 1
            var status = none
            switch cls(i) {
            case .cr:
                if j < n && cls(j) == .lf { j += 1 }                              // WB3
            case .space:
                while j < n && cls(j) == .space { j += 1 }                        // WB3d
            case .letter, .digit:
                while j < n {
                    let c = cls(j)
                    if c == .letter { j += 1; continue }                         // WB5, WB10
                    if c == .digit { j += 1; continue }                          // WB8, WB9
                    guard j + 1 < n else { break }
                    let before = cls(j - 1), after = cls(j + 1)
                    // WB6/7: letter (MidNumLet | Single_Quote) letter.
                    if before == .letter && after == .letter && (c == .midNumLet || c == .singleQuote) {
                        j += 1; continue
                    }
                    // WB11/12: digit (MidNum | MidNumLet | Single_Quote) digit.
                    if before == .digit && after == .digit && (c == .midNum || c == .midNumLet || c == .singleQuote) {
                        j += 1; continue
                    }
                    break
                }
                // ICU reports the status of the last rule applied: a word that ends in a digit is a number.
                status = cls(j - 1) == .letter ? letter : number
            default:
                break                                                             // WB3a/b, WB999
            }
            bounds[count] = Int32(j)
            statuses[count] = status
            count += 1
            i = j
        }
        return count
    }
}

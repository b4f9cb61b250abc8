import CICUShim

/// Swift face of the ICU calls mtlint makes (through the C shim; see Sources/CICUShim).
public enum ICU {
    public static var version: String {
        var buf = [CChar](repeating: 0, count: 32)
        _ = mt_icu_version(&buf, Int32(buf.count))
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Word boundaries and rule statuses of `units[range]`, as offsets relative to range.lowerBound.
    static func wordBreaks(_ units: UnsafeBufferPointer<UInt16>, bounds: inout [Int32], statuses: inout [Int32]) -> Int {
        let capacity = units.count + 1
        if bounds.count < capacity { bounds = [Int32](repeating: 0, count: capacity); statuses = bounds }
        let n = bounds.withUnsafeMutableBufferPointer { b in
            statuses.withUnsafeMutableBufferPointer { st in
                mt_word_breaks(units.baseAddress, Int32(units.count), b.baseAddress, st.baseAddress, Int32(capacity))
            }
        }
        return Int(max(n, 0))
    }

    /// Sentence boundaries of `units`, relative to its start.
    static func sentenceBreaks(_ units: UnsafeBufferPointer<UInt16>, bounds: inout [Int32]) -> Int {
        let capacity = units.count + 1
        if bounds.count < capacity { bounds = [Int32](repeating: 0, count: capacity) }
        let n = bounds.withUnsafeMutableBufferPointer { b in
            mt_sentence_breaks(units.baseAddress, Int32(units.count), b.baseAddress, Int32(capacity))
        }
        return Int(max(n, 0))
    }

    fileprivate static func normalized(_ units: UnsafeBufferPointer<UInt16>,
                                   _ f: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: units.count * 2 + 4)
        var n = out.withUnsafeMutableBufferPointer { f(units.baseAddress, Int32(units.count), $0.baseAddress, Int32($0.count)) }
        if Int(n) > out.count {
            out = [UInt16](repeating: 0, count: Int(n))
            n = out.withUnsafeMutableBufferPointer { f(units.baseAddress, Int32(units.count), $0.baseAddress, Int32($0.count)) }
        }
        if n < 0 { return Array(units) }
        out.removeSubrange(Int(n)...)
        return out
    }

    /// NFKC case folding: the matching key of a word ("Straße" → "strasse", "ﬁle" → "file").
    public static func caseFoldKey(_ s: String) -> String {
        let units = Array(s.utf16)
        let folded = units.withUnsafeBufferPointer { normalized($0, mt_nfkc_casefold) }
        return String(decoding: folded, as: UTF16.self)
    }

    static func caseFold(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] { normalized(units, mt_nfkc_casefold) }

    /// NFC normalization.
    public static func nfc(_ s: String) -> String {
        let units = Array(s.utf16)
        return String(decoding: units.withUnsafeBufferPointer { normalized($0, mt_nfc) }, as: UTF16.self)
    }

    /// Whether a text is certainly in NFC.
    public static func isNFC(_ s: String) -> Bool {
        let units = Array(s.utf16)
        return units.withUnsafeBufferPointer { Int(mt_nfc_span($0.baseAddress, Int32($0.count))) == $0.count }
    }

    /// ISO 15924 short name of a code point's script ("Latn", "Cyrl", "Zyyy" for common).
    public static func scriptName(_ codePoint: UInt32) -> String {
        let code = mt_script(codePoint)
        var buf = [CChar](repeating: 0, count: 16)
        _ = mt_script_short_name(code, &buf, Int32(buf.count))
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func scriptCode(_ codePoint: UInt32) -> Int32 { mt_script(codePoint) }
    public static func charType(_ codePoint: UInt32) -> Int32 { mt_char_type(codePoint) }
}

// ---- Characters family (append-only) ----
extension ICU {
    /// English name of a script code ("Cyrillic", "Han").
    public static func scriptLongName(_ code: Int32) -> String {
        var buf = [CChar](repeating: 0, count: 64)
        _ = mt_script_long_name(code, &buf, Int32(buf.count))
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether ICU's spoof checker finds two strings visually confusable ("Zel\u{435}nsky" and "Zelensky").
    public static func areConfusable(_ a: String, _ b: String) -> Bool {
        let ua = Array(a.utf16), ub = Array(b.utf16)
        let r = ua.withUnsafeBufferPointer { pa in
            ub.withUnsafeBufferPointer { pb in
                mt_confusable(pa.baseAddress, Int32(pa.count), pb.baseAddress, Int32(pb.count))
            }
        }
        return r > 0
    }

    /// Whether a code point is alphabetic, per the system ICU.
    public static func isAlphabetic(_ codePoint: UInt32) -> Bool { mt_is_alphabetic(codePoint) != 0 }

    /// Length of the prefix of `units` that is certainly in NFC.
    static func nfcQuickSpan(_ units: UnsafeBufferPointer<UInt16>) -> Int {
        Int(mt_nfc_span(units.baseAddress, Int32(units.count)))
    }

    /// NFC of a run of UTF-16 units.
    static func nfcUnits(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        normalized(units, mt_nfc)
    }
}

import CICUShim
import Foundation

/// An ICU transliterator (`utrans`) built from a compound ID or from rule text. ICU transliterators are not
/// thread-safe, so each call takes the instance's lock.
public final class Transliterator: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let lock = NSLock()

    /// From an ID such as "Ukrainian-Latin/BGN; [\u02B9\u02BA] Remove".
    public convenience init(id: String) throws(DataError) {
        try self.init(id: id, rules: nil)
    }

    /// From rule text ("::Ukrainian-Latin/BGN; yy } $ → y;"); `name` only labels it.
    public convenience init(name: String, rules: String) throws(DataError) {
        try self.init(id: name, rules: rules)
    }

    private init(id: String, rules: String?) throws(DataError) {
        let idUnits = Array(id.utf16)
        let ruleUnits = rules.map { Array($0.utf16) }
        var errorOffset: Int32 = -1
        let h: UnsafeMutableRawPointer? = idUnits.withUnsafeBufferPointer { ip in
            if let ruleUnits {
                return ruleUnits.withUnsafeBufferPointer { rp in
                    mt_translit_open(ip.baseAddress, Int32(ip.count), rp.baseAddress, Int32(rp.count), &errorOffset)
                }
            }
            return mt_translit_open(ip.baseAddress, Int32(ip.count), nil, 0, &errorOffset)
        }
        guard let h else {
            throw .invalid(path: "transliterator \(id)", line: nil,
                           detail: "ICU cannot build it" + (errorOffset >= 0 ? " (rule error at offset \(errorOffset))" : ""))
        }
        handle = h
    }

    deinit { mt_translit_close(handle) }

    /// The transliteration of `text` (the text unchanged if ICU fails).
    public func apply(_ text: String) -> String {
        lock.lock(); defer { lock.unlock() }
        let units = Array(text.utf16)
        var capacity = units.count * 4 + 16
        while capacity < 1 << 24 {
            var buf = units + [UInt16](repeating: 0, count: capacity - units.count)
            let n = buf.withUnsafeMutableBufferPointer { mt_translit_apply(handle, $0.baseAddress, Int32(units.count), Int32(capacity)) }
            if n < 0 { return text }
            if Int(n) <= capacity { return String(decoding: buf[..<Int(n)], as: UTF16.self) }
            capacity = max(Int(n), capacity * 2)
        }
        return text
    }
}

/// Why a file's bytes cannot be linted as text.
public enum DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Invalid UTF-8 at a byte offset (0-based, counted from the file's first byte), with its 1-based line
    /// and column (column in bytes).
    case invalidUTF8(byteOffset: Int, line: Int, column: Int)
    /// NUL bytes or other signs of a binary file.
    case binary
    /// A UTF-16 file with unpaired surrogates.
    case invalidUTF16(unitOffset: Int)

    public var description: String {
        switch self {
        case let .invalidUTF8(offset, line, column):
            return "invalid UTF-8 at byte \(offset) (line \(line), column \(column))"
        case .binary:
            return "binary file (contains NUL bytes); skipped"
        case let .invalidUTF16(offset):
            return "invalid UTF-16 at code unit \(offset)"
        }
    }
}

public enum TextDecoding {
    /// Decodes a file's bytes: UTF-8 with or without BOM, or UTF-16 with a BOM. A UTF-8 BOM is kept in the
    /// returned string's first scalar position only if present; `SourceText` drops it from positions.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> String {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return try decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        let probe = min(bytes.count, 1 << 16)
        for i in 0..<probe where bytes[i] == 0 { throw .binary }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        let offset = firstInvalidUTF8Offset(bytes)
        var line = 1, lineStart = 0
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            else if bytes[i] == 0x0D {
                if i + 1 < offset && bytes[i + 1] == 0x0A { i += 1 }
                line += 1; lineStart = i + 1
            }
            i += 1
        }
        throw .invalidUTF8(byteOffset: offset, line: line, column: offset - lineStart + 1)
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence (bytes.count if all valid).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minValue: UInt32 = 0
            var value: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; minValue = 0x80; value = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { need = 2; minValue = 0x800; value = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { need = 3; minValue = 0x10000; value = UInt32(b & 0x07) }
            else { return i }
            if i + need >= n { return i }
            for k in 1...need {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return i }
                value = (value << 6) | UInt32(c & 0x3F)
            }
            if value < minValue || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += need + 1
        }
        return n
    }

    static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) throws(DecodingError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        var k = 0
        while k < units.count {
            let u = units[k]
            if u >= 0xD800 && u <= 0xDBFF {
                guard k + 1 < units.count, units[k + 1] >= 0xDC00 && units[k + 1] <= 0xDFFF else {
                    throw .invalidUTF16(unitOffset: k)
                }
                k += 2
            } else if u >= 0xDC00 && u <= 0xDFFF {
                throw .invalidUTF16(unitOffset: k)
            } else { k += 1 }
        }
        if units.contains(0) { throw .binary }
        return String(decoding: units, as: UTF16.self)
    }
}

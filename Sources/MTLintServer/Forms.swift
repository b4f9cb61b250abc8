import Foundation

/// Decoding of request bodies and query strings, with errors that say what is wrong and where.
enum Decode {
    /// The text of UTF-8 bytes, or a 400 naming the byte offset of the first invalid sequence.
    static func utf8(_ bytes: [UInt8], what: String) throws(APIError) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let e): offset += e.count
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw .bad("invalid-utf8", "\(what) is not valid UTF-8 (invalid byte sequence at byte \(offset))")
    }

    /// `application/x-www-form-urlencoded` pairs in order: `+` is a space, `%XY` a byte; every name and
    /// value must decode to valid UTF-8.
    static func form(_ bytes: [UInt8]) throws(APIError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var start = 0
        let n = bytes.count
        while start <= n {
            var end = start
            while end < n && bytes[end] != UInt8(ascii: "&") { end += 1 }
            if end > start {
                var eq = start
                while eq < end && bytes[eq] != UInt8(ascii: "=") { eq += 1 }
                let name = try component(bytes[start..<eq], what: "form field name")
                let value = eq < end ? try component(bytes[(eq + 1)..<end], what: "form field '\(name)'") : ""
                pairs.append((name, value))
            }
            start = end + 1
        }
        return pairs
    }

    private static func component(_ raw: ArraySlice<UInt8>, what: String) throws(APIError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            if b == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b == UInt8(ascii: "%") {
                guard i + 2 < raw.endIndex, let h = hex(raw[i + 1]), let l = hex(raw[i + 2]) else {
                    throw .bad("bad-form", "\(what): malformed percent escape")
                }
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return try utf8(out, what: what)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A JSON object body.
    static func jsonObject(_ bytes: [UInt8]) throws(APIError) -> [String: Any] {
        _ = try utf8(bytes, what: "request body")
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw .bad("invalid-json", "request body is not valid JSON: \(describe(error))")
        }
        guard let object = value as? [String: Any] else { throw .bad("invalid-json", "request body must be a JSON object") }
        return object
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }

    /// A list parameter: a JSON array of strings, or one comma-separated string.
    static func list(_ value: Any?, name: String) throws(APIError) -> [String] {
        guard let value, !(value is NSNull) else { return [] }
        if let s = value as? String { return commaList(s) }
        if let a = value as? [Any] {
            var out: [String] = []
            for item in a {
                guard let s = item as? String else { throw .bad("bad-option", "'\(name)' must be an array of rule ids (strings)") }
                out.append(s.trimmingCharacters(in: .whitespaces))
            }
            return out.filter { !$0.isEmpty }
        }
        throw .bad("bad-option", "'\(name)' must be an array of rule ids or a comma-separated string")
    }

    static func commaList(_ s: String) -> [String] {
        s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

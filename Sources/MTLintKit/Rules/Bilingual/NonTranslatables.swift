/// Pieces of a text that a translation carries over unchanged: URLs, e-mail addresses, @handles, #hashtags,
/// `{0}` / `{name}` and printf placeholders (`%s`, `%1$d`) and markup tags. Found by a scan over UTF-16 units
/// with their ranges, the same on the source and on the target.
enum NonTranslatables {
    struct Item: Equatable {
        var text: [UInt16]
        var range: Range<Int>
    }

    static func isWordChar(_ u: UInt16) -> Bool {
        (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x5F
    }
    static func isLetter(_ u: UInt16) -> Bool { (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) }
    /// Punctuation that ends a sentence or clause rather than a URL ("see example.com.").
    static func isTrailing(_ u: UInt16) -> Bool {
        [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x22, 0x27, 0x3002, 0xFF0C, 0xFF09, 0x201D, 0x2019, 0x300D].contains(u)
    }

    static func starts(_ u: [UInt16], _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.utf16 {
            guard k < u.count else { return false }
            var c = u[k]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != p { return false }
            k += 1
        }
        return true
    }

    static func items(_ u: [UInt16]) -> [Item] {
        var out: [Item] = []
        var i = 0
        let n = u.count
        while i < n {
            let atStart = i == 0 || ProseBuffer.isSpace(u[i - 1]) || u[i - 1] == 0x28 || u[i - 1] >= 0x2E80
            if atStart && (starts(u, i, "http://") || starts(u, i, "https://") || starts(u, i, "www.")) {
                var j = i
                while j < n && !ProseBuffer.isSpace(u[j]) && u[j] < 0x2E80 { j += 1 }
                while j > i && isTrailing(u[j - 1]) { j -= 1 }
                out.append(Item(text: Array(u[i..<j]), range: i..<j)); i = j; continue
            }
            if u[i] == 0x40 || u[i] == 0x23 {   // @handle, #hashtag, or the @ of an e-mail address
                var j = i + 1
                while j < n && isWordChar(u[j]) { j += 1 }
                if u[i] == 0x40 && i > 0 && isWordChar(u[i - 1]) {
                    // An e-mail address: back to its start, on through its domain.
                    var a = i
                    while a > 0 && (isWordChar(u[a - 1]) || u[a - 1] == 0x2E || u[a - 1] == 0x2D || u[a - 1] == 0x2B) { a -= 1 }
                    var e = i + 1
                    while e < n && (isWordChar(u[e]) || u[e] == 0x2E || u[e] == 0x2D) { e += 1 }
                    while e > i + 1 && isTrailing(u[e - 1]) { e -= 1 }
                    if u[(i + 1)..<e].contains(0x2E) { out.append(Item(text: Array(u[a..<e]), range: a..<e)); i = e; continue }
                } else if atStart && j - i >= 3 && u[(i + 1)..<j].contains(where: isLetter) {
                    out.append(Item(text: Array(u[i..<j]), range: i..<j)); i = j; continue
                }
                i += 1; continue
            }
            if u[i] == 0x7B {   // {0}, {name}
                var j = i + 1
                while j < n && j - i <= 31 && isWordChar(u[j]) { j += 1 }
                if j < n && u[j] == 0x7D { out.append(Item(text: Array(u[i...j]), range: i..<(j + 1))); i = j + 1; continue }
                i += 1; continue
            }
            if u[i] == 0x25, i + 1 < n {   // %s, %d, %1$s
                var j = i + 1
                while j < n && u[j] >= 0x30 && u[j] <= 0x39 { j += 1 }
                if j < n && u[j] == 0x24 { j += 1 }
                if j < n, [0x73, 0x64, 0x69, 0x66, 0x40, 0x75, 0x78].contains(u[j]), j + 1 >= n || !isLetter(u[j + 1]), j == i + 1 || u[j - 1] == 0x24 {
                    out.append(Item(text: Array(u[i...j]), range: i..<(j + 1))); i = j + 1; continue
                }
                i += 1; continue
            }
            if u[i] == 0x3C, i + 1 < n, isLetter(u[i + 1]) || u[i + 1] == 0x2F {   // <b>, </b>, <br/>
                var j = i + 1
                while j < n && j - i <= 60 && u[j] != 0x3E && u[j] != 0x3C && u[j] != 0x0A { j += 1 }
                if j < n && u[j] == 0x3E { out.append(Item(text: Array(u[i...j]), range: i..<(j + 1))); i = j + 1; continue }
            }
            i += 1
        }
        return out
    }
}

import Foundation

/// A distance between two spellings of a name, weighted for the slips that machine translation, speech
/// recognition and OCR make: one vowel for another, a doubled or dropped double letter, neighbouring
/// letters swapped, sound-alike letters (c/k, s/z, i/y), keyboard neighbours, OCR confusions (l/i, rn/m),
/// a dropped h after a consonant, and a dropped syllable (a run of two to four letters). An arbitrary edit
/// costs 1. Names are compared on folded keys: lower case ASCII letters, diacritics removed.
public enum NameDistance {
    /// Lower-case letters of a name with diacritics removed (Erdoğan → erdogan); other characters kept
    /// as their ASCII form or dropped. Used for matching only.
    public static func fold(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var ascii = true
        for b in name.utf8 {
            if b >= 0x80 { ascii = false; break }
            out.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        }
        if ascii { return out }
        out.removeAll(keepingCapacity: true)
        for s in name.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.value < 0x80 { out.append(UInt8(s.value)); continue }
            if let special = foldSpecial[s.value] { out.append(contentsOf: special.utf8) }
            // Combining marks and letters of other scripts are dropped.
        }
        return out
    }

    private static let foldSpecial: [UInt32: String] = [
        0x0142: "l", 0x00F8: "o", 0x00DF: "ss", 0x0111: "d", 0x0131: "i", 0x00E6: "ae", 0x0153: "oe",
        0x00FE: "th", 0x00F0: "d", 0x0127: "h", 0x2019: "'", 0x02BC: "'",
    ]

    @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }

    /// Substitution costs between lower-case ASCII letters (26×26), from the slip classes above.
    private static let substitution: [Float] = {
        var t = [Float](repeating: 1, count: 26 * 26)
        func set(_ a: Character, _ b: Character, _ cost: Float) {
            let i = Int(a.asciiValue! - 97), j = Int(b.asciiValue! - 97)
            t[i * 26 + j] = min(t[i * 26 + j], cost); t[j * 26 + i] = min(t[j * 26 + i], cost)
        }
        let rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0) }
        for (r, row) in rows.enumerated() {
            for (c, ch) in row.enumerated() {
                if c + 1 < row.count { set(ch, row[c + 1], 0.75) }
                if r + 1 < rows.count {
                    // The row below is offset by about half a key: its keys c-1 and c touch this one.
                    for k in [c - 1, c] where k >= 0 && k < rows[r + 1].count { set(ch, rows[r + 1][k], 0.75) }
                }
            }
        }
        for pair in ["ck", "cs", "kq", "cq", "sz", "fv", "vw", "iy", "jy", "gj", "bp", "dt", "mn", "gk", "xz"] {
            let p = Array(pair); set(p[0], p[1], 0.6)
        }
        for pair in ["li", "ij", "ec", "nh", "uv", "oc", "bh", "rn", "ao", "ft", "tl"] {
            let p = Array(pair); set(p[0], p[1], 0.7)
        }
        let vowels = Array("aeiouy")
        for a in vowels { for b in vowels where a != b { set(a, b, 0.5) } }
        return t
    }()

    @inline(__always) private static func letterIndex(_ c: UInt8) -> Int? {
        c >= 0x61 && c <= 0x7A ? Int(c - 0x61) : nil
    }

    @inline(__always) static func substitutionCost(_ a: UInt8, _ b: UInt8) -> Float {
        if a == b { return 0 }
        guard let i = letterIndex(a), let j = letterIndex(b) else { return 1 }
        return substitution[i * 26 + j]
    }

    /// Cost of inserting or deleting `c` between `before` and `after` (0 when absent): a letter that
    /// doubles a neighbour (or sounds like it: "ck", "sc") is cheap, a vowel or an h after a consonant
    /// less than anything else.
    @inline(__always) static func indelCost(_ c: UInt8, before: UInt8, after: UInt8) -> Float {
        if c == before || c == after { return 0.4 }
        if (before != 0 && substitutionCost(c, before) <= 0.6) || (after != 0 && substitutionCost(c, after) <= 0.6) {
            return isVowel(c) ? 0.6 : 0.5
        }
        if c == 0x68 && before != 0 && !isVowel(before) { return 0.5 }   // h after a consonant: kh, sh, th
        if c == 0x27 || c == 0x2D { return 0.3 }                          // apostrophe, hyphen
        return isVowel(c) || c == 0x79 ? 0.7 : 1
    }

    /// Cost of a dropped or added run of `k` (2…4) letters: a lost syllable is one slip, not k of them.
    @inline(__always) static func runCost(_ k: Int) -> Float { 1.1 + 0.35 * Float(k - 1) }

    /// The weighted distance, or nil once it must exceed `limit`.
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Float = 3) -> Float? {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { let d = Float(max(n, m)); return d <= limit ? d : nil }
        if Float(abs(n - m)) * 0.3 > limit + 1e-4 { return nil }
        let w = m + 1
        var d = [Float](repeating: 0, count: (n + 1) * w)
        @inline(__always) func at(_ i: Int, _ j: Int) -> Float { d[i * w + j] }
        func aAt(_ i: Int) -> UInt8 { i >= 0 && i < n ? a[i] : 0 }
        func bAt(_ j: Int) -> UInt8 { j >= 0 && j < m ? b[j] : 0 }
        for j in 1...m {
            // Inserting b[j-1] into a at its start.
            d[j] = d[j - 1] + indelCost(b[j - 1], before: bAt(j - 2), after: aAt(0))
            if j >= 2 { for k in 2...min(4, j) { d[j] = min(d[j], d[j - k] + runCost(k)) } }
        }
        for i in 1...n {
            d[i * w] = d[(i - 1) * w] + indelCost(a[i - 1], before: aAt(i - 2), after: aAt(i))
            if i >= 2 { for k in 2...min(4, i) { d[i * w] = min(d[i * w], d[(i - k) * w] + runCost(k)) } }
            var rowMin = d[i * w]
            for j in 1...m {
                var best = at(i - 1, j - 1) + substitutionCost(a[i - 1], b[j - 1])
                // Deleting a[i-1] (its neighbours in a), or inserting b[j-1] (its neighbours in b).
                best = min(best, at(i - 1, j) + indelCost(a[i - 1], before: aAt(i - 2), after: aAt(i)))
                best = min(best, at(i, j - 1) + indelCost(b[j - 1], before: bAt(j - 2), after: bAt(j)))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] {
                    best = min(best, at(i - 2, j - 2) + 0.6)
                }
                if i >= 2 { for k in 2...min(4, i) { best = min(best, at(i - k, j) + runCost(k)) } }
                if j >= 2 { for k in 2...min(4, j) { best = min(best, at(i, j - k) + runCost(k)) } }
                d[i * w + j] = best
                rowMin = min(rowMin, best)
            }
            if rowMin > limit + 1e-4 { return nil }
        }
        let r = d[n * w + m]
        return r <= limit + 1e-4 ? r : nil
    }

    /// A rough sound key: consonant skeleton after common respellings (ph→f, ck→k, c→k or s, z→s, w→v,
    /// kh→h, doubled letters once), keeping the first letter's sound. Equal keys mean "sounds alike".
    public static func soundKey(_ a: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        let n = a.count
        func at(_ k: Int) -> UInt8 { k < n ? a[k] : 0 }
        while i < n {
            var c = a[i]
            var step = 1
            switch c {
            case 0x70 where at(i + 1) == 0x68: c = 0x66; step = 2                       // ph → f
            case 0x63 where at(i + 1) == 0x6B: c = 0x6B; step = 2                       // ck → k
            case 0x63: c = [0x65, 0x69, 0x79].contains(at(i + 1)) ? 0x73 : 0x6B         // c → s / k
            case 0x71: c = 0x6B                                                          // q → k
            case 0x7A: c = 0x73                                                          // z → s
            case 0x77: c = 0x76                                                          // w → v
            case 0x78: out.append(0x6B); c = 0x73                                        // x → ks
            case 0x6A: c = 0x79                                                          // j → y
            case 0x68 where i > 0 && !isVowel(a[i - 1]): c = 0                           // h after a consonant
            case 0x27, 0x2D: c = 0
            default: break
            }
            i += step
            if c == 0 { continue }
            let vowelLike = isVowel(c) || c == 0x79
            if vowelLike && !out.isEmpty { continue }     // vowels only at the start
            if vowelLike { c = 0x61 }
            if out.last == c { continue }
            out.append(c)
        }
        return out
    }

    /// Endings that make another word of the same name: plural or lost apostrophe ("Kennedys"), demonyms and
    /// adjectives ("Kenyan", "Chinese", "Israeli"), feminine surnames ("Fomina", "Petrova", "Nowakowska").
    static func isInflection(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard short.count >= 3 else { return false }
        for cut in 0...min(2, short.count - 3) {
            let stem = short.prefix(short.count - cut)
            guard long.starts(with: stem) else { continue }
            let tail = String(decoding: long.dropFirst(stem.count), as: UTF8.self)
            let shortTail = String(decoding: short.suffix(cut), as: UTF8.self)
            if inflectionTails.contains(tail) && (cut == 0 || ["a", "e", "y", "o", "i", "ia", "ie"].contains(shortTail)) { return true }
            if let feminine = feminineTails[shortTail], feminine.contains(tail) { return true }
        }
        return false
    }

    static let inflectionTails: Set<String> = [
        "s", "es", "'s", "n", "an", "ian", "ean", "i", "ese", "ish", "ic", "er", "ers", "ite", "ites", "ans",
        "ians", "ic", "ics", "ist", "ists", "ism", "a", "ova", "eva", "ina", "yna", "ska", "skaya", "aya", "ya",
        "uese", "ine", "ais", "aise", "ien", "ienne", "o",
    ]
    static let feminineTails: [String: Set<String>] = [
        "y": ["aya", "a"], "i": ["a"], "iy": ["aya"], "ij": ["a"], "o": ["a"], "s": ["ė", "e"],
    ]

    /// Spellings that differ only by a transliteration convention (Zelenskyy/Zelenskiy/Zelensky,
    /// Oleksiy/Oleksii, Aleksandr/Alexandr): the house-style rules' business, not a garble.
    static func isTransliterationVariant(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        translitKey(a) == translitKey(b)
    }

    static func translitKey(_ w: [UInt8]) -> [UInt8] {
        var s = w
        for (from, to) in translitRules { s = replacing(s, from, to) }
        if s.last == 0x69 { s[s.count - 1] = 0x79 }   // final i → y
        return s
    }

    private static let translitRules: [([UInt8], [UInt8])] = [
        ("ks", "x"), ("kh", "h"), ("yy", "y"), ("iy", "y"), ("ii", "y"), ("yi", "y"), ("ij", "y"),
        ("yj", "y"), ("ie", "ye"), ("ia", "ya"), ("iu", "yu"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// `s` with every non-overlapping occurrence of `from` (two bytes) replaced, left to right.
    private static func replacing(_ s: [UInt8], _ from: [UInt8], _ to: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 1)
        var i = 0
        while i < s.count {
            if i + 1 < s.count && s[i] == from[0] && s[i + 1] == from[1] { out += to; i += 2 } else { out.append(s[i]); i += 1 }
        }
        return out
    }
}

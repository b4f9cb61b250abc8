/// Common lower-case words within a small weighted edit distance of a key, for spelling suggestions.
/// Generating every string two edits away and looking each up (~300,000 strings for a ten-letter word)
/// cost ~100 ms per unknown word; instead the words are bucketed by length with a letter-set mask, and a
/// banded weighted Damerau (OSA) distance runs only on words of nearly the same length and letters.
final class NearWords: @unchecked Sendable {
    /// Words up to this SCOWL level are indexed (suggestions never go rarer).
    static let indexedLevel = 50

    private struct Bucket {
        var bytes = FlatArray<UInt8>()
        var masks = FlatArray<UInt32>()
        var levels = FlatArray<UInt8>()
    }

    /// Bucket per word length: words stored back to back, `length` bytes each.
    private var buckets: [Bucket] = []

    private init(buckets: [Bucket]) { self.buckets = buckets }

    /// The compiled form (`RuleImage`): each bucket's arrays.
    func encode(_ w: inout ImageWriter) {
        w.u32(UInt32(buckets.count))
        for b in buckets { w.array(b.bytes); w.array(b.masks); w.array(b.levels) }
    }

    static func decode(_ r: inout ImageReader) -> NearWords? {
        guard let n = r.u32(), n == 40 else { return nil }
        var buckets: [Bucket] = []
        for length in 0..<Int(n) {
            guard let bytes = r.flat(UInt8.self), let masks = r.flat(UInt32.self), let levels = r.flat(UInt8.self),
                  masks.count == levels.count, bytes.count == masks.count * length else { return nil }
            buckets.append(Bucket(bytes: bytes, masks: masks, levels: levels))
        }
        return NearWords(buckets: buckets)
    }

    init(_ list: WordList, maxLevel: Int) {
        var bytes = [[UInt8]](repeating: [], count: 40), masks = [[UInt32]](repeating: [], count: 40)
        var levels = [[UInt8]](repeating: [], count: 40)
        list.forEachEntry { w, level in
            guard level <= maxLevel, w.count >= 2, w.count < 40 else { return }
            var mask: UInt32 = 0
            for c in w {
                guard c >= 0x61 && c <= 0x7A else { return }
                mask |= 1 << UInt32(c - 0x61)
            }
            bytes[w.count].append(contentsOf: w)
            masks[w.count].append(mask)
            levels[w.count].append(UInt8(level))
        }
        self.buckets = (0..<40).map { Bucket(bytes: FlatArray(bytes[$0]), masks: FlatArray(masks[$0]), levels: FlatArray(levels[$0])) }
    }

    /// Words (lower-case ASCII letters) whose weighted distance from `key` is at most `limit`, with the
    /// distance and the word's level. Costs follow typical slips: dropping or adding one of a doubled
    /// letter 0.6, swapping neighbours 0.7, one vowel for another 0.9, anything else 1.
    func search(_ key: [UInt8], limit: Double = 2.0, maxLevel: Int) -> [(word: String, distance: Double, level: Int)] {
        let n = key.count
        guard n >= 1, n < 38 else { return [] }
        var keyMask: UInt32 = 0
        for c in key where c >= 0x61 && c <= 0x7A { keyMask |= 1 << UInt32(c - 0x61) }
        // At most two edits (three cheap ones would fit the limit, but are too rare to pay for): the length
        // differs by two at most, and each edit adds or removes at most two letters of the letter set.
        let maxEdits = min(2, Int(limit / 0.6))
        var out: [(String, Double, Int)] = []
        // Two rows back (for transpositions), the previous row and the current one.
        var rows = [[Double]](repeating: [Double](repeating: 0, count: 48), count: 3)
        for m in max(2, n - maxEdits)...min(39, n + maxEdits) {
            let bucket = buckets[m]
            let count = bucket.masks.count
            guard count > 0 else { continue }
            bucket.bytes.withUnsafeBufferPointer { all in
                for e in 0..<count {
                    guard Int(bucket.levels[e]) <= maxLevel,
                          (keyMask ^ bucket.masks[e]).nonzeroBitCount <= 2 * maxEdits else { continue }
                    let word = UnsafeBufferPointer(rebasing: all[(e * m)..<(e * m + m)])
                    if let d = distance(key, word, limit: limit, rows: &rows) {
                        out.append((String(decoding: word, as: UTF8.self), d, Int(bucket.levels[e])))
                    }
                }
            }
        }
        return out
    }

    @inline(__always) private static func isVowel(_ u: UInt8) -> Bool {
        u == 0x61 || u == 0x65 || u == 0x69 || u == 0x6F || u == 0x75 || u == 0x79
    }

    /// Weighted optimal-string-alignment distance, or nil once every cell of a row exceeds `limit`.
    private func distance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Double, rows: inout [[Double]]) -> Double? {
        let n = a.count, m = b.count
        func deleteCost(_ i: Int) -> Double {   // dropping a[i]
            ((i > 0 && a[i - 1] == a[i]) || (i + 1 < n && a[i + 1] == a[i])) ? 0.6 : 1.0
        }
        func insertCost(_ l: UInt8, at i: Int) -> Double {   // inserting l before a[i]
            ((i > 0 && a[i - 1] == l) || (i < n && a[i] == l)) ? 0.6 : 1.0
        }
        var prev2 = 0, prev = 1, cur = 2
        rows[prev][0] = 0
        for j in 1...m { rows[prev][j] = rows[prev][j - 1] + insertCost(b[j - 1], at: 0) }
        for i in 1...n {
            rows[cur][0] = rows[prev][0] + deleteCost(i - 1)
            var rowMin = rows[cur][0]
            for j in 1...m {
                var best: Double
                if a[i - 1] == b[j - 1] {
                    best = rows[prev][j - 1]
                } else {
                    best = rows[prev][j - 1] + ((Self.isVowel(a[i - 1]) && Self.isVowel(b[j - 1])) ? 0.9 : 1.0)
                }
                best = min(best, rows[prev][j] + deleteCost(i - 1))
                best = min(best, rows[cur][j - 1] + insertCost(b[j - 1], at: i))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] {
                    best = min(best, rows[prev2][j - 2] + 0.7)
                }
                rows[cur][j] = best
                rowMin = min(rowMin, best)
            }
            if rowMin > limit + 1e-9 { return nil }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        let d = rows[prev][m]
        return d <= limit + 1e-9 ? d : nil
    }
}

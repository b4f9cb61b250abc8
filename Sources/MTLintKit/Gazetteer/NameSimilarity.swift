/// String similarity measures for names, on arrays of lower-case code points.
public enum NameSimilarity {
    /// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early
    /// once the distance must exceed `limit`.
    public static func osa(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (b.count + 1)) { rows in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in osa(pa, pb, limit: limit, rows: rows.baseAddress!) }
            }
        }
    }

    /// The same over any two buffers (code points, bytes), with `rows` as scratch for 3 × (b.count + 1)
    /// distances; the name index calls it with its own scratch to allocate nothing per query.
    /// `osa` with the second word a slice of a larger array (the fuzzy index's entries).
    static func osa(_ a: [UInt32], _ b: ArraySlice<UInt32>, limit: Int = .max) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (b.count + 1)) { rows in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in osa(pa, pb, limit: limit, rows: rows.baseAddress!) }
            }
        }
    }

    static func osa<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int,
                                  rows: UnsafeMutablePointer<Int>) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var prev2 = rows, prev = rows + (m + 1), cur = rows + 2 * (m + 1)
        for j in 0...m { prev[j] = j }
        for i in 1...n {
            cur[0] = i
            var rowMin = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }

    /// Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).
    public static func jaroWinkler(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n == m ? 1 : 0 }
        let window = max(0, max(n, m) / 2 - 1)
        var aMatched = [Bool](repeating: false, count: n), bMatched = [Bool](repeating: false, count: m)
        var matches = 0
        for i in 0..<n {
            let lo = max(0, i - window), hi = min(m - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !bMatched[j] && a[i] == b[j] {
                aMatched[i] = true; bMatched[j] = true; matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in 0..<n where aMatched[i] {
            while !bMatched[k] { k += 1 }
            if a[i] != b[k] { transpositions += 1 }
            k += 1
        }
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transpositions / 2)) / mm) / 3
        var prefix = 0
        while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Dice coefficient of character bigrams.
    public static func bigramDice(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count >= 2 && b.count >= 2 else { return a == b ? 1 : 0 }
        var bigrams: [UInt64: Int] = [:]
        for i in 0..<(a.count - 1) { bigrams[UInt64(a[i]) << 32 | UInt64(a[i + 1]), default: 0] += 1 }
        var shared = 0
        for i in 0..<(b.count - 1) {
            let k = UInt64(b[i]) << 32 | UInt64(b[i + 1])
            if let c = bigrams[k], c > 0 { shared += 1; bigrams[k] = c - 1 }
        }
        return 2 * Double(shared) / Double(a.count - 1 + b.count - 1)
    }

    public static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
}

/// A symmetric-delete index (as in SymSpell) for fuzzy lookup within edit distance 2: every entry is stored
/// under all strings obtained by deleting up to two characters of its first `prefix` characters, so a
/// query costs a few dozen hash lookups however many entries there are.
public final class FuzzyIndex: @unchecked Sendable {
    public let maxDistance: Int
    public let prefix: Int
    // Flat arrays (so the index is stored in the compiled image as it is): entry i's scalars are
    // scalars[entryStarts[i]..<entryStarts[i + 1]]; the entries under deletion hash hashes[k] (sorted) are
    // postings[postingStarts[k]..<postingStarts[k + 1]].
    private let scalars: [UInt32]
    private let entryStarts: [UInt32]
    private let hashes: [UInt64]
    private let postingStarts: [UInt32]
    private let postings: [Int32]

    /// The index of `words`, in order (a lookup answers with their positions).
    public init(words: [String], maxDistance: Int = 2, prefix: Int = 7) {
        self.maxDistance = maxDistance
        self.prefix = prefix
        var scalars: [UInt32] = [], entryStarts: [UInt32] = [0]
        var pairs: [(hash: UInt64, id: Int32)] = []
        for (id, word) in words.enumerated() {
            let s = NameSimilarity.scalars(word)
            scalars += s
            entryStarts.append(UInt32(scalars.count))
            for h in Self.deleteHashes(s, maxDistance: maxDistance, prefix: prefix) { pairs.append((h, Int32(id))) }
        }
        pairs.sort { ($0.hash, $0.id) < ($1.hash, $1.id) }
        var hashes: [UInt64] = [], postingStarts: [UInt32] = [], postings: [Int32] = []
        for p in pairs {
            if hashes.last != p.hash { hashes.append(p.hash); postingStarts.append(UInt32(postings.count)) }
            postings.append(p.id)
        }
        postingStarts.append(UInt32(postings.count))
        self.scalars = scalars; self.entryStarts = entryStarts
        self.hashes = hashes; self.postingStarts = postingStarts; self.postings = postings
    }

    private init(maxDistance: Int, prefix: Int, scalars: [UInt32], entryStarts: [UInt32], hashes: [UInt64],
                 postingStarts: [UInt32], postings: [Int32]) {
        self.maxDistance = maxDistance; self.prefix = prefix
        self.scalars = scalars; self.entryStarts = entryStarts
        self.hashes = hashes; self.postingStarts = postingStarts; self.postings = postings
    }

    public var count: Int { entryStarts.count - 1 }

    func entry(_ i: Int) -> ArraySlice<UInt32> { scalars[Int(entryStarts[i])..<Int(entryStarts[i + 1])] }

    /// The compiled form (`RuleImage`).
    func encode(_ w: inout ImageWriter) {
        w.int(maxDistance); w.int(prefix)
        w.array(scalars); w.array(entryStarts); w.array(hashes); w.array(postingStarts); w.array(postings)
    }

    /// The index from its compiled form, or nil unless every offset lies inside its array.
    static func decode(_ r: inout ImageReader) -> FuzzyIndex? {
        guard let maxDistance = r.int(), let prefix = r.int(), (0...4).contains(maxDistance), (1...64).contains(prefix),
              let scalars = r.array(UInt32.self), let entryStarts = r.array(UInt32.self), let hashes = r.array(UInt64.self),
              let postingStarts = r.array(UInt32.self), let postings = r.array(Int32.self),
              entryStarts.first == 0, entryStarts.last.map({ Int($0) == scalars.count }) == true,
              postingStarts.count == hashes.count + 1, postingStarts.first == 0,
              postingStarts.last.map({ Int($0) == postings.count }) == true,
              zip(entryStarts, entryStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(postingStarts, postingStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(hashes, hashes.dropFirst()).allSatisfy({ $0 < $1 }),
              postings.allSatisfy({ $0 >= 0 && Int($0) < entryStarts.count - 1 }) else { return nil }
        return FuzzyIndex(maxDistance: maxDistance, prefix: prefix, scalars: scalars, entryStarts: entryStarts,
                          hashes: hashes, postingStarts: postingStarts, postings: postings)
    }

    /// The entries filed under a deletion hash.
    private func postings(for h: UInt64) -> ArraySlice<Int32> {
        var lo = 0, hi = hashes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hashes[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        guard lo < hashes.count, hashes[lo] == h else { return [] }
        return postings[Int(postingStarts[lo])..<Int(postingStarts[lo + 1])]
    }

    static func hash(_ s: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for v in s { h = (h ^ UInt64(v)) &* 0x100000001b3 }
        return h ^ UInt64(s.count)
    }

    /// All variants of `word` with up to `maxDistance` deletions (within the prefix), as hashes. The variants
    /// are hashed as they are enumerated (each set of deleted positions, in order; a deletion leaves at least
    /// one letter), so no array is built per variant: this runs for every entry when the index is built.
    func deleteHashes(_ word: [UInt32]) -> Set<UInt64> { Self.deleteHashes(word, maxDistance: maxDistance, prefix: prefix) }

    static func deleteHashes(_ word: [UInt32], maxDistance: Int, prefix: Int) -> Set<UInt64> {
        let head = Array(word.prefix(prefix))
        var out: Set<UInt64> = [Self.hash(head[...])]
        var deleted: [Int] = []
        func hashWithout() -> UInt64 {
            var h: UInt64 = 0xcbf29ce484222325
            var k = 0
            for (i, v) in head.enumerated() {
                if k < deleted.count && deleted[k] == i { k += 1; continue }
                h = (h ^ UInt64(v)) &* 0x100000001b3
            }
            return h ^ UInt64(head.count - deleted.count)
        }
        // Positions to delete in increasing order, one more per level while more than one letter is left.
        func extend(from first: Int) {
            guard deleted.count < maxDistance, head.count - deleted.count > 1 else { return }
            for i in first..<head.count {
                deleted.append(i)
                out.insert(hashWithout())
                extend(from: i + 1)
                deleted.removeLast()
            }
        }
        extend(from: 0)
        return out
    }

    /// Entries within `maxDistance` (OSA) of `query`, with their distances, closest first.
    public func lookup(_ query: String, maxDistance limit: Int? = nil) -> [(index: Int, distance: Int)] {
        let q = NameSimilarity.scalars(query)
        let bound = min(limit ?? maxDistance, maxDistance)
        var seen: Set<Int32> = []
        var out: [(Int, Int)] = []
        for h in deleteHashes(q) {
            for id in postings(for: h) where seen.insert(id).inserted {
                let e = entry(Int(id))
                guard abs(e.count - q.count) <= bound else { continue }
                let d = NameSimilarity.osa(q, e, limit: bound)
                if d <= bound { out.append((Int(id), d)) }
            }
        }
        return out.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
}

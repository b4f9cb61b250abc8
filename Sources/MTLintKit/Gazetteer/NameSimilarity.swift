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
    private(set) var entries: [[UInt32]] = []
    private var deletes: [UInt64: [Int32]] = [:]

    public init(maxDistance: Int = 2, prefix: Int = 7) {
        self.maxDistance = maxDistance
        self.prefix = prefix
    }

    public var count: Int { entries.count }

    static func hash(_ s: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for v in s { h = (h ^ UInt64(v)) &* 0x100000001b3 }
        return h ^ UInt64(s.count)
    }

    /// All variants of `word` with up to `maxDistance` deletions (within the prefix), as hashes. The variants
    /// are hashed as they are enumerated (each set of deleted positions, in order; a deletion leaves at least
    /// one letter), so no array is built per variant: this runs for every entry when the index is built.
    func deleteHashes(_ word: [UInt32]) -> Set<UInt64> {
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

    public func add(_ word: String) {
        let s = NameSimilarity.scalars(word)
        let id = Int32(entries.count)
        entries.append(s)
        for h in deleteHashes(s) { deletes[h, default: []].append(id) }
    }

    /// Entries within `maxDistance` (OSA) of `query`, with their distances, closest first.
    public func lookup(_ query: String, maxDistance limit: Int? = nil) -> [(index: Int, distance: Int)] {
        let q = NameSimilarity.scalars(query)
        let bound = min(limit ?? maxDistance, maxDistance)
        var seen: Set<Int32> = []
        var out: [(Int, Int)] = []
        for h in deleteHashes(q) {
            guard let ids = deletes[h] else { continue }
            for id in ids where seen.insert(id).inserted {
                let e = entries[Int(id)]
                guard abs(e.count - q.count) <= bound else { continue }
                let d = NameSimilarity.osa(q, e, limit: bound)
                if d <= bound { out.append((Int(id), d)) }
            }
        }
        return out.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
}

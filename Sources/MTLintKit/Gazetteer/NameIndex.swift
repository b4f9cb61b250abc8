import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fuzzy lookup of byte-string keys (names folded by the caller) within optimal-string-alignment distance
/// 2, sized for millions of entries: a symmetric-delete index (as in SymSpell) in flat arrays that are
/// written once to a cache file and memory-mapped in place thereafter, so a process pays no build and no copy.
///
/// Every entry is indexed under the hashes of all strings obtained by deleting up to `maxDistance` bytes from
/// its first `prefixLength` bytes; a query probes the same variants of its own prefix. Any entry within the
/// distance shares at least one variant with the query (the common subsequence of the two prefixes), so
/// lookups are exact for OSA distance; the prefix only bounds the number of variants. Entries with the same
/// prefix form a group, stored as one block (lengths, masks and key bytes together) and posted once: a
/// candidate costs one cache miss, and most are dismissed by the block's range of key lengths alone.
///
/// Layout (one buffer, identical in memory and on disk; the header and block headers are little-endian, the
/// arrays in the host's byte order, which the header records so that another architecture's file is rejected):
///
///     header (128 bytes)   magic, format version, byte-order mark, source hash, counts, section offsets
///     blocks               per group, 8-byte aligned: first entry id (UInt32), shortest and longest key
///                          length (UInt8 × 2), entry count (UInt16); letter-set masks (UInt32 × count),
///                          key lengths (UInt8 × count), key bytes
///     block table          UInt32 per block: its offset / 8 (to find an entry's key by id)
///     payloads             UInt32 per entry: the caller's value
///     bucket directory     UInt32 × (2^bucketBits + 1): start of each bucket's postings
///     postings             UInt32: hash tag | entry-side deletions (2 bits) | block offset / 8,
///                          counting-sorted by bucket (= hash & mask)
///     trailer (16 bytes)   end magic, checksum of the header
///
/// Entry ids number the entries in the index's own order (by prefix bytes, key length, then input order), not
/// the input order: carry your own handle in the payload. Immutable after building, so one instance serves any number
/// of threads; each thread needs its own `Scratch` for the allocation-free lookup.
public final class NameIndex: @unchecked Sendable {
    /// Bumped whenever the file layout or the hash changes, so stale cache files are never read.
    public static let formatVersion: UInt32 = 2
    /// Longest key that is indexed; longer keys are kept (truncated) but never returned, since names never get this long.
    public static let maxKeyLength = 64
    /// The deletion prefix cannot exceed 8 bytes: variants are packed into one 64-bit word.
    public static let maxPrefixLength = 8
    /// Default prefix: 8 bytes makes the two-deletion variants (6 bytes) selective enough for a million names.
    public static let defaultPrefixLength = 8
    /// Postings per bucket on average: the tag in each posting rejects other hashes, so a small directory is cheap.
    static let bucketLoad = 8

    /// One lookup result: the entry and its OSA distance from the query.
    public struct Match: Hashable, Sendable {
        /// Entry id, for `key(_:)` and `payload(_:)`.
        public var id: Int
        /// Optimal-string-alignment distance in bytes between the query and the entry's key.
        public var distance: Int
        /// Builds a match (tests compare with expected ones).
        public init(id: Int, distance: Int) { self.id = id; self.distance = distance }
    }

    /// Number of entries, so callers can size arrays indexed by entry id.
    public let count: Int
    /// How many leading bytes are used for deletion variants; recorded so a cache file built otherwise is rejected.
    public let prefixLength: Int
    /// Largest distance the index was built for; lookups are capped at it.
    public let maxDistance: Int
    /// The caller's hash of the source the entries came from, so a cache file is tied to its source.
    public let sourceHash: UInt64
    /// Size of the index in bytes (the file size when written), for memory reports.
    public let byteCount: Int
    /// Whether the index lives in a memory-mapped file (page cache) rather than on the heap.
    public var isMemoryMapped: Bool { if case .mapped = owner { return true } else { return false } }

    /// Number of prefix blocks (groups), for reports.
    public let blockCount: Int
    private let postingCount: Int
    private let blockUnits: Int        // size of the blocks section in 8-byte units
    private let bucketMask: UInt64
    private let idBits: UInt32
    private let idMask: UInt32
    private let tagMask: UInt32
    private let blocks: UnsafeRawPointer
    private let blockTable: UnsafePointer<UInt32>
    private let payloads: UnsafePointer<UInt32>
    private let directory: UnsafePointer<UInt32>
    private let postings: UnsafePointer<UInt32>
    private let base: UnsafeRawPointer
    private let owner: Owner

    private enum Owner {
        case heap(UnsafeMutableRawPointer)
        case mapped(UnsafeMutableRawPointer, Int)
    }

    private init(base: UnsafeRawPointer, layout l: Layout, owner: Owner) {
        self.owner = owner
        self.base = base
        count = l.entryCount
        blockCount = l.blockCount
        postingCount = l.postingCount
        blockUnits = l.blockBytes / 8
        prefixLength = l.prefixLength
        maxDistance = l.maxDistance
        sourceHash = l.sourceHash
        byteCount = l.fileSize
        bucketMask = (UInt64(1) << UInt64(l.bucketBits)) - 1
        idBits = UInt32(l.idBits)
        idMask = (UInt32(1) << UInt32(l.idBits)) - 1
        tagMask = ~((UInt32(1) << UInt32(l.idBits + 2)) - 1)
        blocks = base + l.blocksOffset
        blockTable = (base + l.tableOffset).bindMemory(to: UInt32.self, capacity: max(l.blockCount, 1))
        payloads = (base + l.payloadsOffset).bindMemory(to: UInt32.self, capacity: max(l.entryCount, 1))
        directory = (base + l.directoryOffset).bindMemory(to: UInt32.self, capacity: (1 << l.bucketBits) + 1)
        postings = (base + l.postingsOffset).bindMemory(to: UInt32.self, capacity: max(l.postingCount, 1))
    }

    deinit {
        switch owner {
        case .heap(let p): p.deallocate()
        case .mapped(let p, let n): munmap(p, n)
        }
    }

    // MARK: Entries

    /// The stored key bytes of an entry (truncated to `maxKeyLength`), to show or re-rank a match.
    public func key(_ id: Int) -> [UInt8] {
        precondition(id >= 0 && id < count, "NameIndex entry id out of range")
        // The block holding the entry: the last one whose first id is not above it.
        var lo = 0, hi = blockCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            let unit = Int(blockTable[mid])
            if unit >= blockUnits || Int(UInt32(littleEndian: blocks.load(fromByteOffset: 8 * unit, as: UInt32.self))) > id {
                hi = mid
            } else {
                lo = mid
            }
        }
        guard blockCount > 0 else { return [] }
        let o = 8 * Int(blockTable[lo])
        guard o + 8 <= 8 * blockUnits else { return [] }
        let first = Int(UInt32(littleEndian: blocks.load(fromByteOffset: o, as: UInt32.self)))
        let c = Int(UInt16(littleEndian: blocks.load(fromByteOffset: o + 6, as: UInt16.self)))
        let k = id - first
        guard k >= 0 && k < c && o + 8 + 5 * c <= 8 * blockUnits else { return [] }
        let lengths = blocks + o + 8 + 4 * c
        var off = o + 8 + 5 * c
        for j in 0..<k { off += min(Int(lengths.load(fromByteOffset: j, as: UInt8.self)), Self.maxKeyLength) }
        let len = min(Int(lengths.load(fromByteOffset: k, as: UInt8.self)), Self.maxKeyLength)
        guard off + len <= 8 * blockUnits else { return [] }
        return Array(UnsafeRawBufferPointer(start: blocks + off, count: len))
    }

    /// The caller's payload of an entry (e.g. a line offset into the source file).
    public func payload(_ id: Int) -> UInt32 {
        precondition(id >= 0 && id < count, "NameIndex entry id out of range")
        return payloads[id]
    }

    // MARK: Lookup

    /// Reusable buffers for `lookup(_:maxDistance:scratch:into:)`, so the hot path allocates nothing; one per thread.
    public final class Scratch {
        let variants: UnsafeMutablePointer<UInt64>   // 64 hashes, then 64 packed strings for two deletions
        let ranges: UnsafeMutablePointer<Int>         // 2 per variant
        let peq: UnsafeMutablePointer<UInt64>         // 256 match vectors for the bit-parallel OSA
        var seen: UnsafeMutablePointer<UInt64>        // open-addressing set of block units, stamped by generation
        var seenBits = 10
        var generation: UInt64 = 0
        var candidates: UnsafeMutablePointer<UInt32>  // candidate block units
        var headers: UnsafeMutablePointer<UInt64>     // their block headers, gathered in one pass
        var capacity = 256
        var touch: UInt32 = 0                         // sink for the loads that warm the cache
        let row: UnsafeMutablePointer<Int>            // 3 rows for the scalar OSA of over-long queries
        let empty: UnsafeMutablePointer<UInt8>        // stands in for the base address of an empty query

        /// Allocates the buffers once, to be reused across lookups.
        public init() {
            variants = .allocate(capacity: 128)
            ranges = .allocate(capacity: 128)
            peq = .allocate(capacity: 256)
            peq.initialize(repeating: 0, count: 256)
            seen = .allocate(capacity: 1 << seenBits)
            seen.initialize(repeating: 0, count: 1 << seenBits)
            candidates = .allocate(capacity: capacity)
            headers = .allocate(capacity: capacity)
            row = .allocate(capacity: 3 * (NameIndex.maxKeyLength + 8))
            empty = .allocate(capacity: 1)
            empty.initialize(to: 0)
        }

        deinit {
            variants.deallocate(); ranges.deallocate(); peq.deallocate(); seen.deallocate()
            candidates.deallocate(); headers.deallocate(); row.deallocate(); empty.deallocate()
        }

        /// A fresh stamp for the seen-set (clearing it once every 4 billion lookups).
        func nextGeneration() -> UInt64 {
            generation += 1
            if generation > UInt64(UInt32.max) {
                seen.update(repeating: 0, count: 1 << seenBits)
                generation = 1
            }
            return generation
        }

        /// Doubles the seen-set, keeping the current generation's `live` keys.
        func growSeen(live: Int) {
            let old = seen, oldSize = 1 << seenBits
            seenBits += 1
            seen = .allocate(capacity: 1 << seenBits)
            seen.initialize(repeating: 0, count: 1 << seenBits)
            let mask = (1 << seenBits) - 1
            for k in 0..<oldSize where old[k] >> 32 == generation {
                var i = Self.slot(UInt32(truncatingIfNeeded: old[k]), seenBits)
                while seen[i] != 0 { i = (i + 1) & mask }
                seen[i] = old[k]
            }
            old.deallocate()
        }

        @inline(__always) static func slot(_ key: UInt32, _ bits: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        }

        func grow() {
            let c = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
            c.update(from: candidates, count: capacity)
            candidates.deallocate()
            candidates = c
            headers.deallocate()
            headers = .allocate(capacity: capacity * 2)
            capacity *= 2
        }
    }

    /// Entries within `maxDistance` (OSA, on bytes) of a folded query, closest first, then by id.
    /// Convenience form: allocates its own scratch; hot loops should reuse one with the other overload.
    public func lookup(_ query: [UInt8], maxDistance: Int = 2) -> [Match] {
        let scratch = Scratch()
        var out: [Match] = []
        query.withUnsafeBufferPointer { lookup($0, maxDistance: maxDistance, scratch: scratch, into: &out) }
        return out
    }

    /// Entries within `maxDistance` (OSA, on bytes) of `query`, closest first, then by id, written to
    /// `results` (cleared first); allocation-free once `scratch` and `results` have grown to size.
    public func lookup(_ query: UnsafeBufferPointer<UInt8>, maxDistance: Int = 2, scratch: Scratch, into results: inout [Match]) {
        results.removeAll(keepingCapacity: true)
        let d = max(0, min(maxDistance, self.maxDistance))
        let m = query.count
        guard m <= Self.maxKeyLength + d, blockCount > 0 else { return }
        let q = query.baseAddress ?? UnsafePointer(scratch.empty)

        // 1. Deletion variants of the query's prefix, as hashes; then the bucket ranges they select. The
        //    loads of each step are independent of one another, so the processor overlaps their cache misses.
        let p = min(m, prefixLength)
        var w: UInt64 = 0
        for k in 0..<p { w |= UInt64(q[k]) << UInt64(8 * k) }
        let variants = scratch.variants
        // A query at least `prefixLength` long needs only the variants with d deletions: an entry within d
        // shares with it a common subsequence of `prefixLength` − d bytes (both prefixes are full, so their
        // deficits are equal and can be padded to d with the same deletions; a shorter entry has that many
        // bytes at most d short of its whole key). Entries are posted at every level, so this finds them all.
        let nv = Self.variants(w, p, d, variants, onlyLast: p == prefixLength)
        let ranges = scratch.ranges
        for v in 0..<nv {
            let b = Int(truncatingIfNeeded: variants[v] & bucketMask)
            ranges[2 * v] = Int(directory[b])
            ranges[2 * v + 1] = Int(directory[b + 1])
        }
        var touch: UInt32 = 0
        for v in 0..<nv {
            let e = min(ranges[2 * v + 1], postingCount)
            let s = min(ranges[2 * v], e)
            ranges[2 * v] = s
            ranges[2 * v + 1] = e
            if s < e { touch |= postings[s] | postings[e - 1] }   // a short bucket spans at most two lines
        }

        // 2. Postings whose tag matches name candidate blocks. For d < 2 the comparison also requires few
        //    enough entry-side deletions (the 2 bits beside the tag: 0b10 is two, 0b11 never occurs).
        let compareMask = tagMask | (d >= 2 ? 0 : d == 1 ? 2 << idBits : 3 << idBits)
        let generation = scratch.nextGeneration()
        var seen = scratch.seen
        var seenBits = scratch.seenBits
        var seenMask = (1 << seenBits) - 1
        var nc = 0
        var candidates = scratch.candidates
        for v in 0..<nv {
            let qtag = UInt32(truncatingIfNeeded: variants[v] >> 32) & tagMask
            var k = ranges[2 * v]
            let e = ranges[2 * v + 1]
            while k < e {
                let post = postings[k]
                k += 1
                if post & compareMask != qtag { continue }
                let unit = post & idMask
                if Int(unit) >= blockUnits { continue }
                // Insert into the seen-set (open addressing, linear probing).
                let key = generation << 32 | UInt64(unit)
                var i = Scratch.slot(unit, seenBits)
                var fresh = true
                while true {
                    let s = seen[i]
                    if s == key { fresh = false; break }
                    if s >> 32 != generation { seen[i] = key; break }
                    i = (i + 1) & seenMask
                }
                if !fresh { continue }
                if nc == scratch.capacity { scratch.grow(); candidates = scratch.candidates }
                candidates[nc] = unit
                nc += 1
                if 2 * nc > seenMask {
                    scratch.growSeen(live: nc)
                    seen = scratch.seen; seenBits = scratch.seenBits; seenMask = (1 << seenBits) - 1
                }
            }
        }
        scratch.touch = touch
        if nc == 0 { return }

        // 3. Block filter: gather the candidates' headers, keep those whose key lengths reach the query's ± d.
        let headers = scratch.headers
        for t in 0..<nc { headers[t] = UInt64(littleEndian: blocks.load(fromByteOffset: 8 * Int(candidates[t]), as: UInt64.self)) }
        var ns = 0
        for t in 0..<nc {
            let h = headers[t]
            let shortest = Int((h >> 32) & 0xFF), longest = Int((h >> 40) & 0xFF)
            if shortest > m + d || longest + d < m { continue }
            candidates[ns] = candidates[t]
            headers[ns] = h
            ns += 1
        }
        if ns == 0 { return }

        // 4. Entries of the surviving blocks: length and letter-set filters, then the bounded OSA distance.
        let bitParallel = m <= 64
        let peq = scratch.peq
        if bitParallel { for k in 0..<m { peq[Int(q[k])] |= UInt64(1) << UInt64(k) } }
        var qmask: UInt32 = 0
        for k in 0..<m { qmask |= Self.letterBit(q[k]) }
        let maskLimit = 2 * d
        let limit = 8 * blockUnits
        for t in 0..<ns {
            let o = 8 * Int(candidates[t])
            let h = headers[t]
            let first = Int(truncatingIfNeeded: h & 0xFFFF_FFFF)
            let c = Int(truncatingIfNeeded: h >> 48)
            var keyOff = o + 8 + 5 * c
            guard keyOff <= limit && first + c <= count else { continue }
            let masks = blocks + (o + 8)
            let lengths = blocks + (o + 8 + 4 * c)
            // All keys of a block share their first bytes (up to `prefixLength`): the bit-parallel state after
            // them is computed once per block.
            var shared: OSAState? = nil
            for k in 0..<c {
                let len = Int(lengths.load(fromByteOffset: k, as: UInt8.self))
                let start = keyOff
                keyOff += min(len, Self.maxKeyLength)
                // Entries are sorted by length within a block: skip the short ones, stop at the long ones.
                if len < m - d { continue }
                if len > m + d || len > Self.maxKeyLength { break }
                if (masks.load(fromByteOffset: 4 * k, as: UInt32.self) ^ qmask).nonzeroBitCount > maskLimit { continue }
                if keyOff > limit { break }
                let key = (blocks + start).assumingMemoryBound(to: UInt8.self)
                let dist: Int
                if bitParallel {
                    let head = min(len, prefixLength)
                    if shared == nil {
                        var state = OSAState()
                        state.advance(peq, key, head)
                        shared = state
                    }
                    var state = shared!
                    state.advance(peq, key + head, len - head)
                    dist = state.distance(m, len)
                } else {
                    dist = Self.osaScalar(q, m, key, len, d, scratch.row)
                }
                if dist <= d { results.append(Match(id: first + k, distance: dist)) }
            }
        }
        if bitParallel { for k in 0..<m { peq[Int(q[k])] = 0 } }

        // 5. Closest first, then by id (results are few: insertion sort).
        if results.count > 1 {
            results.withUnsafeMutableBufferPointer { r in
                for a in 1..<r.count {
                    let x = r[a]
                    var b = a
                    while b > 0 && (r[b - 1].distance, r[b - 1].id) > (x.distance, x.id) { r[b] = r[b - 1]; b -= 1 }
                    r[b] = x
                }
            }
        }
    }

    /// OSA distance (adjacent transpositions count 1) between two byte strings, capped at `limit + 1`; the same
    /// measure lookups use, for callers that re-rank or verify.
    public static func osaDistance(_ a: [UInt8], _ b: [UInt8], limit: Int = 2) -> Int {
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), limit + 1) }
        let row = UnsafeMutablePointer<Int>.allocate(capacity: 3 * (b.count + 1))
        defer { row.deallocate() }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in osaScalar(pa.baseAddress!, a.count, pb.baseAddress!, b.count, limit, row) }
        }
    }

    // MARK: Building

    /// Collects keys and payloads in flat arrays, so building from millions of names costs no per-key allocation.
    public struct Builder: Sendable {
        var bytes: [UInt8] = []
        var ends: [UInt32] = []
        var payloads: [UInt32] = []

        /// An empty builder; `capacity` (entries) avoids regrowth when the count is known.
        public init(capacity: Int = 0) {
            ends.reserveCapacity(capacity)
            payloads.reserveCapacity(capacity)
            bytes.reserveCapacity(capacity * 10)
        }

        /// Number of keys added so far.
        public var count: Int { ends.count }

        /// Adds a folded key with the caller's payload (its id is assigned when the index is built).
        public mutating func add<C: Collection>(_ key: C, payload: UInt32) where C.Element == UInt8 {
            bytes.append(contentsOf: key)
            precondition(bytes.count <= Int(UInt32.max), "NameIndex keys exceed 4 GB")
            ends.append(UInt32(bytes.count))
            payloads.append(payload)
        }

        /// `add` for a byte array, the common case, without generic dispatch from other modules.
        public mutating func add(_ key: [UInt8], payload: UInt32) {
            bytes.append(contentsOf: key)
            precondition(bytes.count <= Int(UInt32.max), "NameIndex keys exceed 4 GB")
            ends.append(UInt32(bytes.count))
            payloads.append(payload)
        }

        /// Builds the index in memory (write it with `write(to:)` to cache it).
        public func build(sourceHash: UInt64 = 0, prefixLength: Int = NameIndex.defaultPrefixLength,
                          maxDistance: Int = 2) -> NameIndex {
            bytes.withUnsafeBufferPointer { b in
                ends.withUnsafeBufferPointer { e in
                    payloads.withUnsafeBufferPointer { p in
                        NameIndex.make(blob: b, ends: e, payloads: p, sourceHash: sourceHash,
                                       prefixLength: prefixLength, maxDistance: maxDistance)
                    }
                }
            }
        }
    }

    /// Builds an index in memory from folded keys and payloads (ids follow the index's order, see the type's notes).
    public static func build(entries: [(key: [UInt8], payload: UInt32)], sourceHash: UInt64 = 0,
                             prefixLength: Int = defaultPrefixLength, maxDistance: Int = 2) -> NameIndex {
        var b = Builder(capacity: entries.count)
        for e in entries { b.add(e.key, payload: e.payload) }
        return b.build(sourceHash: sourceHash, prefixLength: prefixLength, maxDistance: maxDistance)
    }

    private struct SortItem { var key: UInt64; var tie: UInt64 }

    private static func make(blob: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>, payloads: UnsafeBufferPointer<UInt32>,
                             sourceHash: UInt64, prefixLength: Int, maxDistance: Int) -> NameIndex {
        precondition((1...maxPrefixLength).contains(prefixLength), "NameIndex prefix length must be 1...8")
        precondition((0...2).contains(maxDistance), "NameIndex distance must be 0...2")
        let n = ends.count
        precondition(n < 1 << 26, "NameIndex holds at most 2^26 entries")
        @inline(__always) func span(_ i: Int) -> (start: Int, length: Int) {
            let s = i == 0 ? 0 : Int(ends[i - 1])
            return (s, Int(ends[i]) - s)
        }

        // Sort entries by prefix (big-endian packed, then prefix length), then key length (so a lookup reads
        // only the entries of a block whose length is within reach), then input order. Over-long keys get
        // blocks of their own, which are never posted (so never found).
        var order: [SortItem] = []
        order.reserveCapacity(n)
        for i in 0..<n {
            let (s, raw) = span(i)
            let p = min(raw, prefixLength)
            var be: UInt64 = 0
            for k in 0..<p { be |= UInt64(blob[s + k]) << UInt64(56 - 8 * k) }
            let len = min(raw, maxKeyLength)
            order.append(SortItem(key: be, tie: (raw > maxKeyLength ? 1 << 48 : 0) | UInt64(p) << 40 | UInt64(len) << 32 | UInt64(i)))
        }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.tie < $1.tie }

        // Blocks: runs of equal prefixes, at most 65,535 entries each.
        var blockFirst: [UInt32] = []     // first entry (index order) of each block
        var blockBytes = 0
        var r = 0
        while r < n {
            var e = r + 1
            while e < n && e - r < 0xFFFF && order[e].key == order[r].key && order[e].tie >> 40 == order[r].tie >> 40 { e += 1 }
            blockFirst.append(UInt32(r))
            var size = 8 + 5 * (e - r)
            for x in r..<e { size += min(span(Int(truncatingIfNeeded: order[x].tie & 0xFFFF_FFFF)).length, maxKeyLength) }
            blockBytes += (size + 7) & ~7
            r = e
        }
        let g = blockFirst.count
        precondition(blockBytes / 8 <= 1 << 26, "NameIndex keys exceed 512 MB")
        blockFirst.append(UInt32(n))

        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: 128)
        defer { buffer.deallocate() }
        // Variants of block k's prefix (none for over-long keys); big-endian packing swapped is little-endian.
        @inline(__always) func blockVariants(_ k: Int) -> Int {
            let item = order[Int(blockFirst[k])]
            if item.tie >> 48 != 0 { return 0 }
            return variants(item.key.byteSwapped, Int((item.tie >> 40) & 0xFF), maxDistance, buffer, exact: true)
        }
        var total = 0
        for k in 0..<g { total += blockVariants(k) }
        precondition(total <= Int(UInt32.max), "NameIndex has too many postings")
        var bucketBits = 4
        while bucketBits < 31 && (1 << (bucketBits + 1)) <= total / bucketLoad { bucketBits += 1 }
        let units = blockBytes / 8
        let idBits = units <= 1 ? 1 : Int.bitWidth - (units - 1).leadingZeroBitCount

        let layout = Layout(entryCount: n, blockCount: g, postingCount: total, blockBytes: blockBytes,
                            bucketBits: bucketBits, prefixLength: prefixLength, maxDistance: maxDistance,
                            idBits: idBits, sourceHash: sourceHash)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: layout.fileSize, alignment: 64)
        #if os(Linux)
        // The lookups touch this buffer at random: huge pages spare most TLB misses where the kernel allows them.
        _ = madvise(raw, layout.fileSize, MADV_HUGEPAGE)
        #endif
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: layout.fileSize)

        // Blocks, the block table and payloads, in index order.
        let blk = raw + layout.blocksOffset
        let table = (raw + layout.tableOffset).bindMemory(to: UInt32.self, capacity: max(g, 1))
        let pay = (raw + layout.payloadsOffset).bindMemory(to: UInt32.self, capacity: max(n, 1))
        var o = 0
        for k in 0..<g {
            let r0 = Int(blockFirst[k]), r1 = Int(blockFirst[k + 1]), c = r1 - r0
            table[k] = UInt32(o / 8)
            // Over-long keys: shortest = longest = 255, a length no query comes near.
            var shortest = 0xFF, longest = order[r0].tie >> 48 != 0 ? 0xFF : 0
            var keyOff = o + 8 + 5 * c
            for x in 0..<c {
                let i = Int(truncatingIfNeeded: order[r0 + x].tie & 0xFFFF_FFFF)
                let (s, rawLen) = span(i)
                let len = min(rawLen, maxKeyLength)
                var mask: UInt32 = 0
                for j in 0..<len {
                    let ch = blob[s + j]
                    blk.storeBytes(of: ch, toByteOffset: keyOff + j, as: UInt8.self)
                    mask |= letterBit(ch)
                }
                keyOff += len
                blk.storeBytes(of: mask, toByteOffset: o + 8 + 4 * x, as: UInt32.self)
                blk.storeBytes(of: rawLen > maxKeyLength ? 0xFF : UInt8(len), toByteOffset: o + 8 + 4 * c + x, as: UInt8.self)
                if rawLen <= maxKeyLength { shortest = min(shortest, len); longest = max(longest, len) }
                pay[r0 + x] = payloads[i]
            }
            let header = UInt64(r0) | UInt64(shortest) << 32 | UInt64(longest) << 40 | UInt64(c) << 48
            blk.storeBytes(of: header.littleEndian, toByteOffset: o, as: UInt64.self)
            o = (keyOff + 7) & ~7
        }

        // Postings: counting sort by bucket, using the directory for the counts and then the cursors.
        let buckets = 1 << bucketBits
        let bucketMask = UInt64(buckets - 1)
        let dir = (raw + layout.directoryOffset).bindMemory(to: UInt32.self, capacity: buckets + 1)
        let post = (raw + layout.postingsOffset).bindMemory(to: UInt32.self, capacity: max(total, 1))
        for k in 0..<g {
            let c = blockVariants(k)
            for v in 0..<c { dir[Int(truncatingIfNeeded: buffer[v] & bucketMask) + 1] += 1 }
        }
        for b in 0..<buckets { dir[b + 1] += dir[b] }
        let tagMask = ~((UInt32(1) << UInt32(idBits + 2)) - 1)
        for k in 0..<g {
            let c = blockVariants(k)
            let unit = table[k]
            for v in 0..<c {
                let h = buffer[v]
                let b = Int(truncatingIfNeeded: h & bucketMask)
                let del = UInt32(truncatingIfNeeded: (h >> 32) & 3)
                post[Int(dir[b])] = UInt32(truncatingIfNeeded: h >> 32) & tagMask | del << UInt32(idBits) | unit
                dir[b] += 1
            }
        }
        var b = buckets
        while b > 0 { dir[b] = dir[b - 1]; b -= 1 }
        dir[0] = 0

        layout.writeHeader(raw)
        return NameIndex(base: UnsafeRawPointer(raw), layout: layout, owner: .heap(raw))
    }

    // MARK: Persistence

    /// Writes the index to one file atomically (temporary file, then rename), so readers never see a partial file.
    public func write(to url: URL) throws {
        let dir = url.deletingLastPathComponent().path
        let tmp = "\(dir)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let fd = Self.openFile(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.posixError() }
        var done = 0
        while done < byteCount {
            #if canImport(Glibc)
            let w = Glibc.write(fd, base + done, min(byteCount - done, 1 << 30))
            #else
            let w = Darwin.write(fd, base + done, min(byteCount - done, 1 << 30))
            #endif
            if w < 0 {
                if errno == EINTR { continue }
                let error = Self.posixError()
                close(fd); unlink(tmp)
                throw error
            }
            done += w
        }
        if close(fd) != 0 { let error = Self.posixError(); unlink(tmp); throw error }
        if rename(tmp, url.path) != 0 { let error = Self.posixError(); unlink(tmp); throw error }
    }

    /// Memory-maps an index file and uses it in place; nil if it is missing, truncated, corrupt, of another
    /// format version, or (when given) built from another source.
    public static func open(_ url: URL, expectedSourceHash: UInt64? = nil) -> NameIndex? {
        let fd = openFile(url.path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= Layout.headerSize + Layout.trailerSize, st.st_size <= Int.max else { return nil }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        // Lookups jump around the file: map only the pages they touch (no read-ahead, no fault-around), so a
        // long corpus run keeps a fraction of the 100+ MB index resident instead of most of it.
        _ = madvise(p, size, MADV_RANDOM)
        guard let layout = Layout.parse(UnsafeRawPointer(p), size),
              expectedSourceHash == nil || layout.sourceHash == expectedSourceHash else {
            munmap(p, size)
            return nil
        }
        return NameIndex(base: UnsafeRawPointer(p), layout: layout, owner: .mapped(p, size))
    }

    /// The cache file name for a source, so different sources and format versions never collide.
    public static func cacheFileName(sourceHash: UInt64) -> String {
        let hex = String(sourceHash, radix: 16)
        return "names-\(String(repeating: "0", count: 16 - hex.count))\(hex)-v\(formatVersion).idx"
    }

    /// `$MTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/mtlint`, else `~/.cache/mtlint`; nil when none can be named.
    public static var defaultCacheDirectory: URL? {
        let env = ProcessInfo.processInfo.environment
        if let d = env["MTLINT_CACHE_DIR"], !d.isEmpty { return URL(fileURLWithPath: d, isDirectory: true) }
        if let d = env["XDG_CACHE_HOME"], d.hasPrefix("/") {
            return URL(fileURLWithPath: d, isDirectory: true).appendingPathComponent("mtlint", isDirectory: true)
        }
        if let h = env["HOME"], h.hasPrefix("/") {
            return URL(fileURLWithPath: h, isDirectory: true).appendingPathComponent(".cache/mtlint", isDirectory: true)
        }
        return nil
    }

    /// The index for a source, from its cache file when valid, else built and cached (write failures are
    /// ignored: the in-memory index is returned), so only the first run after a change pays for building.
    public static func cached(sourceHash: UInt64, cacheDirectory: URL? = NameIndex.defaultCacheDirectory,
                              prefixLength: Int = defaultPrefixLength, maxDistance: Int = 2,
                              build entries: () -> [(key: [UInt8], payload: UInt32)]) -> NameIndex {
        cachedIndex(sourceHash: sourceHash, cacheDirectory: cacheDirectory, prefixLength: prefixLength, maxDistance: maxDistance) {
            build(entries: entries(), sourceHash: sourceHash, prefixLength: prefixLength, maxDistance: maxDistance)
        }
    }

    /// `cached` with a `Builder`, to skip the per-key arrays when building from a large file.
    public static func cached(sourceHash: UInt64, cacheDirectory: URL? = NameIndex.defaultCacheDirectory,
                              prefixLength: Int = defaultPrefixLength, maxDistance: Int = 2,
                              builder: () -> Builder) -> NameIndex {
        cachedIndex(sourceHash: sourceHash, cacheDirectory: cacheDirectory, prefixLength: prefixLength, maxDistance: maxDistance) {
            builder().build(sourceHash: sourceHash, prefixLength: prefixLength, maxDistance: maxDistance)
        }
    }

    private static func cachedIndex(sourceHash: UInt64, cacheDirectory: URL?, prefixLength: Int, maxDistance: Int,
                                    make: () -> NameIndex) -> NameIndex {
        guard let dir = cacheDirectory else { return make() }
        let url = dir.appendingPathComponent(cacheFileName(sourceHash: sourceHash))
        if let index = open(url, expectedSourceHash: sourceHash),
           index.prefixLength == prefixLength, index.maxDistance == maxDistance { return index }
        let built = make()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try built.write(to: url)
            removeStale(in: dir, keeping: url.lastPathComponent)
            // Serve from the mapped file: its pages are shared page cache, not this process's heap.
            if let mapped = open(url, expectedSourceHash: sourceHash) { return mapped }
        } catch {}
        return built
    }

    /// Index files of other list versions or formats: each is 100+ MB and no longer matches any list, so a new
    /// build replaces them (a process still mapping one keeps its pages until it unmaps).
    static func removeStale(in dir: URL, keeping name: String) {
        let fm = FileManager.default
        for file in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
        where file != name && file.hasPrefix("names-") && file.hasSuffix(".idx") {
            try? fm.removeItem(at: dir.appendingPathComponent(file))
        }
    }

    /// A fast 64-bit hash of bytes, for callers to fingerprint the source they build from (and for the header checksum).
    public static func contentHash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var h = seed ^ 0x2545_F491_4F6C_DD1D ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let p = bytes.baseAddress else { return fmix(h) }
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let v = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ fmix(v &+ 0x9E37_79B9_7F4A_7C15)) &* 0xff51_afd7_ed55_8ccd
            h = (h << 29) | (h >> 35)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
        return fmix(h ^ fmix(tail ^ shift))
    }

    /// `contentHash` of a `Data` value (for example a name list read or mapped from disk).
    public static func contentHash(_ data: Data, seed: UInt64 = 0) -> UInt64 {
        data.withUnsafeBytes { contentHash($0, seed: seed) }
    }

    // MARK: Internals

    @inline(__always) static func fmix(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// Hash of a packed variant; bits 32–33 are replaced by the number of deletions (never part of the tag).
    @inline(__always) static func variantHash(_ w: UInt64, _ len: Int, _ deletions: Int) -> UInt64 {
        let h = fmix(w ^ (UInt64(truncatingIfNeeded: len) &* 0x9E37_79B9_7F4A_7C15))
        return h & ~(UInt64(3) << 32) | UInt64(truncatingIfNeeded: deletions) << 32
    }

    /// `w` without its byte `i` (bytes packed little-endian, byte k at bits 8k).
    @inline(__always) static func deleting(_ w: UInt64, _ i: Int) -> UInt64 {
        let low = w & ((UInt64(1) << UInt64(8 * i)) &- 1)
        let high = i >= 7 ? 0 : (w >> UInt64(8 * (i + 1))) << UInt64(8 * i)
        return low | high
    }

    @inline(__always) static func byte(_ w: UInt64, _ i: Int) -> UInt64 { (w >> UInt64(8 * i)) & 0xFF }

    /// The strings obtained by deleting up to `d` bytes from the packed prefix `w` of length `p`, written to
    /// `out` as variant hashes; returns their number (at most 37). Deleting any byte of a run of equal bytes
    /// gives the same string, so only a run's first byte is deleted; the few duplicates left (repeated
    /// patterns such as "abab") are removed when `exact` (building: no duplicate postings) and are merely
    /// probed twice otherwise (lookups). With `onlyLast`, only the strings with `d` deletions (see `lookup`).
    /// Uses out[64..<128] as scratch.
    @inline(__always) static func variants(_ w: UInt64, _ p: Int, _ d: Int, _ out: UnsafeMutablePointer<UInt64>,
                                           exact: Bool = false, onlyLast: Bool = false) -> Int {
        var c = 0
        if !onlyLast || d == 0 || p == 0 {
            out[0] = variantHash(w, p, 0)
            c = 1
        }
        if d == 0 || p == 0 { return c }
        if !onlyLast || d == 1 || p == 1 {
            for i in 0..<p where i == 0 || byte(w, i) != byte(w, i - 1) {
                out[c] = variantHash(deleting(w, i), p - 1, 1)
                c += 1
            }
        }
        if d == 1 || p == 1 { return c }
        let tmp = out + 64
        var t = 0
        for j in 1..<p {
            let wj = deleting(w, j)
            let jRepeats = byte(w, j) == byte(w, j - 1)
            for i in 0..<j where (i == 0 || byte(w, i) != byte(w, i - 1)) && (!jRepeats || i == j - 1) {
                tmp[t] = deleting(wj, i)
                t += 1
            }
        }
        if exact {
            for a in 1..<max(t, 1) {
                let x = tmp[a]
                var k = a
                while k > 0 && tmp[k - 1] > x { tmp[k] = tmp[k - 1]; k -= 1 }
                tmp[k] = x
            }
            for k in 0..<t where k == 0 || tmp[k] != tmp[k - 1] {
                out[c] = variantHash(tmp[k], p - 2, 2)
                c += 1
            }
        } else {
            for k in 0..<t {
                out[c] = variantHash(tmp[k], p - 2, 2)
                c += 1
            }
        }
        return c
    }

    /// Bit per letter a–z; any other byte hashes to one of the 6 remaining bits.
    @inline(__always) static func letterBit(_ c: UInt8) -> UInt32 {
        c &- 0x61 < 26 ? UInt32(1) << UInt32(c &- 0x61) : UInt32(1) << UInt32(26 + Int(c) % 6)
    }

    /// Bit-parallel OSA distance (Hyyrö 2003) of a pattern of at most 64 bytes, given by its match vectors,
    /// against a text fed in pieces (so a prefix shared by several texts is processed once). The last
    /// column's vertical deltas give the distance at the end, which for names is cheaper than tracking the
    /// last row at every step.
    struct OSAState {
        var vp: UInt64 = ~0, vn: UInt64 = 0, d0: UInt64 = 0, pmOld: UInt64 = 0

        @inline(__always) mutating func advance(_ peq: UnsafePointer<UInt64>, _ text: UnsafePointer<UInt8>, _ n: Int) {
            var j = 0
            while j < n {
                let pm = peq[Int(text[j])]
                let tr = ((~d0 & pm) << 1) & pmOld
                d0 = (((pm & vp) &+ vp) ^ vp) | pm | vn | tr
                let hp = (vn | ~(d0 | vp)) << 1 | 1
                let hn = (d0 & vp) << 1
                vp = hn | ~(d0 | hp)
                vn = hp & d0
                pmOld = pm
                j += 1
            }
        }

        /// The distance between the `m`-byte pattern and the `n` text bytes fed so far.
        @inline(__always) func distance(_ m: Int, _ n: Int) -> Int {
            let rows = m == 64 ? ~UInt64(0) : (UInt64(1) << UInt64(m)) &- 1
            return n + (vp & rows).nonzeroBitCount - (vn & rows).nonzeroBitCount
        }
    }

    /// Row-by-row OSA with early exit, for queries too long for the bit-parallel form; `rows` holds 3 × (m + 1).
    static func osaScalar(_ a: UnsafePointer<UInt8>, _ n: Int, _ b: UnsafePointer<UInt8>, _ m: Int, _ limit: Int,
                          _ rows: UnsafeMutablePointer<Int>) -> Int {
        min(NameSimilarity.osa(UnsafeBufferPointer(start: a, count: n), UnsafeBufferPointer(start: b, count: m),
                               limit: limit, rows: rows), limit + 1)
    }

    private static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, flags, mode)
        #else
        return Darwin.open(path, flags, mode)
        #endif
    }

    private static func posixError() -> Error {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    // MARK: File layout

    struct Layout {
        static let headerSize = 128
        static let trailerSize = 16
        static let magic: UInt64 = 0x3158_4449_4E4C_544D      // "MTLNIDX1" read little-endian
        static let endMagic: UInt64 = 0x3144_4E45_4E4C_544D   // "MTLNEND1"
        static let byteOrderMark: UInt32 = 0x0102_0304

        var entryCount, blockCount, postingCount, blockBytes, bucketBits, prefixLength, maxDistance, idBits: Int
        var sourceHash: UInt64
        var blocksOffset = 0, tableOffset = 0, payloadsOffset = 0, directoryOffset = 0, postingsOffset = 0
        var fileSize = 0

        init(entryCount: Int, blockCount: Int, postingCount: Int, blockBytes: Int, bucketBits: Int,
             prefixLength: Int, maxDistance: Int, idBits: Int, sourceHash: UInt64) {
            self.entryCount = entryCount; self.blockCount = blockCount; self.postingCount = postingCount
            self.blockBytes = blockBytes; self.bucketBits = bucketBits; self.prefixLength = prefixLength
            self.maxDistance = maxDistance; self.idBits = idBits; self.sourceHash = sourceHash
            // Counts are validated before this runs, so none of these can overflow.
            func align(_ x: Int) -> Int { (x + 63) & ~63 }
            blocksOffset = Self.headerSize
            tableOffset = align(blocksOffset + blockBytes)
            payloadsOffset = align(tableOffset + 4 * blockCount)
            directoryOffset = align(payloadsOffset + 4 * entryCount)
            postingsOffset = align(directoryOffset + 4 * ((1 << bucketBits) + 1))
            fileSize = align(postingsOffset + 4 * postingCount) + Self.trailerSize
        }

        func writeHeader(_ p: UnsafeMutableRawPointer) {
            func put<T: FixedWidthInteger>(_ v: T, _ at: Int) { p.storeBytes(of: v.littleEndian, toByteOffset: at, as: T.self) }
            put(Self.magic, 0)
            put(NameIndex.formatVersion, 8)
            put(UInt32(Self.headerSize), 12)
            p.storeBytes(of: Self.byteOrderMark, toByteOffset: 16, as: UInt32.self)   // native order, on purpose
            put(UInt8(prefixLength), 20); put(UInt8(maxDistance), 21); put(UInt8(idBits), 22); put(UInt8(bucketBits), 23)
            put(sourceHash, 24)
            put(UInt64(fileSize), 32)
            put(UInt64(entryCount), 40)
            put(UInt64(blockCount), 48)
            put(UInt64(postingCount), 56)
            put(UInt64(blockBytes), 64)
            put(UInt64(blocksOffset), 72)
            put(UInt64(tableOffset), 80)
            put(UInt64(payloadsOffset), 88)
            put(UInt64(directoryOffset), 96)
            put(UInt64(postingsOffset), 104)
            let trailer = fileSize - Self.trailerSize
            put(Self.endMagic, trailer)
            put(NameIndex.contentHash(UnsafeRawBufferPointer(start: p, count: Self.headerSize)), trailer + 8)
        }

        /// The layout of a mapped file, or nil unless every header field, size and section bound checks out.
        static func parse(_ p: UnsafeRawPointer, _ length: Int) -> Layout? {
            guard length >= headerSize + trailerSize else { return nil }
            func get<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T { T(littleEndian: p.loadUnaligned(fromByteOffset: at, as: T.self)) }
            guard get(0, UInt64.self) == magic, get(8, UInt32.self) == NameIndex.formatVersion,
                  get(12, UInt32.self) == UInt32(headerSize),
                  p.loadUnaligned(fromByteOffset: 16, as: UInt32.self) == byteOrderMark,
                  get(32, UInt64.self) == UInt64(length),
                  get(length - trailerSize, UInt64.self) == endMagic,
                  get(length - trailerSize + 8, UInt64.self) == NameIndex.contentHash(UnsafeRawBufferPointer(start: p, count: headerSize))
            else { return nil }
            let prefix = Int(get(20, UInt8.self)), dist = Int(get(21, UInt8.self))
            let idBits = Int(get(22, UInt8.self)), bucketBits = Int(get(23, UInt8.self))
            let entries = get(40, UInt64.self), blockCount = get(48, UInt64.self)
            let postingCount = get(56, UInt64.self), blockBytes = get(64, UInt64.self)
            let units = blockBytes / 8
            guard (1...maxPrefixLength).contains(prefix), (0...2).contains(dist), (4...31).contains(bucketBits),
                  entries < 1 << 26, blockCount <= entries, postingCount <= UInt64(UInt32.max),
                  blockBytes % 8 == 0, units <= 1 << 26, UInt64(length) > blockBytes,
                  idBits == (units <= 1 ? 1 : UInt64.bitWidth - (units - 1).leadingZeroBitCount)
            else { return nil }
            let l = Layout(entryCount: Int(entries), blockCount: Int(blockCount), postingCount: Int(postingCount),
                           blockBytes: Int(blockBytes), bucketBits: bucketBits, prefixLength: prefix, maxDistance: dist,
                           idBits: idBits, sourceHash: get(24, UInt64.self))
            // Sections sit where the counts put them, and the file ends where they end.
            guard l.fileSize == length,
                  get(72, UInt64.self) == UInt64(l.blocksOffset), get(80, UInt64.self) == UInt64(l.tableOffset),
                  get(88, UInt64.self) == UInt64(l.payloadsOffset), get(96, UInt64.self) == UInt64(l.directoryOffset),
                  get(104, UInt64.self) == UInt64(l.postingsOffset)
            else { return nil }
            return l
        }
    }
}

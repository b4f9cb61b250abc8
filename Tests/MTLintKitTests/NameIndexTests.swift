import Foundation
import XCTest
@testable import MTLintKit

/// NameIndex: lookups agree with a brute-force OSA scan, the cache file round-trips, and damaged files are
/// rejected (header) or harmless (body).
final class NameIndexTests: XCTestCase {
    /// Plain full-matrix OSA distance, independent of the index's bit-parallel and banded versions.
    private static func referenceOSA(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = a.count, m = b.count
        var d = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { d[i][0] = i }
        for j in 0...m { d[0][j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                    }
                }
            }
        }
        return d[n][m]
    }

    /// Keys over a small alphabet, so that many lie within distance 2 of one another; some duplicates,
    /// some very short, a few with repeated letters, one or two longer than the prefix by far.
    private static func syntheticKeys(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix(state: seed)
        let alphabet = Array("aeinorst".utf8)
        var keys: [[UInt8]] = []
        while keys.count < count {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0 where !keys.isEmpty:
                keys.append(keys.randomElement(using: &rng)!)                      // duplicate key
            case 1 where !keys.isEmpty:
                var k = keys.randomElement(using: &rng)!                             // near neighbour
                if !k.isEmpty { k[Int.random(in: 0..<k.count, using: &rng)] = alphabet.randomElement(using: &rng)! }
                keys.append(k)
            default:
                let n = Int.random(in: 0...14, using: &rng)
                keys.append((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
            }
        }
        keys.append(Array("nnnnaaaannnnaaaa".utf8))
        keys.append(Array("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr".utf8)) // > 64 bytes
        return keys
    }

    /// Queries: keys with 0–3 random edits anywhere (inside and beyond the prefix), and random strings.
    private static func queries(_ keys: [[UInt8]], count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix(state: seed)
        let alphabet = Array("aeinorstx".utf8)
        var out: [[UInt8]] = [[]]
        while out.count < count {
            if Int.random(in: 0..<5, using: &rng) == 0 {
                out.append((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
                continue
            }
            var s = keys.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let i = s.isEmpty ? 0 : Int.random(in: 0..<s.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where !s.isEmpty: s[i] = alphabet.randomElement(using: &rng)!
                case 1: s.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 0...s.count, using: &rng))
                case 2 where !s.isEmpty: s.remove(at: i)
                case 3 where i + 1 < s.count: s.swapAt(i, i + 1)
                default: break
                }
            }
            out.append(s)
        }
        return out
    }

    private static func build(_ keys: [[UInt8]], prefix: Int = NameIndex.defaultPrefixLength, maxDistance: Int = 2,
                              sourceHash: UInt64 = 7) -> NameIndex {
        NameIndex.build(entries: keys.enumerated().map { (key: $0.element, payload: UInt32($0.offset)) },
                        sourceHash: sourceHash, prefixLength: prefix, maxDistance: maxDistance)
    }

    /// Every key within distance 2 of the query, by a scan of all keys: (position in `keys`, distance).
    /// Keys longer than `maxKeyLength` are never returned by the index, so neither here.
    private static func bruteForce(_ keys: [[UInt8]], _ query: [UInt8]) -> [(key: Int, distance: Int)] {
        var out: [(key: Int, distance: Int)] = []
        for (i, key) in keys.enumerated() where key.count <= NameIndex.maxKeyLength && abs(key.count - query.count) <= 2 {
            let dist = referenceOSA(query, key)
            if dist <= 2 { out.append((i, dist)) }
        }
        return out
    }

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nameindex-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    // MARK: Lookups

    func testLookupsAgreeWithBruteForce() {
        let keys = Self.syntheticKeys(400, seed: 1)
        XCTAssertEqual(keys.count, 402)
        let queries = Self.queries(keys, count: 300, seed: 2)
        let reference = queries.map { Self.bruteForce(keys, $0) }
        // Prefix lengths around the key lengths (short keys are whole prefixes, long ones are cut).
        for prefix in [3, 5, 8] {
            let index = Self.build(keys, prefix: prefix)
            XCTAssertEqual(index.count, keys.count)
            var idOfKey = [Int](repeating: -1, count: keys.count)
            for id in 0..<index.count { idOfKey[Int(index.payload(id))] = id }
            let scratch = NameIndex.Scratch()
            var results: [NameIndex.Match] = []
            for d in 0...2 {
                var found = 0
                for (q, all) in zip(queries, reference) {
                    q.withUnsafeBufferPointer { index.lookup($0, maxDistance: d, scratch: scratch, into: &results) }
                    let expected = all.filter { $0.distance <= d }.map { NameIndex.Match(id: idOfKey[$0.key], distance: $0.distance) }
                        .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
                    XCTAssertEqual(results, expected, "prefix \(prefix), d=\(d), query '\(String(decoding: q, as: UTF8.self))'")
                    for r in results {
                        XCTAssertEqual(r.distance, Self.referenceOSA(q, index.key(r.id)))
                        XCTAssertEqual(NameIndex.osaDistance(q, index.key(r.id), limit: 2), r.distance)
                    }
                    found += results.count
                }
                XCTAssertGreaterThan(found, d == 0 ? 50 : 300, "the property test should exercise many matches")
            }
        }
    }

    func testKeysAndPayloadsRoundTrip() {
        let keys = Self.syntheticKeys(400, seed: 3)
        let index = Self.build(keys)
        var seen = Set<UInt32>()
        for id in 0..<index.count {
            let payload = index.payload(id)
            XCTAssertTrue(seen.insert(payload).inserted)
            XCTAssertEqual(index.key(id), Array(keys[Int(payload)].prefix(NameIndex.maxKeyLength)))
        }
        XCTAssertEqual(seen.count, keys.count)
    }

    func testEdgeCases() {
        let index = Self.build([Array("ab".utf8), [], Array("x".utf8), Array(repeating: 0x61, count: 70)])
        // The empty query is within 2 of the empty key and the short keys.
        XCTAssertEqual(index.lookup([]).map(\.distance), [0, 1, 2])
        // The over-long key is never returned, not even for its own first 64 bytes.
        XCTAssertTrue(index.lookup(Array(repeating: 0x61, count: 64)).isEmpty)
        XCTAssertTrue(index.lookup(Array(repeating: 0x61, count: 70)).isEmpty)
        XCTAssertTrue(Self.build([]).lookup(Array("ab".utf8)).isEmpty)
        // Keys of the longest indexed length, against queries of 64 bytes (bit-parallel) and 65 (row by row).
        let b = UInt8(ascii: "b"), c = UInt8(ascii: "c")
        let long = Self.build([Array(repeating: b, count: 64), Array(repeating: b, count: 63) + [c]])
        func found(_ q: [UInt8]) -> [[UInt32]] { [long.lookup(q).map { long.payload($0.id) }, long.lookup(q).map { UInt32($0.distance) }] }
        XCTAssertEqual(found(Array(repeating: b, count: 64)), [[0, 1], [0, 1]])
        XCTAssertEqual(found(Array(repeating: b, count: 65)), [[0, 1], [1, 2]])
        XCTAssertEqual(found(Array(repeating: b, count: 63) + [c, b]), [[0, 1], [1, 1]])
        // Distances above the index's own are capped at it.
        let d1 = Self.build([Array("maria".utf8)], maxDistance: 1)
        XCTAssertTrue(d1.lookup(Array("mrai".utf8), maxDistance: 2).isEmpty)
        XCTAssertEqual(d1.lookup(Array("mraia".utf8), maxDistance: 2).map(\.distance), [1])
    }

    // MARK: Persistence

    func testWriteOpenRoundTripGivesIdenticalResults() throws {
        let keys = Self.syntheticKeys(400, seed: 4)
        let built = Self.build(keys, sourceHash: 0xABCD)
        let url = try temporaryDirectory().appendingPathComponent("names.idx")
        try built.write(to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, built.byteCount)
        let opened = try XCTUnwrap(NameIndex.open(url, expectedSourceHash: 0xABCD))
        XCTAssertTrue(opened.isMemoryMapped)
        XCTAssertFalse(built.isMemoryMapped)
        XCTAssertEqual(opened.count, built.count)
        XCTAssertEqual(opened.sourceHash, 0xABCD)
        XCTAssertNil(NameIndex.open(url, expectedSourceHash: 0xABCE))
        for id in 0..<built.count {
            XCTAssertEqual(opened.key(id), built.key(id))
            XCTAssertEqual(opened.payload(id), built.payload(id))
        }
        for q in Self.queries(keys, count: 200, seed: 5) {
            XCTAssertEqual(opened.lookup(q), built.lookup(q))
            XCTAssertEqual(opened.lookup(q, maxDistance: 1), built.lookup(q, maxDistance: 1))
        }
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["names.idx"])
    }

    func testTruncatedFileIsRejected() throws {
        let url = try temporaryDirectory().appendingPathComponent("names.idx")
        try Self.build(Self.syntheticKeys(200, seed: 6)).write(to: url)
        let data = try Data(contentsOf: url)
        for length in [0, 1, 100, 128, 144, data.count / 2, data.count - 16, data.count - 1] {
            try data.prefix(length).write(to: url)
            XCTAssertNil(NameIndex.open(url), "truncated to \(length) bytes")
        }
        // One byte too many is as wrong as one too few.
        try (data + [0]).write(to: url)
        XCTAssertNil(NameIndex.open(url))
        try data.write(to: url)
        XCTAssertNotNil(NameIndex.open(url))
        XCTAssertNil(NameIndex.open(url.appendingPathExtension("missing")))
    }

    func testCorruptHeaderOrTrailerIsRejected() throws {
        let url = try temporaryDirectory().appendingPathComponent("names.idx")
        try Self.build(Self.syntheticKeys(200, seed: 7)).write(to: url)
        let data = try Data(contentsOf: url)
        for offset in Array(0..<NameIndex.Layout.headerSize) + Array((data.count - 16)..<data.count) {
            var bad = data
            bad[offset] ^= 0x5A
            try bad.write(to: url)
            XCTAssertNil(NameIndex.open(url), "byte \(offset) flipped")
        }
    }

    func testCorruptBodyNeverCrashes() throws {
        let keys = Self.syntheticKeys(400, seed: 8)
        let url = try temporaryDirectory().appendingPathComponent("names.idx")
        try Self.build(keys).write(to: url)
        let data = try Data(contentsOf: url)
        let layout = try XCTUnwrap(data.withUnsafeBytes { NameIndex.Layout.parse($0.baseAddress!, $0.count) })
        let queries = Self.queries(keys, count: 100, seed: 9)
        let sections: [(String, Range<Int>)] = [
            ("postings", layout.postingsOffset..<(layout.postingsOffset + 4 * layout.postingCount)),
            ("directory", layout.directoryOffset..<layout.postingsOffset),
            ("blocks", layout.blocksOffset..<(layout.blocksOffset + layout.blockBytes)),
            ("block table", layout.tableOffset..<layout.payloadsOffset),
            ("whole body", NameIndex.Layout.headerSize..<(data.count - NameIndex.Layout.trailerSize)),
        ]
        var rng = SplitMix(state: 10)
        for (name, range) in sections {
            for round in 0..<4 {
                var bad = data
                // Random bytes, or extreme values that make offsets and counts point far away.
                for i in range { bad[i] = round == 0 ? 0xFF : round == 1 ? UInt8.random(in: 0...255, using: &rng) : bad[i] }
                if round >= 2 { for _ in 0..<(range.count / 8 + 1) { bad[Int.random(in: range, using: &rng)] = UInt8.random(in: 0...255, using: &rng) } }
                try bad.write(to: url)
                let index = try XCTUnwrap(NameIndex.open(url), "\(name): the header is intact, so the file opens")
                for q in queries {
                    for r in index.lookup(q) {
                        XCTAssertTrue((0..<index.count).contains(r.id), name)
                        XCTAssertTrue((0...2).contains(r.distance), name)
                    }
                }
                for id in 0..<index.count {
                    XCTAssertLessThanOrEqual(index.key(id).count, NameIndex.maxKeyLength)
                    _ = index.payload(id)
                }
            }
        }
    }

    func testANewBuildRemovesStaleIndexFiles() throws {
        let dir = try temporaryDirectory()
        let stale = dir.appendingPathComponent("names-0000000000000001-v1.idx")
        let unrelated = dir.appendingPathComponent("notes.txt")
        try Data(count: 100).write(to: stale)
        try Data(count: 10).write(to: unrelated)
        let keys = Self.syntheticKeys(50, seed: 3)
        _ = NameIndex.cached(sourceHash: 7, cacheDirectory: dir) { keys.enumerated().map { (key: $0.element, payload: UInt32($0.offset)) } }
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "another list's index is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated.path), "other files are left alone")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(NameIndex.cacheFileName(sourceHash: 7)).path))
    }

    func testCachedBuildsOnceAndRebuildsAfterCorruption() throws {
        let dir = try temporaryDirectory().appendingPathComponent("cache")   // created by `cached`
        let keys = Self.syntheticKeys(300, seed: 11)
        let entries = keys.enumerated().map { (key: $0.element, payload: UInt32($0.offset)) }
        var builds = 0
        func load() -> NameIndex {
            NameIndex.cached(sourceHash: 42, cacheDirectory: dir) { builds += 1; return entries }
        }
        let first = load()
        XCTAssertEqual(builds, 1)
        XCTAssertTrue(first.isMemoryMapped, "served from the file it wrote")
        let url = dir.appendingPathComponent(NameIndex.cacheFileName(sourceHash: 42))
        XCTAssertEqual(url.lastPathComponent, "names-000000000000002a-v\(NameIndex.formatVersion).idx")
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))

        let second = load()
        XCTAssertEqual(builds, 1, "a valid cache file is used as is")
        let q = Array("tanie".utf8)
        XCTAssertEqual(second.lookup(q), first.lookup(q))

        var data = try Data(contentsOf: url)
        data[3] ^= 0xFF
        try data.write(to: url)
        let third = load()
        XCTAssertEqual(builds, 2, "a corrupt cache file is rebuilt")
        XCTAssertEqual(third.lookup(q), first.lookup(q))
        XCTAssertNotNil(NameIndex.open(url, expectedSourceHash: 42), "and rewritten")

        try Data(count: 10).write(to: url)
        _ = load()
        XCTAssertEqual(builds, 3, "a truncated cache file is rebuilt")

        // Another source gets another file, which replaces the stale one; no cache directory means in memory only.
        _ = NameIndex.cached(sourceHash: 43, cacheDirectory: dir) { builds += 1; return entries }
        XCTAssertEqual(builds, 4)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       [NameIndex.cacheFileName(sourceHash: 43)])
        let memory = NameIndex.cached(sourceHash: 42, cacheDirectory: nil) { builds += 1; return entries }
        XCTAssertEqual(builds, 5)
        XCTAssertFalse(memory.isMemoryMapped)
    }

    func testCachedFallsBackToMemoryWhenTheDirectoryIsUnwritable() throws {
        let file = try temporaryDirectory().appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: file)
        let entries: [(key: [UInt8], payload: UInt32)] = [(key: Array("maria".utf8), payload: 9)]
        let index = NameIndex.cached(sourceHash: 1, cacheDirectory: file.appendingPathComponent("sub"), build: { entries })
        XCTAssertFalse(index.isMemoryMapped)
        XCTAssertEqual(index.lookup(Array("mraia".utf8)).map { index.payload($0.id) }, [9])
    }

    func testContentHashAndCacheDirectory() {
        XCTAssertEqual(NameIndex.contentHash(Data("abc".utf8)), NameIndex.contentHash(Data("abc".utf8)))
        XCTAssertNotEqual(NameIndex.contentHash(Data("abc".utf8)), NameIndex.contentHash(Data("abd".utf8)))
        XCTAssertNotEqual(NameIndex.contentHash(Data()), NameIndex.contentHash(Data([0])))
        XCTAssertNotEqual(NameIndex.contentHash(Data(count: 8)), NameIndex.contentHash(Data(count: 9)))
        if let dir = NameIndex.defaultCacheDirectory { XCTAssertTrue(dir.path.hasPrefix("/")) }
    }
}

import Foundation
import Testing
@testable import MTLintKit

/// The compiled rule data (`RuleImage`): what is read back is what was built, and a damaged, truncated or
/// stale image is rebuilt, never trusted.
struct RuleImageTests {
    /// A small component: an array of numbers, counting how often it is built.
    final class Counter: @unchecked Sendable { var builds = 0 }

    static func load(_ dir: URL, hash: UInt64, counter: Counter) -> [UInt32] {
        RuleImage.cached("test", version: 1, sourceHash: hash, cacheDirectory: dir,
                         decode: { $0.array(UInt32.self) }, encode: { $1.array($0) }) {
            counter.builds += 1
            return (0..<5000).map { UInt32(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) }
        }
    }

    static func imageFile(_ dir: URL) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".img") }
        #expect(names.count == 1)
        return dir.appendingPathComponent(names[0])
    }

    @Test func damagedImagesAreRebuilt() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let expected = Self.load(dir, hash: 42, counter: counter)
        #expect(counter.builds == 1)
        #expect(Self.load(dir, hash: 42, counter: counter) == expected)
        #expect(counter.builds == 1, "a valid image is read, not rebuilt")
        let file = try Self.imageFile(dir)
        let good = try Data(contentsOf: file)
        var damages: [(String, Data)] = [
            ("truncated", good.prefix(good.count / 2)),
            ("header only", good.prefix(RuleImage.headerSize)),
            ("empty", Data()),
            ("one extra byte", good + Data([0])),
        ]
        for offset in [0, 9, 13, 17, RuleImage.headerSize + 3, good.count / 2, good.count - 1] {
            var d = good
            d[offset] ^= 0x40
            damages.append(("byte \(offset) flipped", d))
        }
        for (what, bytes) in damages {
            try bytes.write(to: file)
            let before = counter.builds
            #expect(Self.load(dir, hash: 42, counter: counter) == expected, "\(what)")
            #expect(counter.builds == before + 1, "\(what): rebuilt")
            #expect(try Data(contentsOf: Self.imageFile(dir)) == good, "\(what): rewritten")
        }
        // Other sources: a new image replaces the old one.
        _ = Self.load(dir, hash: 43, counter: counter)
        #expect(try Self.imageFile(dir).lastPathComponent.contains(String(43, radix: 16)))
    }

    @Test func sourceHashFollowsContentAndSettings() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.tsv")
        try Data("x\t1\n".utf8).write(to: a)
        let h1 = RuleImage.sourceHash(files: [a])
        #expect(RuleImage.sourceHash(files: [a]) == h1)
        #expect(RuleImage.sourceHash(files: [a], settings: ["Kyiv"]) != h1)
        try Data("x\t2\n".utf8).write(to: a)
        #expect(RuleImage.sourceHash(files: [a]) != h1)
        #expect(RuleImage.sourceHash(files: [dir.appendingPathComponent("missing.tsv")]) != RuleImage.sourceHash(files: []))
    }

    /// Encoding what was decoded gives the same bytes: nothing is lost on the way through the image.
    static func roundTrips<T>(_ value: T, encode: (T, inout ImageWriter) -> Void,
                              decode: (inout ImageReader) -> T?) -> Bool {
        var w = ImageWriter()
        encode(value, &w)
        let bytes = w.bytes
        let decoded: T? = bytes.withUnsafeBytes { raw in
            var r = ImageReader(raw)
            guard let v = decode(&r), r.atEnd else { return nil }
            return v
        }
        guard let decoded else { return false }
        var again = ImageWriter()
        encode(decoded, &again)
        // A cut anywhere is refused, never read past its end.
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            let refused = bytes.prefix(cut).withUnsafeBytes { raw -> Bool in
                var r = ImageReader(raw)
                return decode(&r) == nil || !r.atEnd
            }
            if !refused { return false }
        }
        return again.bytes == bytes
    }

    @Test func shippedComponentsRoundTrip() throws {
        let rules = TestSupport.rulesDirectory
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.appendingPathComponent("literalisms").path)
        where name.hasSuffix(".yml") {
            let url = rules.appendingPathComponent("literalisms/\(name)")
            let pack = try LiteralismPack.load(url)
            #expect(Self.roundTrips(pack, encode: { $0.encode(&$1) }, decode: { LiteralismPack.decode(&$0, path: url.path) }), "\(name)")
        }
        let dir = rules.appendingPathComponent("gazetteer")
        let tables = try Gazetteer.Tables(entities: Gazetteer.parseEntities(
            String(decoding: Data(contentsOf: dir.appendingPathComponent("gazetteer.tsv")), as: UTF8.self), path: "g"),
            style: ["Zelenskiy": ("Zelensky", "note")], houseStyled: [1, 5])
        #expect(Self.roundTrips(tables, encode: { $0.encode(&$1) }, decode: Gazetteer.Tables.decode))
        let fuzzy = FuzzyIndex(words: tables.singleWordForms.map(\.key))
        #expect(Self.roundTrips(fuzzy, encode: { $0.encode(&$1) }, decode: FuzzyIndex.decode))
        let repetition = try RepetitionData.load(rules: rules)
        #expect(!repetition.doubledWords.isEmpty)
        #expect(Self.roundTrips(repetition, encode: { $0.encode(&$1) }, decode: RepetitionData.decode))
        let words = try WordList.parse("colour\t10\ncolor\t35\nKyiv\t70\ncolour\t5\n", path: "w")
        #expect(Self.roundTrips(words, encode: { $0.encode(&$1) }, decode: WordList.decode))
        #expect(words.exactLevel("colour") == 5 && words.exactLevel("Kyiv") == 70 && words.exactLevel("kyiv") == nil)
        let entries: [(key: ArraySlice<UInt8>, value: UInt8)] = [("a", 1), ("bc", 2), ("a", 3), ("", 4)].map { (Array($0.utf8)[...], $1) }
        let last = ByteKeyTable(entries, duplicates: .last), lowest = ByteKeyTable(entries, duplicates: .lowest)
        #expect(last.value("a") == 3 && lowest.value("a") == 1 && last.value("bc") == 2 && last.value("") == 4 && last.value("b") == nil)
        #expect(Self.roundTrips(last, encode: { $0.encode(&$1) }, decode: ByteKeyTable.decode))
    }

    @Test func fuzzyIndexFindsWhatAPlainScanFinds() {
        let words = ["zelensky", "zelenskyy", "putin", "peskov", "kyiv", "kiev", "odesa", "odessa", "navalny", "shoigu"]
        let index = FuzzyIndex(words: words)
        for query in ["zelenky", "zelensk", "putn", "pesko", "kyv", "odessaa", "navalnyy", "shoygu", "xyz"] {
            let q = NameSimilarity.scalars(query)
            let expected = words.enumerated().compactMap { i, w -> (Int, Int)? in
                let d = NameSimilarity.osa(q, NameSimilarity.scalars(w), limit: 2)
                return d <= 2 ? (i, d) : nil
            }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            let got = index.lookup(query)
            #expect(got.map(\.index) == expected.map(\.0) && got.map(\.distance) == expected.map(\.1), "\(query)")
        }
    }

    /// The whole CLI from compiled data gives what it gives from the sources, also after the images are damaged.
    @Test func findingsAreTheSameFromImagesAndSources() throws {
        let cache = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let args = ["--format", "json", TestSupport.samples.path]
        let fromSources = try TestSupport.run(args, environment: ["MTLINT_NO_IMAGE": "1", "MTLINT_CACHE_DIR": cache.path])
        let cold = try TestSupport.run(args, environment: ["MTLINT_CACHE_DIR": cache.path])
        let images = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".img") }
        #expect(images.count >= 4, "\(images)")
        let warm = try TestSupport.run(args, environment: ["MTLINT_CACHE_DIR": cache.path])
        for (i, name) in images.enumerated() {
            let url = cache.appendingPathComponent(name)
            var d = try Data(contentsOf: url)
            if i % 2 == 0 { d = d.prefix(d.count / 3) } else { d[d.count / 2] ^= 0xFF }
            try d.write(to: url)
        }
        let damaged = try TestSupport.run(args, environment: ["MTLINT_CACHE_DIR": cache.path])
        #expect(fromSources.status == 1 && !fromSources.stdout.isEmpty)
        for r in [cold, warm, damaged] {
            #expect(r.status == fromSources.status)
            #expect(r.stdout == fromSources.stdout)
        }
    }
}

import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// Random bytes, random Unicode and random markup through the whole pipeline: nothing crashes and every
/// reported range lies inside the text and slices it.
struct PropertyTests {
    static func check(_ text: String) {
        let count = text.unicodeScalars.count
        for format in MarkupFormat.allCases {
            let result = TestSupport.linter.lint(text: text, format: format)
            let withoutBOM = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
            for d in result.diagnostics {
                #expect(d.start >= 0 && d.start < d.end && d.end <= count)
                #expect(d.text == TestSupport.slice(withoutBOM, d.start, d.end))
                #expect(d.line >= 1 && d.column >= 1 && d.endLine >= d.line)
            }
        }
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...400)) { bytes in
            if let text = try? TextDecoding.decode(bytes) { Self.check(text) }
        }
    }

    static let fragments: [String] = [
        "the", "the the", "Palace", " of the ", "final", " ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "-", " -", "“", "”",
        "’", "'", "\"", "é", "e\u{301}", "🇺🇦", "👩‍👩‍👧", "😀", "\u{200B}", "\u{FEFF}", "\u{A0}", "Зеленський", "東京",
        "ready for ", ".", ",", "...", "?", "http://x.y/", "www.", "@", "#", "&amp;", "&", "&#x1F600;", "&#0;", "<", ">",
        "<p>", "</p>", "<b>", "<!--", "-->", "<script>", "</script>", "```", "`", "*", "_", "[", "](", ")", "# ", "> ",
        "- ", "1. ", "|", "---", "\\", "directly direct", "Ukraine-Ukraine", "\u{0}", "\u{7F}", "\u{10FFFF}",
    ]

    @Test func randomFragments() async {
        await propertyCheck(count: 400, input: Gen<String?>.element(of: Self.fragments).array(of: 0...60)) { parts in
            Self.check(parts.compactMap { $0 }.joined())
        }
    }

    @Test func randomScalars() async {
        let scalar = Gen.uint32(in: 0...0x2FFFF).array(of: 0...200)
        await propertyCheck(count: 200, input: scalar) { values in
            var s = String.UnicodeScalarView()
            for v in values { if let u = Unicode.Scalar(v) { s.append(u) } }
            Self.check(String(s))
        }
    }
}

/// The fast paths of two helpers read at start and in rules give what their plain definitions give.
struct HelperFastPathTests {
    static let pieces: [String] = ["a", "B", "|", "\t", " ", "", "É", "é", "’", "ß", "İ", "Ｆ", "东", "x|y", "||", "Zz"]

    @Test func splitASCIIMatchesCollectionSplit() async {
        await propertyCheck(count: 300, input: Gen<String?>.element(of: Self.pieces).array(of: 0...12)) { parts in
            let text = parts.compactMap { $0 }.joined()
            for sep: UInt8 in [0x7C, 0x09, 0x20] {
                for omit in [false, true] {
                    let expected = text.utf8.split(separator: sep, omittingEmptySubsequences: omit).map { String(decoding: $0, as: UTF8.self) }
                    #expect(text.splitASCII(sep, omittingEmpty: omit) == expected)
                    #expect(text.dropFirst(0).splitASCII(sep, omittingEmpty: omit) == expected)
                }
            }
        }
    }

    @Test func keyOfTextMatchesTheTokenKey() async {
        await propertyCheck(count: 300, input: Gen<String?>.element(of: Self.pieces).array(of: 0...8)) { parts in
            let text = parts.compactMap { $0 }.joined()
            let units = Array(text.utf16)
            let reference = units.withUnsafeBufferPointer { Segmenter.key($0, ascii: !units.contains { $0 >= 0x80 }) }
            #expect(Document.key(text) == reference)
        }
    }
}

/// The ASCII word-break fast path gives exactly ICU's boundaries and statuses, and whole documents segment the
/// same (tokens, keys, sentences) with and without it.
struct ASCIIWordBreakTests {
    static let pieces: [String] = ["a", "Bc", "1", "90", ".", ",", ";", ":", "@", "'", " ", "  ", "\n", "\r\n", "\r", "\u{0B}",
                                   "-", "\"", "(", "!", "?", "\t", "ab", "12", "e.g.", "U.S.", "3rd", "1,000", "it's",
                                   "don't", "4:30", "a1b", "x'", "'y", "$", "%", "@", "#", "/", "&", "_", "é", "…"]

    static func compare(_ text: String) -> Bool {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { u in
            var b1: [Int32] = [], s1: [Int32] = [], b2: [Int32] = [], s2: [Int32] = []
            guard let n = ASCIIWordBreaks.breaks(u, bounds: &b1, statuses: &s1) else {
                // Only text with a character outside the fast path's classes goes to ICU.
                return units.contains { $0 >= 0x80 || $0 == 0x5F || $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) || $0 == 0x7F }
            }
            let m = ICU.wordBreaks(u, bounds: &b2, statuses: &s2)
            return n == m && Array(b1.prefix(n)) == Array(b2.prefix(m)) && Array(s1[1..<max(n, 1)]) == Array(s2[1..<max(m, 1)])
        }
    }

    static func segments(_ text: String, fast: Bool) -> ([Token], [String], [Range<Int>]) {
        let prose = MarkupFormat.plain.extract(SourceText(text))
        var s = Segmenter(prose: prose, asciiFastPath: fast)
        s.run()
        return (s.tokens, s.keys, s.sentences.map(\.units))
    }

    @Test func randomTextMatchesICU() async {
        await propertyCheck(count: 1500, input: Gen<String?>.element(of: Self.pieces).array(of: 0...30)) { parts in
            let text = parts.compactMap { $0 }.joined()
            #expect(Self.compare(text), "\(text.debugDescription)")
        }
    }

    @Test func randomASCIIMatchesICU() async {
        await propertyCheck(count: 1500, input: Gen.uint8(in: 0...127).array(of: 0...40)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Self.compare(text), "\(text.debugDescription)")
        }
    }

    @Test func realTextMatchesICU() throws {
        var texts = ["000", "001", "002", "003", "004"].map { TestSupport.sample($0).text }
        // The clean dev sets too, when they are beside the checkout (a fresh clone has only the samples).
        let dev = TestSupport.repoRoot.appendingPathComponent("../shared/devdata")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dev.path)) ?? [] where name.hasSuffix(".jsonl") {
            if let data = FileManager.default.contents(atPath: dev.appendingPathComponent(name).path) {
                texts.append(String(decoding: data.prefix(400_000), as: UTF8.self))
            }
        }
        for text in texts {
            for paragraph in text.components(separatedBy: "\n") { #expect(Self.compare(paragraph)) }
            let fast = Self.segments(text, fast: true), icu = Self.segments(text, fast: false)
            #expect(fast.0 == icu.0)
            #expect(fast.1 == icu.1 && fast.2 == icu.2)
        }
    }
}

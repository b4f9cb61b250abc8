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

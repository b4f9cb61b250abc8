import Foundation
import Testing
@testable import MTLintKit

/// Every reported range slices the flagged text out of the original file, whatever its line ends,
/// byte-order mark or markup.
struct PositionTests {
    static func findings(_ text: String, _ format: MarkupFormat = .plain) -> [Diagnostic] {
        TestSupport.linter.lint(text: text, format: format).diagnostics
    }

    /// The prose of a marked-up slice, computed independently of the extractors: tags and comments
    /// removed, a few entities decoded, white space folded.
    static func prose(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
        t = t.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        t = t.replacingOccurrences(of: "\\*+|_+", with: "", options: .regularExpression)
        for (e, c) in [("&rsquo;", "’"), ("&ldquo;", "“"), ("&rdquo;", "”"), ("&amp;", "&"), ("&#231;", "ç")] {
            t = t.replacingOccurrences(of: e, with: c)
        }
        return t.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    static func signature(_ ds: [Diagnostic]) -> [String] {
        ds.map { "\($0.ruleID)|\(prose($0.text))" }
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func rangesSliceTheOriginal(_ prefix: String) {
        let text = TestSupport.sample(prefix).text
        let variants = [
            text,
            text.replacingOccurrences(of: "\n", with: "\r\n"),
            "\u{FEFF}" + text,
            "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"),
            text.replacingOccurrences(of: "\n", with: "\r"),
        ]
        let plain = Self.findings(text)
        for (k, v) in variants.enumerated() {
            let ds = Self.findings(v)
            #expect(ds.count == plain.count, "variant \(k) found \(ds.count), plain \(plain.count)")
            let withoutBOM = v.hasPrefix("\u{FEFF}") ? String(v.unicodeScalars.dropFirst()) : v
            for d in ds {
                #expect(TestSupport.slice(withoutBOM, d.start, d.end) == d.text)
                let lines = withoutBOM.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                    .split(separator: "\n", omittingEmptySubsequences: false)
                let line = Array(lines[d.line - 1].unicodeScalars)
                #expect(d.column >= 1 && d.column <= line.count + 1)
                let fromColumn = String(String.UnicodeScalarView(line[(d.column - 1)...].prefix(d.text.unicodeScalars.count)))
                #expect(d.endLine > d.line || fromColumn == d.text, "line/column do not point at “\(d.text)”")
            }
            #expect(ds.map(\.text) == plain.map(\.text))
        }
    }

    /// Seed 001 as HTML: paragraphs, entities, inline tags, a comment and a script that must stay silent.
    static func html(_ text: String) -> String {
        var out = "<!DOCTYPE html>\n<html><head><title>Talks</title><style>p { color: red; }</style></head><body>\n"
        out += "<script>var s = \"final final final\";</script>\n<!-- the the draft draft -->\n"
        for (i, line) in text.split(separator: "\n").enumerated() {
            var l = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "’", with: "&rsquo;")
                .replacingOccurrences(of: "“", with: "&ldquo;").replacingOccurrences(of: "ç", with: "&#231;")
            if i % 2 == 0 { l = l.replacingOccurrences(of: "Palace", with: "<b>Palace</b>") }
            if i % 3 == 0 { l = l.replacingOccurrences(of: " the ", with: " <a href=\"https://example.com/the the\">the</a> ") }
            out += "<p class=\"para\">" + l + "</p>\n"
        }
        return out + "</body></html>\n"
    }

    /// Seed 001 as Markdown: front matter, a heading, hard-wrapped paragraphs, emphasis, code that must
    /// stay silent, a link whose target repeats words.
    static func markdown(_ text: String) -> String {
        var out = "---\ntitle: the the talks talks\n---\n\n# Istanbul talks\n\n```\nfinal final final\n```\n\n"
        for line in text.split(separator: "\n") {
            var l = String(line).replacingOccurrences(of: "Moscow", with: "*Moscow*")
            l = l.replacingOccurrences(of: "Reuters", with: "[Reuters](https://reuters.com/the the)")
            // Hard-wrap at about 72 columns.
            var width = 0
            var wrapped = ""
            for word in l.split(separator: " ") {
                if width > 0 && width + word.count > 72 { wrapped += "\n"; width = 0 }
                else if width > 0 { wrapped += " "; width += 1 }
                wrapped += word
                width += word.count
            }
            out += wrapped + "\n\n"
        }
        return out + "Inline `the the` code.\n"
    }

    @Test func htmlAndMarkdownRenderingsFindTheSame() {
        let text = TestSupport.sample("001").text
        let plain = Self.signature(Self.findings(text))
        #expect(!plain.isEmpty)
        for (name, rendering, format) in [("html", Self.html(text), MarkupFormat.html),
                                          ("markdown", Self.markdown(text), MarkupFormat.markdown)] {
            let ds = Self.findings(rendering, format)
            for d in ds { #expect(TestSupport.slice(rendering, d.start, d.end) == d.text, "\(name): bad slice") }
            #expect(Self.signature(ds) == plain, "\(name) differs: \(Self.signature(ds)) vs \(plain)")
        }
    }

    @Test func fixesKeepMarkup() {
        let html = "<p>They met at the <b>Palace</b> of the Palace today.</p>"
        let d = Self.findings(html, .html).first { $0.ruleID == "noun-of-same-noun" }
        #expect(d?.text == "Palace</b> of the Palace")
        #expect(d?.suggestions.first == "Palace</b>")
    }

    @Test func lineAndColumnCountCodePoints() {
        let text = "🇺🇦 é\r\nÜber 😀 the the end."
        let d = Self.findings(text).first!
        #expect(d.text == "the the")
        #expect(d.line == 2 && d.column == 8)
        #expect(d.start == 13 && d.end == 20)
    }
}

/// Compatibility characters that PDF extraction and CJK input methods leave in English copy: ligatures
/// ("ﬁnance" with U+FB01, which breaks search and spell checking) and full-width Latin letters, digits and
/// punctuation ("said，" "ＵＳ"). The fix is the character's compatibility (NFKC) form. Full-width forms
/// next to Chinese, Japanese or Korean text are left alone.
public struct CompatibilityCharacterRule: Rule {
    public let info = RuleInfo(
        id: "compatibility-character",
        category: .encoding,
        severity: .warning,
        summary: "Ligatures (ﬁ, ﬂ) and full-width forms (，Ａ１) in English text, replaced by their plain forms.",
        triggers: [
            RuleExample("The «ﬁ»nance ministry said so.", suggestion: "fi"),
            RuleExample("The ministry «ﬀ»ered no comment.", suggestion: "ff"),
            RuleExample("Officials said«，» the talks would resume.", suggestion: ","),
            RuleExample("The «ＵＳ» envoy arrived.", suggestion: "US"),
        ],
        quiet: [
            "The finance ministry said so.",
            "The sign read “北京，上海” in Chinese.",
            "Japanese ＡＢＣ順 ordering.",
        ],
        fixIsSafe: true)

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let units = doc.prose.units
        for p in doc.paragraphs where Chars.hasNonASCII(units, p.units) {
            var i = p.units.lowerBound
            while i < p.units.upperBound {
                guard Self.isCompat(units[i]) else { i += 1; continue }
                var end = i + 1
                while end < p.units.upperBound && Self.isCompat(units[end]) { end += 1 }
                defer { i = end }
                let (prev, _) = i > p.units.lowerBound ? (Chars.scalar(before: i, in: units, from: p.units.lowerBound) ?? (0x20, 1)) : (0x20, 1)
                let next: UInt32 = end < p.units.upperBound ? Chars.scalar(units, end).0 : 0x20
                let fullwidth = units[i] >= 0xFF00
                if fullwidth && (Self.isCJK(prev) || Self.isCJK(next)) { continue }
                let text = doc.prose.string(i..<end)
                let plain = Self.plain(units[i..<end])
                guard plain != text else { continue }
                findings.append(Finding(ruleID: info.id, units: i..<end,
                                        message: "“\(text)” is a \(fullwidth ? "full-width form" : "ligature") (from PDF extraction or an input method); write “\(plain)”.",
                                        replacements: [.text(plain)]))
            }
        }
    }

    @inline(__always)
    static func isCompat(_ u: UInt16) -> Bool {
        (u >= 0xFB00 && u <= 0xFB06) || (u >= 0xFF01 && u <= 0xFF5E)
    }

    /// The compatibility decomposition of ligatures and full-width ASCII forms.
    static func plain(_ us: ArraySlice<UInt16>) -> String {
        var out = ""
        for u in us {
            switch u {
            case 0xFB00: out += "ff"
            case 0xFB01: out += "fi"
            case 0xFB02: out += "fl"
            case 0xFB03: out += "ffi"
            case 0xFB04: out += "ffl"
            case 0xFB05, 0xFB06: out += "st"
            default: out.unicodeScalars.append(Unicode.Scalar(u - 0xFEE0)!)
            }
        }
        return out
    }

    static func isCJK(_ c: UInt32) -> Bool {
        (c >= 0x2E80 && c < 0xA000) || (c >= 0xAC00 && c < 0xD7B0) || (c >= 0xF900 && c < 0xFB00)
            || (c >= 0xFF00 && c < 0xFFF0) || (c >= 0x20000 && c < 0x32000) || (c >= 0x3000 && c < 0x3040)
    }
}

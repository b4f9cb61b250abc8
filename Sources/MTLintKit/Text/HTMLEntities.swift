/// Named character references mtlint decodes in HTML and Markdown. The common ones in news copy; an
/// unknown name is left as literal text.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019,
        "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "laquo": 0xAB, "raquo": 0xBB,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "euro": 0x20AC,
        "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "para": 0xB6, "deg": 0xB0, "middot": 0xB7,
        "bull": 0x2022, "times": 0xD7, "divide": 0xF7, "minus": 0x2212, "plusmn": 0xB1, "frac12": 0xBD,
        "frac14": 0xBC, "frac34": 0xBE, "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C, "thinsp": 0x2009,
        "ensp": 0x2002, "emsp": 0x2003, "dagger": 0x2020, "Dagger": 0x2021, "prime": 0x2032, "Prime": 0x2033,
        "iexcl": 0xA1, "iquest": 0xBF, "ordf": 0xAA, "ordm": 0xBA, "micro": 0xB5, "acute": 0xB4,
        "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3, "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6,
        "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC,
        "Iacute": 0xCD, "Icirc": 0xCE, "Iuml": 0xCF, "ETH": 0xD0, "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3,
        "Ocirc": 0xD4, "Otilde": 0xD5, "Ouml": 0xD6, "Oslash": 0xD8, "Ugrave": 0xD9, "Uacute": 0xDA,
        "Ucirc": 0xDB, "Uuml": 0xDC, "Yacute": 0xDD, "THORN": 0xDE, "szlig": 0xDF, "agrave": 0xE0,
        "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5, "aelig": 0xE6,
        "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC,
        "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF, "eth": 0xF0, "ntilde": 0xF1, "ograve": 0xF2,
        "oacute": 0xF3, "ocirc": 0xF4, "otilde": 0xF5, "ouml": 0xF6, "oslash": 0xF8, "ugrave": 0xF9,
        "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD, "thorn": 0xFE, "yuml": 0xFF,
        "Scaron": 0x160, "scaron": 0x161, "Zcaron": 0x17D, "zcaron": 0x17E, "OElig": 0x152, "oelig": 0x153,
        "Yuml": 0x178, "gbreve": 0x11F, "Gbreve": 0x11E, "scedil": 0x15F, "Scedil": 0x15E, "inodot": 0x131,
        "Idot": 0x130, "alpha": 0x3B1, "beta": 0x3B2, "gamma": 0x3B3, "delta": 0x3B4, "mu": 0x3BC, "pi": 0x3C0,
    ]

    /// Decodes a character reference starting at `start` (the `&`). Returns the code point and the offset
    /// just after the reference, or nil when the text there is not a well-formed reference.
    static func decode(_ s: [UInt32], at start: Int, limit: Int) -> (UInt32, Int)? {
        var i = start + 1
        guard i < limit else { return nil }
        if s[i] == 0x23 { // '#'
            i += 1
            var hex = false
            if i < limit && (s[i] == 0x78 || s[i] == 0x58) { hex = true; i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < limit && i - digitsStart < 8 {
                let c = s[i]
                if c >= 0x30 && c <= 0x39 { value = value * (hex ? 16 : 10) + (c - 0x30) }
                else if hex && c >= 0x61 && c <= 0x66 { value = value * 16 + (c - 0x61 + 10) }
                else if hex && c >= 0x41 && c <= 0x46 { value = value * 16 + (c - 0x41 + 10) }
                else { break }
                i += 1
            }
            guard i > digitsStart, i < limit, s[i] == 0x3B else { return nil }
            guard value > 0, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return (0xFFFD, i + 1) }
            return (value, i + 1)
        }
        var name = ""
        while i < limit && i - start <= 10 {
            let c = s[i]
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) {
                name.unicodeScalars.append(Unicode.Scalar(c)!)
                i += 1
            } else { break }
        }
        guard i < limit, s[i] == 0x3B, let cp = named[name] else { return nil }
        return (cp, i + 1)
    }
}

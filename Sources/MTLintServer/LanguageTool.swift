import Foundation
import MTLintKit

/// LanguageTool's HTTP API (`POST /v2/check`, `GET /v2/languages`) over mtlint's findings, so that
/// LanguageTool clients work unchanged. Offsets and lengths are in UTF-16 code units, as LanguageTool
/// (a Java program) counts them.
enum LanguageTool {
    /// Parameters LanguageTool documents; any other is ignored, as LanguageTool ignores them.
    struct Check {
        var source: [UInt32]            // what offsets refer to: the text, or all parts of `data`
        var linted: [UInt32]            // what is linted: the text, or `data` without its markup
        var origin: [Int32]? = nil      // for `data`: per linted code point, its offset in `source`
        var originEnd: [Int32]? = nil
        var language: Language
        var enabled: Set<String>
    }

    struct Language {
        var code: String
        var name: String
        var detected: Bool
    }

    static let variants: [(code: String, name: String)] = [
        ("en", "English"), ("en-US", "English (US)"), ("en-GB", "English (GB)"), ("en-AU", "English (Australian)"),
        ("en-CA", "English (Canadian)"), ("en-NZ", "English (New Zealand)"), ("en-ZA", "English (South African)"),
    ]

    static func language(_ raw: String?) throws(APIError) -> Language {
        let value = (raw ?? "auto").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
        if value.isEmpty || value.lowercased() == "auto" { return Language(code: "en-US", name: "English (US)", detected: true) }
        if let v = variants.first(where: { $0.code.lowercased() == value.lowercased() }) {
            return Language(code: v.code, name: v.name, detected: false)
        }
        throw .bad("unsupported-language", "language '\(value)' is not supported: mtlint checks English "
            + "(en, en-US, en-GB, en-AU, en-CA, en-NZ, en-ZA or auto)")
    }

    /// The category id LanguageTool clients see: upper case with underscores ("TEXT_BREAKING").
    static func categoryID(_ category: RuleCategory) -> String { categoryID(category.rawValue) }

    /// The same for a category a client names, in either spelling ("text-breaking", "TEXT_BREAKING").
    static func categoryID(_ category: String) -> String {
        category.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    static func categoryName(_ category: RuleCategory) -> String {
        switch category {
        case .repetition: return "Repetition"
        case .name: return "Names"
        case .literalism: return "Literal translation"
        case .garbled: return "Garbled text"
        case .truncation: return "Truncated sentence"
        case .textBreaking: return "Broken text"
        case .typography: return "Typography"
        case .encoding: return "Encoding"
        case .script: return "Foreign script"
        case .spelling: return "Spelling"
        case .bilingual: return "Source and translation"
        case .suppression: return "Suppression comments"
        }
    }

    /// LanguageTool's issue types are the W3C ITS 2.0 localization-quality issue types.
    static func issueType(_ category: RuleCategory) -> String {
        switch category {
        case .repetition: return "duplication"
        case .name: return "inconsistent-entities"
        case .literalism, .garbled: return "mistranslation"
        case .truncation: return "omission"
        case .textBreaking: return "formatting"
        case .typography: return "typographical"
        case .encoding, .script: return "characters"
        case .spelling: return "misspelling"
        case .bilingual: return "mistranslation"
        case .suppression: return "uncategorized"
        }
    }

    /// Reads the parameters of a check (form fields or query items).
    static func parse(_ pairs: [(String, String)], service: LintService) throws(APIError) -> Check {
        var fields: [String: String] = [:]
        for (k, v) in pairs where fields[k] == nil { fields[k] = v }
        let language = try language(fields["language"])
        let text = fields["text"], data = fields["data"]
        if text != nil && data != nil { throw .bad("bad-request", "set only 'text' or 'data', not both") }
        var check: Check
        if let text {
            let scalars = text.unicodeScalars.map(\.value)
            check = Check(source: scalars, linted: scalars, language: language, enabled: [])
        } else if let data {
            check = try annotated(data, language: language)
        } else {
            throw .bad("missing-text", "missing 'text' or 'data' parameter")
        }

        let enabledRules = Decode.commaList(fields["enabledRules"] ?? "")
        let disabledRules = Decode.commaList(fields["disabledRules"] ?? "")
        let enabledCategories = Decode.commaList(fields["enabledCategories"] ?? "")
        let disabledCategories = Decode.commaList(fields["disabledCategories"] ?? "")
        let onlyValue = (fields["enabledOnly"] ?? "false").lowercased()
        guard onlyValue == "true" || onlyValue == "false" else {
            throw .bad("bad-option", "'enabledOnly' must be true or false")
        }
        // LanguageTool clients send LanguageTool's own rule ids (UPPER_CASE) in these lists by default;
        // those are ignored. An unknown id in mtlint's style (lower-case-with-hyphens) is a mistake.
        try service.validate(enabledRules.filter(looksLikeMTLintID), parameter: "enabledRules")
        func inCategories(_ cats: [String]) -> Set<String> {
            let wanted = Set(cats.map(categoryID))
            return Set(service.infos.filter { wanted.contains(categoryID($0.category)) }.map(\.id))
        }
        let known = service.known
        let enabledIDs = Set(enabledRules).intersection(known).union(inCategories(enabledCategories))
        var enabled: Set<String>
        if onlyValue == "true" {
            guard !enabledRules.isEmpty || !enabledCategories.isEmpty else {
                throw .bad("bad-option", "enabledOnly=true needs 'enabledRules' or 'enabledCategories'")
            }
            enabled = enabledIDs
        } else {
            enabled = service.setup.defaultEnabled.union(enabledIDs)
        }
        enabled.subtract(disabledRules)
        enabled.subtract(inCategories(disabledCategories))
        check.enabled = enabled
        return check
    }

    static func looksLikeMTLintID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// LanguageTool's annotated text: `{"annotation":[{"text":"…"},{"markup":"…","interpretAs":"…"}]}`.
    /// Markup is not linted (its `interpretAs`, when given, is linted in its place) but counts for offsets.
    static func annotated(_ data: String, language: Language) throws(APIError) -> Check {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(data.utf8)) } catch {
            throw .bad("invalid-json", "'data' is not valid JSON: \(Decode.describe(error))")
        }
        guard let object = value as? [String: Any], let parts = object["annotation"] as? [Any] else {
            throw .bad("bad-data", "'data' must be an object with an \"annotation\" array")
        }
        var source: [UInt32] = [], linted: [UInt32] = [], origin: [Int32] = [], originEnd: [Int32] = []
        for (k, item) in parts.enumerated() {
            guard let part = item as? [String: Any] else { throw .bad("bad-data", "annotation[\(k)] must be an object") }
            for key in part.keys where !["text", "markup", "interpretAs"].contains(key) {
                throw .bad("bad-data", "annotation[\(k)]: unknown key '\(key)' (known: text, markup, interpretAs)")
            }
            if let text = part["text"] {
                guard let text = text as? String, part["markup"] == nil, part["interpretAs"] == nil else {
                    throw .bad("bad-data", "annotation[\(k)]: a part has either \"text\" or \"markup\" (with optional \"interpretAs\")")
                }
                for s in text.unicodeScalars {
                    origin.append(Int32(source.count)); originEnd.append(Int32(source.count + 1))
                    source.append(s.value); linted.append(s.value)
                }
            } else if let markup = part["markup"] as? String {
                let start = Int32(source.count)
                source += markup.unicodeScalars.map(\.value)
                let end = Int32(source.count)
                if let interpret = part["interpretAs"] {
                    guard let interpret = interpret as? String else {
                        throw .bad("bad-data", "annotation[\(k)]: \"interpretAs\" must be a string")
                    }
                    for s in interpret.unicodeScalars {
                        linted.append(s.value); origin.append(start); originEnd.append(end)
                    }
                }
            } else {
                throw .bad("bad-data", "annotation[\(k)] needs a \"text\" or \"markup\" string")
            }
        }
        return Check(source: source, linted: linted, origin: origin, originEnd: originEnd, language: language, enabled: [])
    }

    /// UTF-16 offset of every code-point offset 0...count.
    static func utf16Offsets(_ scalars: [UInt32]) -> [Int] {
        var out = [Int](repeating: 0, count: scalars.count + 1)
        var u = 0
        for (i, s) in scalars.enumerated() {
            out[i] = u
            u += s > 0xFFFF ? 2 : 1
        }
        out[scalars.count] = u
        return out
    }

    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var v = String.UnicodeScalarView()
        for s in scalars { if let u = Unicode.Scalar(s) { v.append(u) } }
        return String(v)
    }

    /// The response: LanguageTool's JSON shape.
    static func response(_ check: Check, _ linted: Linted, service: LintService) -> String {
        let result = linted.result
        let document = linted.document
        let source = check.source
        let u16 = utf16Offsets(source)
        // Linted code points → source code points.
        func start(_ p: Int) -> Int {
            guard let origin = check.origin else { return p }
            return p < origin.count ? Int(origin[p]) : source.count
        }
        func end(_ p: Int, from s: Int) -> Int {
            guard let originEnd = check.originEnd else { return p }
            return p == 0 ? 0 : max(s, Int(originEnd[p - 1]))
        }
        // Sentences in linted code points, for each match's `sentence`.
        let sentences: [Range<Int>] = document.sentences.map { document.prose.originalRange($0.units) }
        func sentence(containing p: Int) -> String {
            var lo = 0, hi = sentences.count - 1
            guard hi >= 0 else { return "" }
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if sentences[mid].lowerBound <= p { lo = mid } else { hi = mid - 1 }
            }
            let r = sentences[lo]
            return string(check.linted[r.clamped(to: 0..<check.linted.count)]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let contextSize = 40
        var matches: [String] = []
        matches.reserveCapacity(result.diagnostics.count)
        for d in result.diagnostics {
            let s = start(d.start), e = end(d.end, from: s)
            let info = service.infoByID[d.ruleID]
            let category = info?.category ?? d.category
            let cStart = max(0, s - contextSize), cEnd = min(source.count, e + contextSize)
            let lead = cStart > 0 ? "..." : "", tail = cEnd < source.count ? "..." : ""
            let context = lead + string(source[cStart..<cEnd]).map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : String($0) }.joined() + tail
            matches.append(JSON.object([
                ("message", JSON.quoted(d.message)),
                ("shortMessage", JSON.quoted(categoryName(category))),
                ("replacements", JSON.array(d.suggestions.prefix(15).map { JSON.object([("value", JSON.quoted($0))]) })),
                ("offset", String(u16[s])),
                ("length", String(u16[e] - u16[s])),
                ("context", JSON.object([
                    ("text", JSON.quoted(context)),
                    ("offset", String(lead.utf16.count + u16[s] - u16[cStart])),
                    ("length", String(u16[e] - u16[s])),
                ])),
                ("sentence", JSON.quoted(sentence(containing: d.start))),
                ("type", JSON.object([("typeName", JSON.quoted("Other"))])),
                ("rule", JSON.object([
                    ("id", JSON.quoted(d.ruleID)),
                    ("description", JSON.quoted(info?.summary ?? d.message)),
                    ("issueType", JSON.quoted(issueType(category))),
                    ("category", JSON.object([("id", JSON.quoted(categoryID(category))), ("name", JSON.quoted(categoryName(category)))])),
                ])),
                ("ignoreForIncompleteSentence", "false"),
                ("contextForSureMatch", "0"),
            ]))
        }
        let sentenceRanges = sentences.map { r -> String in
            let a = start(r.lowerBound), b = end(r.upperBound, from: a)
            return JSON.array([String(u16[a]), String(u16[b] - u16[a])])
        }
        let lang = check.language
        return JSON.object([
            ("software", software(service)),
            ("warnings", JSON.object([("incompleteResults", "false")])),
            ("language", JSON.object([
                ("name", JSON.quoted(lang.name)),
                ("code", JSON.quoted(lang.code)),
                ("detectedLanguage", JSON.object([
                    ("name", JSON.quoted(lang.name)), ("code", JSON.quoted(lang.code)),
                    ("confidence", lang.detected ? "0.99" : "1"),
                ])),
            ])),
            ("matches", "[" + matches.joined(separator: ",\n") + "]"),
            ("sentenceRanges", JSON.array(sentenceRanges)),
        ]) + "\n"
    }

    static func software(_ service: LintService) -> String {
        JSON.object([
            ("name", JSON.quoted("mtlint")),
            ("version", JSON.quoted(service.setup.version)),
            ("buildDate", JSON.quoted("")),
            ("apiVersion", "1"),
            ("premium", "false"),
            ("premiumHint", JSON.quoted("")),
            ("status", JSON.quoted("")),
        ])
    }

    /// `GET /v2/languages`.
    static func languages() -> String {
        JSON.array(variants.map {
            JSON.object([("name", JSON.quoted($0.name)), ("code", JSON.quoted("en")), ("longCode", JSON.quoted($0.code))])
        }) + "\n"
    }
}

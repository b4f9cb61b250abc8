import Foundation
import Yams

/// One lexicon entry: a pattern, its replacements, context conditions and its own examples.
struct LiteralismEntry: Sendable {
    enum Scope: Sendable, Equatable { case sentence, paragraph, words(Int) }

    /// A word list entry: exact key, or a prefix when written with a trailing '*'.
    struct WordTest: Sendable {
        var exact: Set<String> = []
        var prefixes: [String] = []
        var isEmpty: Bool { exact.isEmpty && prefixes.isEmpty }
        func matches(_ key: String) -> Bool { exact.contains(key) || prefixes.contains { key.hasPrefix($0) } }

        init(_ words: [String]) {
            for w in words {
                if w.hasSuffix("*") { prefixes.append(Document.key(String(w.dropLast()))) } else { exact.insert(Document.key(w)) }
            }
        }
    }

    var info: RuleInfo
    var pattern: Pattern
    var suggestions: [String]
    var message: String?
    var origin: String
    var sources: [String]
    var confidence: String
    var scope: Scope = .sentence
    var requires = WordTest([])
    var excludes = WordTest([])
    var notBefore = WordTest([])
    var notAfter = WordTest([])
    /// Line of the entry in its pack, for error reports.
    var line: Int
    /// Lines of the examples (trigger then quiet order), for `test-rules`.
    var triggerLines: [Int]
    var quietLines: [Int]
}

/// A literalism pack file (format: Rules/literalisms/README.md).
struct LiteralismPack: Sendable {
    var id: String
    var description: String
    var path: String
    var entries: [LiteralismEntry]

    static let entryKeys: Set<String> = ["id", "source", "origin", "pattern", "suggest", "severity", "confidence",
                                         "context", "examples", "message"]
    static let contextKeys: Set<String> = ["scope", "requires", "excludes", "not_before", "not_after"]

    static func load(_ url: URL) throws(DataError) -> LiteralismPack {
        let path = url.path
        guard let data = FileBytes.data(path) else { throw .missing(path: path, detail: "cannot read rule pack") }
        guard let text = String(data: data, encoding: .utf8) else { throw .invalid(path: path, line: nil, detail: "not valid UTF-8") }
        // A node's mark can sit after the last line break; errors name a line the file has.
        do { return try parse(text, path: path) } catch { throw YAMLFile.clamped(error, in: text) }
    }

    private static func parse(_ text: String, path: String) throws(DataError) -> LiteralismPack {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, Resolver.basic) else { throw DataError.invalid(path: path, line: 1, detail: "empty rule pack") }
            root = node
        } catch let e as DataError {
            throw e
        } catch let e as YamlError {
            throw .invalid(path: path, line: YAMLFile.line(of: e, in: text), detail: "malformed YAML: \(YAMLFile.summary(e))")
        } catch {
            throw .invalid(path: path, line: nil, detail: "malformed YAML: \(error)")
        }
        guard case .mapping(let top) = root else { throw .invalid(path: path, line: root.mark?.line, detail: "a pack is a mapping with 'pack' and 'entries'") }
        var pack = LiteralismPack(id: "", description: "", path: path, entries: [])
        for (k, v) in top {
            switch k.string ?? "" {
            case "pack": pack.id = v.string ?? ""
            case "description": pack.description = v.string ?? ""
            case "entries":
                guard case .sequence(let seq) = v else { throw .invalid(path: path, line: v.mark?.line, detail: "'entries' must be a list") }
                for item in seq { pack.entries.append(try entry(item, path: path)) }
            default:
                throw .invalid(path: path, line: k.mark?.line, detail: "unknown key '\(k.string ?? "?")' (known: pack, description, entries)")
            }
        }
        return pack
    }

    private static func strings(_ node: Node?, _ name: String, path: String) throws(DataError) -> [(String, Int)] {
        guard let node else { return [] }
        if case .scalar(let s) = node { return [(s.string, node.mark?.line ?? 0)] }
        guard case .sequence(let seq) = node else { throw .invalid(path: path, line: node.mark?.line, detail: "'\(name)' must be a list of strings") }
        var out: [(String, Int)] = []
        for item in seq {
            guard case .scalar(let s) = item else { throw .invalid(path: path, line: item.mark?.line, detail: "'\(name)' must hold strings") }
            out.append((s.string, item.mark?.line ?? 0))
        }
        return out
    }

    /// The suggestion a triggering example must get: the first template when it is plain text, in the
    /// capitalisation of the marked span; nil when the template depends on the match.
    static func expectedSuggestion(_ example: String, _ template: String?) -> String? {
        guard let template, !template.contains("{"), !template.contains("$") else { return nil }
        let (text, marked) = PackTester.unmark(example)
        guard let marked else { return nil }
        let scalars = Array(text.unicodeScalars)
        let span = String(String.UnicodeScalarView(scalars[marked]))
        return LiteralismRule.matchCase(template, like: span)
    }

    private static func entry(_ node: Node, path: String) throws(DataError) -> LiteralismEntry {
        let line = node.mark?.line ?? 0
        guard case .mapping(let map) = node else { throw .invalid(path: path, line: line, detail: "an entry must be a mapping") }
        var fields: [String: Node] = [:]
        for (k, v) in map {
            let key = k.string ?? ""
            guard entryKeys.contains(key) else {
                throw .invalid(path: path, line: k.mark?.line, detail: "unknown entry key '\(key)' (known: \(entryKeys.sorted().joined(separator: ", ")))")
            }
            fields[key] = v
        }
        func scalar(_ key: String) -> String? { fields[key]?.string }
        guard let id = scalar("id"), id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw .invalid(path: path, line: line, detail: "entry needs a kebab-case 'id'")
        }
        guard let patternText = scalar("pattern") else { throw .invalid(path: path, line: line, detail: "\(id): missing 'pattern'") }
        let pattern: Pattern
        do { pattern = try Pattern.parse(patternText) } catch {
            throw .invalid(path: path, line: fields["pattern"]?.mark?.line ?? line, detail: "\(id): \(error.description)")
        }
        let severityText = scalar("severity") ?? "warning"
        guard let severity = Severity(rawValue: severityText) else {
            throw .invalid(path: path, line: fields["severity"]?.mark?.line, detail: "\(id): severity must be error, warning or info")
        }
        let confidence = scalar("confidence") ?? "medium"
        guard ["high", "medium", "low"].contains(confidence) else {
            throw .invalid(path: path, line: fields["confidence"]?.mark?.line, detail: "\(id): confidence must be high, medium or low")
        }
        let suggestions = try strings(fields["suggest"], "suggest", path: path).map(\.0)
        for s in suggestions {
            if let bad = SuggestionTemplate.check(s, elements: pattern.elements) {
                throw .invalid(path: path, line: fields["suggest"]?.mark?.line, detail: "\(id): suggestion '\(s)': \(bad)")
            }
        }
        let origin = scalar("origin") ?? ""
        var triggers: [RuleExample] = [], quiet: [String] = []
        var triggerLines: [Int] = [], quietLines: [Int] = []
        if let ex = fields["examples"] {
            guard case .mapping(let exMap) = ex else { throw .invalid(path: path, line: ex.mark?.line, detail: "\(id): 'examples' must have 'trigger' and 'quiet' lists") }
            for (k, v) in exMap {
                switch k.string ?? "" {
                case "trigger":
                    for (s, l) in try strings(v, "trigger", path: path) {
                        triggers.append(RuleExample(s, suggestion: expectedSuggestion(s, suggestions.first)))
                        triggerLines.append(l)
                    }
                case "quiet":
                    for (s, l) in try strings(v, "quiet", path: path) { quiet.append(s); quietLines.append(l) }
                default:
                    throw .invalid(path: path, line: k.mark?.line, detail: "\(id): unknown examples key '\(k.string ?? "?")' (trigger, quiet)")
                }
            }
        }
        let sources = try strings(fields["source"], "source", path: path).map(\.0)
        let summary = origin.isEmpty ? "Literal rendering: “\(patternText)”." : "Literal rendering of \(origin)."
        var entry = LiteralismEntry(
            info: RuleInfo(id: id, category: .literalism, severity: severity, summary: summary,
                           triggers: triggers, quiet: quiet),
            pattern: pattern, suggestions: suggestions, message: scalar("message"), origin: origin,
            sources: sources, confidence: confidence, line: line, triggerLines: triggerLines, quietLines: quietLines)
        if let ctx = fields["context"] {
            guard case .mapping(let c) = ctx else { throw .invalid(path: path, line: ctx.mark?.line, detail: "\(id): 'context' must be a mapping") }
            for (k, v) in c {
                let key = k.string ?? ""
                switch key {
                case "scope":
                    let s = v.string ?? ""
                    if s == "sentence" { entry.scope = .sentence }
                    else if s == "paragraph" { entry.scope = .paragraph }
                    else if let n = Int(s), n > 0 { entry.scope = .words(n) }
                    else { throw .invalid(path: path, line: v.mark?.line, detail: "\(id): scope must be sentence, paragraph or a number") }
                case "requires": entry.requires = .init(try strings(v, key, path: path).map(\.0))
                case "excludes": entry.excludes = .init(try strings(v, key, path: path).map(\.0))
                case "not_before": entry.notBefore = .init(try strings(v, key, path: path).map(\.0))
                case "not_after": entry.notAfter = .init(try strings(v, key, path: path).map(\.0))
                default:
                    throw .invalid(path: path, line: k.mark?.line, detail: "\(id): unknown context key '\(key)' (known: \(contextKeys.sorted().joined(separator: ", ")))")
                }
            }
        }
        return entry
    }
}

/// Suggestion templates: `{N:a|b}` picks the alternative matching element N's choice; `$N` copies the text
/// element N matched.
enum SuggestionTemplate {
    /// A description of what is wrong with a template, or nil.
    static func check(_ template: String, elements: [Pattern.Element]) -> String? {
        var rest = Substring(template)
        while let brace = rest.firstIndex(of: "{") {
            guard let close = rest[brace...].firstIndex(of: "}") else { return "unclosed '{'" }
            let inner = rest[rest.index(after: brace)..<close]
            guard let colon = inner.firstIndex(of: ":"), let n = Int(inner[..<colon]), n >= 1, n <= elements.count else {
                return "'{\(inner)}' must be {N:a|b} with N an element number (1…\(elements.count))"
            }
            if case .words(let w) = elements[n - 1].kind {
                let alternatives = inner[inner.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false)
                if alternatives.count != w.count { return "element \(n) has \(w.count) alternatives, '{\(inner)}' has \(alternatives.count)" }
            } else {
                return "element \(n) is not a list of alternatives"
            }
            rest = rest[rest.index(after: close)...]
        }
        var k = template.startIndex
        while let dollar = template[k...].firstIndex(of: "$") {
            let digits = template[template.index(after: dollar)...].prefix { $0.isASCII && $0.isNumber }
            guard let n = Int(digits), n >= 1, n <= elements.count else { return "'$' must be followed by an element number" }
            k = template.index(after: dollar)
        }
        return nil
    }

    static func expand(_ template: String, match: PatternMatch, doc: Document) -> String {
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{", let close = template[i...].firstIndex(of: "}"),
               let colon = template[i..<close].firstIndex(of: ":"), let n = Int(template[template.index(after: i)..<colon]) {
                let alternatives = template[template.index(after: colon)..<close].split(separator: "|", omittingEmptySubsequences: false)
                let choice = n - 1 < match.choices.count ? match.choices[n - 1] : -1
                out += String(alternatives[choice >= 0 && choice < alternatives.count ? choice : 0])
                i = template.index(after: close)
                continue
            }
            if c == "$" {
                let digits = template[template.index(after: i)...].prefix { $0.isASCII && $0.isNumber }
                if let n = Int(digits), n >= 1, n <= match.spans.count {
                    let span = match.spans[n - 1]
                    if !span.isEmpty { out += doc.phrase(span.lowerBound, span.upperBound - 1) }
                    i = template.index(i, offsetBy: digits.count + 1)
                    continue
                }
            }
            out.append(c)
            i = template.index(after: i)
        }
        return out
    }
}

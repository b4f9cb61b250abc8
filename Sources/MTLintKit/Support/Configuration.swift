import Foundation
import Yams

/// `.mtlint.yml`: found by walking up from each linted file; the nearest file wins, merged over its
/// parents'. Unknown keys, rule ids and categories are errors that name the file and line.
public struct Configuration: Sendable, Equatable {
    public var disabledRules: Set<String> = []
    public var enabledRules: Set<String> = []      // re-enables what a parent disabled
    public var onlyRules: Set<String>? = nil
    public var disabledCategories: Set<String> = []
    public var severities: [String: Severity] = [:]
    public var packs: [URL] = []
    public var ignore: [String] = []
    public var failOn: String? = nil
    public var maxGarble: Double? = nil
    /// Words never flagged (a newsroom's own names and terms), compared case-insensitively.
    public var allow: Set<String> = []
    public var gazetteers: [URL] = []
    /// House spellings of names ("Zelenskyy", "Kyiv"), suggested over the other spellings.
    public var houseStyle: [String] = []
    /// House quotes and dashes (off unless set).
    public var typography = HouseTypography()
    /// Known findings (`mtlint baseline`) left out of every report; relative to the configuration's folder.
    /// Read when linting, not when parsing, so that `mtlint baseline > FILE` can write it the first time.
    public var baseline: URL? = nil
    /// Where `baseline` was set ("file:line"), for messages.
    public var baselineOrigin: String? = nil
    /// Folders whose configuration files were merged, outermost first (for messages and caching).
    public var sources: [String] = []

    public init() {}

    public static let fileName = ".mtlint.yml"
    static let keys = ["rules", "categories", "severity", "packs", "gazetteers", "house_style", "typography", "allow", "ignore", "fail_on", "max_garble", "baseline"]

    /// Parses one file. Rule ids and categories are checked against `known` (id → category).
    public static func parse(_ url: URL, known: [String: String]) throws(DataError) -> Configuration {
        let path = url.path
        guard let data = FileBytes.data(path) else { throw .missing(path: path, detail: "cannot read configuration") }
        guard let text = String(data: data, encoding: .utf8) else { throw .invalid(path: path, line: nil, detail: "not valid UTF-8") }
        let node: Node?
        do { node = try Yams.compose(yaml: text, Resolver.basic) } catch let e as YamlError {
            throw .invalid(path: path, line: YAMLFile.line(of: e, in: text), detail: "malformed YAML: \(YAMLFile.summary(e))")
        } catch { throw .invalid(path: path, line: nil, detail: "malformed YAML: \(error)") }
        var parser = Parser(url: url, known: known)
        parser.configuration.sources = [url.deletingLastPathComponent().path]
        // An empty document ("" or a lone "---") is the default configuration.
        guard let node else { return parser.configuration }
        if case .scalar(let scalar) = node, scalar.string.isEmpty { return parser.configuration }
        do throws(DataError) {
            guard case .mapping(let top) = node else { throw DataError.invalid(path: path, line: node.mark?.line, detail: "expected a mapping of settings") }
            for (k, v) in top { try parser.setting(k.string ?? "", line: k.mark?.line, v) }
        } catch {
            throw YAMLFile.clamped(error, in: text)
        }
        return parser.configuration
    }

    /// Reads one file's settings into a configuration, one method per kind of setting; every error names
    /// the file and line.
    private struct Parser {
        let url: URL
        let known: [String: String]
        var configuration = Configuration()
        var path: String { url.path }

        init(url: URL, known: [String: String]) {
            self.url = url
            self.known = known
        }

        mutating func setting(_ key: String, line: Int?, _ v: Node) throws(DataError) {
            switch key {
            case "rules": try rules(v)
            case "categories": try categories(v)
            case "severity": try severities(v)
            case "packs": configuration.packs = try files(v, "packs", what: "pack")
            case "gazetteers": configuration.gazetteers = try files(v, "gazetteers", what: "gazetteer")
            case "house_style": configuration.houseStyle = try list(v, "house_style").map(\.0)
            case "typography": try typography(v)
            case "allow": configuration.allow = Set(try list(v, "allow").map { Document.key($0.0) })
            case "ignore": configuration.ignore = try list(v, "ignore").map(\.0)
            case "baseline":
                guard let file = v.string, !file.isEmpty else {
                    throw .invalid(path: path, line: v.mark?.line, detail: "baseline takes the path of a file made with 'mtlint baseline'")
                }
                configuration.baseline = URL(fileURLWithPath: file, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
                configuration.baselineOrigin = "\(path):\((v.mark?.line).map(String.init) ?? "?")"
            case "fail_on":
                guard let s = v.string, ["error", "warning", "info", "never"].contains(s) else {
                    throw .invalid(path: path, line: v.mark?.line, detail: "fail_on must be error, warning, info or never")
                }
                configuration.failOn = s
            case "max_garble":
                guard let d = Double(v.string ?? ""), (0...1).contains(d) else {
                    throw .invalid(path: path, line: v.mark?.line, detail: "max_garble takes a number from 0 to 1")
                }
                configuration.maxGarble = d
            default:
                throw .invalid(path: path, line: line, detail: "unknown key '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
        }

        /// A list of strings (a single string counts as a list of one), with their lines.
        func list(_ n: Node, _ what: String) throws(DataError) -> [(String, Int)] {
            if case .scalar(let s) = n { return [(s.string, n.mark?.line ?? 0)] }
            guard case .sequence(let seq) = n else { throw .invalid(path: path, line: n.mark?.line, detail: "'\(what)' must be a list") }
            var out: [(String, Int)] = []
            for item in seq {
                guard case .scalar(let s) = item else { throw .invalid(path: path, line: item.mark?.line, detail: "'\(what)' must hold strings") }
                out.append((s.string, item.mark?.line ?? 0))
            }
            return out
        }

        func rule(_ id: String, _ line: Int) throws(DataError) -> String {
            guard known[id] != nil else {
                throw .invalid(path: path, line: line, detail: RuleRegistry.unknownRuleMessage(id, known: known.keys))
            }
            return id
        }

        mutating func rules(_ v: Node) throws(DataError) {
            guard case .mapping(let m) = v else { throw .invalid(path: path, line: v.mark?.line, detail: "'rules' takes disable, enable and only lists") }
            for (rk, rv) in m {
                let items = try list(rv, "rules." + (rk.string ?? ""))
                switch rk.string ?? "" {
                case "disable": for (id, l) in items { configuration.disabledRules.insert(try rule(id, l)) }
                case "enable": for (id, l) in items { configuration.enabledRules.insert(try rule(id, l)) }
                case "only":
                    var only: Set<String> = []
                    for (id, l) in items { only.insert(try rule(id, l)) }
                    configuration.onlyRules = only
                default: throw .invalid(path: path, line: rk.mark?.line, detail: "unknown key 'rules.\(rk.string ?? "")' (known: disable, enable, only)")
                }
            }
        }

        mutating func categories(_ v: Node) throws(DataError) {
            let categories = Set(known.values)
            guard case .mapping(let m) = v else { throw .invalid(path: path, line: v.mark?.line, detail: "'categories' takes a 'disable' list") }
            for (ck, cv) in m {
                guard ck.string == "disable" else { throw .invalid(path: path, line: ck.mark?.line, detail: "unknown key 'categories.\(ck.string ?? "")' (known: disable)") }
                for (cat, l) in try list(cv, "categories.disable") {
                    guard categories.contains(cat) else { throw .invalid(path: path, line: l, detail: "unknown category '\(cat)' (known: \(categories.sorted().joined(separator: ", ")))") }
                    configuration.disabledCategories.insert(cat)
                }
            }
        }

        mutating func severities(_ v: Node) throws(DataError) {
            guard case .mapping(let m) = v else { throw .invalid(path: path, line: v.mark?.line, detail: "'severity' maps rule ids to error, warning or info") }
            for (sk, sv) in m {
                let id = try rule(sk.string ?? "", sk.mark?.line ?? 0)
                guard let s = Severity(rawValue: sv.string ?? "") else { throw .invalid(path: path, line: sv.mark?.line, detail: "severity must be error, warning or info") }
                configuration.severities[id] = s
            }
        }

        /// Files named relative to the configuration's folder; each must exist.
        func files(_ v: Node, _ key: String, what: String) throws(DataError) -> [URL] {
            var out: [URL] = []
            for (p, l) in try list(v, key) {
                let u = URL(fileURLWithPath: p, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
                guard FileManager.default.fileExists(atPath: u.path) else { throw .invalid(path: path, line: l, detail: "\(what) not found: \(p)") }
                out.append(u)
            }
            return out
        }

        mutating func typography(_ v: Node) throws(DataError) {
            guard case .mapping(let m) = v else { throw .invalid(path: path, line: v.mark?.line, detail: "'typography' takes quotes and dashes") }
            for (tk, tv) in m {
                switch tk.string ?? "" {
                case "quotes":
                    guard let q = HouseTypography.Quotes(rawValue: tv.string ?? "") else {
                        throw .invalid(path: path, line: tv.mark?.line, detail: "typography.quotes must be curly or straight")
                    }
                    configuration.typography.quotes = q
                case "dashes":
                    guard let d = HouseTypography.Dashes(rawValue: tv.string ?? "") else {
                        throw .invalid(path: path, line: tv.mark?.line, detail: "typography.dashes must be em, spaced-em or spaced-en")
                    }
                    configuration.typography.dashes = d
                default:
                    throw .invalid(path: path, line: tk.mark?.line, detail: "unknown key 'typography.\(tk.string ?? "")' (known: quotes, dashes)")
                }
            }
        }
    }

    /// This configuration with a nearer one's settings on top.
    public func merged(with child: Configuration) -> Configuration {
        var m = self
        m.disabledRules.subtract(child.enabledRules)
        m.disabledRules.formUnion(child.disabledRules)
        m.enabledRules = child.enabledRules
        if let only = child.onlyRules { m.onlyRules = only }
        m.disabledCategories.formUnion(child.disabledCategories)
        m.severities.merge(child.severities) { $1 }
        m.packs += child.packs
        m.gazetteers += child.gazetteers
        m.houseStyle += child.houseStyle.filter { !m.houseStyle.contains($0) }
        m.typography = m.typography.overridden(by: child.typography)
        m.allow.formUnion(child.allow)
        m.ignore += child.ignore
        m.failOn = child.failOn ?? m.failOn
        m.maxGarble = child.maxGarble ?? m.maxGarble
        if child.baseline != nil { (m.baseline, m.baselineOrigin) = (child.baseline, child.baselineOrigin) }
        m.sources += child.sources
        return m
    }

    /// Rule ids this configuration lets run, out of `all` (id → category).
    public func enabled(_ all: [String: String]) -> Set<String> {
        Set(all.filter { id, category in
            !disabledRules.contains(id) && !disabledCategories.contains(category) && (onlyRules?.contains(id) ?? true)
        }.keys)
    }

    /// Diagnostics without those on allowed words (the flagged text, without a possessive ending).
    public func filterAllowed(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !allow.isEmpty else { return diagnostics }
        return diagnostics.filter { d in
            var key = Document.key(d.text)
            if key.hasSuffix("'s") { key.removeLast(2) }
            return !allow.contains(key)
        }
    }

    /// Whether a path (relative to the folder of the configuration that listed the pattern) is ignored.
    public func ignores(_ path: String) -> Bool {
        ignore.contains { Glob.matches($0, path) }
    }

    /// The configuration files that apply to a file: from the root down to its folder.
    public static func chain(for file: String) -> [URL] {
        var dir = URL(fileURLWithPath: file == "-" ? FileManager.default.currentDirectoryPath : file).standardizedFileURL
        if file != "-" { dir = dir.deletingLastPathComponent() }
        var found: [URL] = []
        while true {
            let candidate = dir.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate.path) { found.append(candidate) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return found.reversed()
    }

    /// The commented default written by `mtlint init`.
    public static let template = """
        # mtlint configuration. mtlint reads the nearest .mtlint.yml above each linted file, merged over
        # the ones in parent folders (nearer settings win). See `mtlint rules` for rule ids and categories.

        rules:
          disable: []          # rule ids to turn off, e.g. [same-stem-pair]
          enable: []           # rule ids a parent folder's configuration turned off
          # only: []           # run only these rule ids

        categories:
          disable: []          # whole families, e.g. [literalism]

        severity: {}           # per-rule severity, e.g. {repeated-word: error}

        packs: []              # extra literalism packs, relative to this file, e.g. [newsroom/calques.yml]

        gazetteers: []         # extra name lists in gazetteer.tsv's layout, e.g. [newsroom/names.tsv]

        house_style: []        # preferred spellings of names, suggested over the others, e.g. [Zelenskyy, Kyiv]

        # typography:          # house quotes and dashes; off unless set
        #   quotes: curly      # curly or straight
        #   dashes: spaced-em  # em (word—word), spaced-em (word — word) or spaced-en (word – word)

        allow: []              # words never flagged, e.g. [Walkingshaw, Penmount]

        ignore: []             # glob patterns of files not to lint, relative to this folder, e.g. ["drafts/**"]

        fail_on: warning       # lowest severity that fails the run: error, warning, info or never
        # max_garble: 0.1      # fail when a file's evidence of garble exceeds this (0 to 1; clean copy ~0.01–0.05)
        # baseline: .mtlint-baseline.json   # leave out known findings (made with: mtlint baseline . > .mtlint-baseline.json)

        """
}

/// Minimal glob matching for ignore patterns: `*` within a path segment, `**` across segments, `?`.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(path.unicodeScalars)
        // Patterns without a slash match the file name anywhere.
        if !pattern.contains("/") {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            var m = Matcher(p, Array(name.unicodeScalars))
            return m.match(0, 0)
        }
        var m = Matcher(p, s)
        return m.match(0, 0)
    }

    /// Backtracking over the stars, remembering the (pattern, path) positions that failed, so a pattern with
    /// many stars takes time proportional to the product of the lengths, never exponential.
    private struct Matcher {
        let p: [Unicode.Scalar], s: [Unicode.Scalar]
        var failed: Set<Int> = []

        init(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) { self.p = p; self.s = s }

        mutating func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (s.count + 1) + j
            if failed.contains(key) { return false }
            let ok = step(i, j)
            if !ok { failed.insert(key) }
            return ok
        }

        private mutating func step(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            if p[i] == "*" {
                if i + 1 < p.count && p[i + 1] == "*" {
                    var k = i + 2
                    if k < p.count && p[k] == "/" { k += 1 }
                    for jj in j...s.count where match(k, jj) { return true }
                    return false
                }
                var jj = j
                while true {
                    if match(i + 1, jj) { return true }
                    guard jj < s.count, s[jj] != "/" else { return false }
                    jj += 1
                }
            }
            guard j < s.count else { return false }
            if p[i] == "?" { return s[j] != "/" && match(i + 1, j + 1) }
            return p[i] == s[j] && match(i + 1, j + 1)
        }
    }
}

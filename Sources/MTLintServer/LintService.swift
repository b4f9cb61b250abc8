import Foundation
import MTLintKit

/// What the server lints with: the rules (built-in plus configured packs), which of them run by default,
/// and the configuration's severity overrides. Built once by `mtlint serve` from the same options and
/// configuration files as the CLI.
public struct LintSetup: Sendable {
    public var rules: [any Rule]
    /// Rule ids that run when a request names none (the configuration, `--only` and `--disable` applied).
    public var defaultEnabled: Set<String>
    /// The configuration every request is linted with: its allow list and severity overrides (rule
    /// selection is `defaultEnabled`).
    public var configuration: Configuration
    /// Known findings left out of every answer; requests carry no path, so a finding recorded under any
    /// path is known.
    public var baseline: Baseline?
    public var version: String

    /// Severity overrides from the configuration.
    public var severities: [String: Severity] { configuration.severities }

    public init(rules: [any Rule], defaultEnabled: Set<String>? = nil, configuration: Configuration = Configuration(),
                baseline: Baseline? = nil, version: String = "0.1.0") {
        self.baseline = baseline
        self.rules = rules
        self.defaultEnabled = defaultEnabled ?? Set(rules.flatMap { $0.infos.map(\.id) })
        self.configuration = configuration
        self.version = version
    }
}

/// A request-level problem, answered with a JSON error and this HTTP status.
struct APIError: Error, Sendable {
    var status: Int
    var code: String
    var message: String

    static func bad(_ code: String, _ message: String) -> APIError { APIError(status: 400, code: code, message: message) }
}

/// A linted request: the document (for sentences and positions) and its result after suppressions and
/// severity overrides, exactly as the CLI reports it.
struct Linted: Sendable {
    var document: Document
    var result: LintResult
}

/// The engine as the server uses it: rule selection per request, then the library's `LintSession` (allow
/// list, suppressions, severity overrides, baseline), exactly as the CLI.
final class LintService: Sendable {
    let setup: LintSetup
    /// Every rule id, in registry order.
    let infos: [RuleInfo]
    let infoByID: [String: RuleInfo]
    let categories: [RuleCategory]
    private let defaultLinter: Linter

    init(_ setup: LintSetup) {
        self.setup = setup
        var seen: Set<String> = []
        var infos: [RuleInfo] = []
        for r in setup.rules { for i in r.infos where seen.insert(i.id).inserted { infos.append(i) } }
        self.infos = infos
        self.infoByID = Dictionary(infos.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var cats: [RuleCategory] = []
        for i in infos where !cats.contains(i.category) { cats.append(i.category) }
        self.categories = cats
        self.defaultLinter = Linter(rules: setup.rules, enabled: setup.defaultEnabled)
    }

    var known: Set<String> { Set(infoByID.keys) }

    /// The effective severity of a rule (configuration overrides applied).
    func severity(of info: RuleInfo) -> Severity { setup.severities[info.id] ?? info.severity }

    /// Checks rule ids against the known ones; the error names close matches, as the CLI does.
    func validate(_ ids: [String], parameter: String) throws(APIError) {
        for id in ids where infoByID[id] == nil {
            throw .bad("unknown-rule", RuleRegistry.unknownRuleMessage(id, context: "in \(parameter)", known: infoByID.keys,
                                                                      seeAlso: "GET /v1/rules"))
        }
    }

    /// The rules a request runs: `only` (any known rules) or the server's default set, minus `disable`.
    func enabled(only: [String], disable: [String]) -> Set<String> {
        var set = only.isEmpty ? setup.defaultEnabled : Set(only)
        set.subtract(disable)
        return set
    }

    /// Lints `text` as given (a leading byte-order mark is a character like any other, so offsets count
    /// every code point the client sent).
    func lint(_ text: String, format: MarkupFormat, enabled: Set<String>) -> Linted {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { scalars.append(s.value) }
        return lint(SourceText(scalars: scalars), format: format, enabled: enabled)
    }

    func lint(_ source: SourceText, format: MarkupFormat, enabled: Set<String>) -> Linted {
        let linter = enabled == setup.defaultEnabled ? defaultLinter : Linter(rules: setup.rules, enabled: enabled)
        let document = Document(source: source, format: format)
        let result = LintSession(linter: linter, configuration: setup.configuration, knownRules: known,
                                 baseline: setup.baseline).lint(document)
        return Linted(document: document, result: result)
    }
}

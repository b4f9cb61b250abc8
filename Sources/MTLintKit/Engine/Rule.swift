/// How much a finding matters. Ordered: info < warning < error.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int { self == .info ? 0 : (self == .warning ? 1 : 2) }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A rule's own example: text on which it must (or must not) fire. In a triggering example, «…» may mark
/// exactly the span the rule must flag; `suggestion`, when given, must be among the finding's suggestions.
public struct RuleExample: Sendable, Equatable {
    public var text: String
    public var suggestion: String?
    /// The source the text translates, for the bilingual rules' examples.
    public var source: String?

    public init(_ text: String, suggestion: String? = nil, source: String? = nil) {
        self.text = text
        self.suggestion = suggestion
        self.source = source
    }
}

/// What a rule is: a stable kebab-case id, its family, default severity, a one-line description, and the
/// examples that the test suite runs for every registered rule.
public struct RuleInfo: Sendable {
    public var id: String
    public var category: RuleCategory
    public var severity: Severity
    public var summary: String
    public var triggers: [RuleExample]
    public var quiet: [String]
    /// Quiet examples with their source (bilingual rules): the rule must stay silent on them.
    public var quietBitext: [RuleExample]
    /// Whether applying its suggestions needs no human judgment (used by `--fix`).
    public var fixIsSafe: Bool

    public init(id: String, category: RuleCategory, severity: Severity, summary: String,
                triggers: [RuleExample], quiet: [String], quietBitext: [RuleExample] = [], fixIsSafe: Bool = false) {
        self.id = id
        self.category = category
        self.severity = severity
        self.summary = summary
        self.triggers = triggers
        self.quiet = quiet
        self.quietBitext = quietBitext
        self.fixIsSafe = fixIsSafe
    }
}

/// A check over a segmented document. Rules share the document's tokens and never re-segment.
public protocol Rule: Sendable {
    var info: RuleInfo { get }
    /// Every rule id this rule reports under. A data pack is one matcher whose entries are rules of their
    /// own, each with its id, severity and examples.
    var infos: [RuleInfo] { get }
    func check(_ document: Document, _ findings: inout [Finding])
    /// This rule reporting only `ids` (a pack drops its other entries, so they cannot shadow the ones asked for).
    func restricted(to ids: Set<String>) -> any Rule
}

extension Rule {
    public var infos: [RuleInfo] { [info] }
    public func restricted(to ids: Set<String>) -> any Rule { self }
}

/// A replacement proposed by a rule, in prose coordinates.
public enum Replacement: Sendable, Equatable {
    /// Replace the whole flagged span with this text.
    case text(String)
    /// Delete these prose unit ranges inside the flagged span, keeping any markup they contain.
    case deleting([Range<Int>])
}

/// What a rule reports, in prose units; the engine maps it to the original text.
public struct Finding: Sendable {
    public var ruleID: String
    public var units: Range<Int>
    public var message: String
    public var replacements: [Replacement]
    /// Overrides the rule's default severity for this finding.
    public var severity: Severity?

    public init(ruleID: String, units: Range<Int>, message: String, replacements: [Replacement] = [], severity: Severity? = nil) {
        self.ruleID = ruleID
        self.units = units
        self.message = message
        self.replacements = replacements
        self.severity = severity
    }
}

/// A rule that runs after every other rule and reads their findings, as SwiftLint's collecting rules do: the
/// garble pass scores each document from the other rules' findings and then reports garbled passages. The
/// linter calls the first such rule of its rule set even when its own id is off (the scores are part of
/// every result), and keeps its findings only when its id is on.
public protocol CollectingRule: Rule {
    /// The document's scores and this rule's findings, from the other rules' findings (`infos`: the info of
    /// every rule that reported, for its category and default severity).
    func collect(_ document: Document, findings: [Finding], infos: [String: RuleInfo]) -> (scores: DocumentScores, findings: [Finding])
}

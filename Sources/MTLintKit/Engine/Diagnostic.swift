/// A finding located in the user's original text: code-point offsets (end exclusive) and 1-based line and
/// column (in code points), with suggestions as replacement texts for exactly that range.
public struct Diagnostic: Sendable, Equatable {
    public var ruleID: String
    public var category: RuleCategory
    public var severity: Severity
    public var message: String
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// The original text between start and end.
    public var text: String
    public var suggestions: [String]
    /// Whether the first suggestion may be applied without review.
    public var fixIsSafe: Bool

    public var range: Range<Int> { start..<end }
}

/// The diagnostics of one document, ordered by position.
public struct LintResult: Sendable {
    public var source: SourceText
    public var diagnostics: [Diagnostic]
    /// Garble score of the whole document, 0...1 (0 when no garble rule is active): the word-weighted mean of
    /// its paragraphs' chances of a major error.
    public var score: Double
    /// Evidence of garble of the whole document, 0...1: the word-weighted mean of its paragraphs' evidence.
    public var evidence: Double = 0
    /// Garble scores of the paragraphs, in order, each with its sentences' scores and its signals.
    public var paragraphs: [PassageScore] = []
    /// The score's signals over the whole document read as one passage, and its words (`corpus --signals`).
    public var signals: [GarbleSignal] = []
    public var words: Int = 0

    /// The highest paragraph garble score (0 without paragraphs).
    public var maxParagraphScore: Double { paragraphs.map(\.score).max() ?? 0 }

    public func count(atLeast severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity >= severity ? 1 : 0) }
    }
}

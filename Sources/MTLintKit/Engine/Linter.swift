/// Runs a set of rules over documents and maps their findings to the original text.
public struct Linter: Sendable {
    public let rules: [any Rule]
    private let infoByID: [String: RuleInfo]
    /// The rule that runs after the others on their findings (the garble pass), if the rule set has one.
    private let collector: (any CollectingRule)?

    /// Runs `rules`, reporting only the rule ids in `enabled` (all when nil).
    public init(rules: [any Rule], enabled: Set<String>? = nil) {
        var map: [String: RuleInfo] = [:]
        var running: [any Rule] = []
        for r in rules {
            let ids = r.infos.map(\.id).filter { enabled?.contains($0) ?? true }
            guard !ids.isEmpty else { continue }
            for i in r.infos where ids.contains(i.id) { map[i.id] = i }
            running.append(ids.count == r.infos.count ? r : r.restricted(to: Set(ids)))
        }
        self.rules = running
        self.infoByID = map
        self.collector = rules.lazy.compactMap { $0 as? any CollectingRule }.first
    }

    /// Every rule id this linter reports.
    public var ruleInfos: [RuleInfo] { rules.flatMap { $0.infos }.filter { infoByID[$0.id] != nil } }

    public func lint(text: String, format: MarkupFormat = .plain, bitext: Bitext? = nil) -> LintResult {
        lint(Document(text: text, format: format, bitext: bitext))
    }

    public func lint(_ document: Document) -> LintResult {
        var findings: [Finding] = []
        for rule in rules { rule.check(document, &findings) }
        // A collecting rule (the garble pass) weighs the other rules' findings, so it comes last.
        var scores = DocumentScores(document: 0, paragraphs: [])
        if let collector {
            let collected = collector.collect(document, findings: findings, infos: infoByID)
            scores = collected.scores
            if infoByID[collector.info.id] != nil { findings += collected.findings }
        }
        document.releaseShared()
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(findings.count)
        let boundaries = CharacterBoundaries(document.source)
        for f in findings {
            guard let info = infoByID[f.ruleID], !f.units.isEmpty,
                  f.units.lowerBound >= 0, f.units.upperBound <= document.prose.units.count else { continue }
            diagnostics.append(Self.locate(f, info: info, in: document, boundaries: boundaries))
        }
        diagnostics.sort { ($0.start, $0.end, $0.ruleID) < ($1.start, $1.end, $1.ruleID) }
        // The same rule reporting the same span twice is one finding.
        var unique: [Diagnostic] = []
        for d in diagnostics where !(unique.last.map { $0.range == d.range && $0.ruleID == d.ruleID } ?? false) {
            unique.append(d)
        }
        return LintResult(source: document.source, diagnostics: unique, score: scores.document, evidence: scores.evidence,
                          paragraphs: scores.paragraphs, signals: scores.signals, words: scores.words)
    }

    static func locate(_ f: Finding, info: RuleInfo, in document: Document, boundaries: CharacterBoundaries) -> Diagnostic {
        let source = document.source
        let exact = document.prose.originalRange(f.units)
        // Reports and fixes cover whole characters: what a rule's span cut off at either end goes back
        // around each suggestion unchanged.
        let range = boundaries.widened(exact)
        let before = range.lowerBound < exact.lowerBound ? source.text(range.lowerBound..<exact.lowerBound) : ""
        let after = exact.upperBound < range.upperBound ? source.text(exact.upperBound..<range.upperBound) : ""
        let (line, column) = source.lineAndColumn(of: range.lowerBound)
        let (endLine, endColumn) = source.lineAndColumn(of: range.upperBound)
        var suggestions: [String] = []
        for r in f.replacements {
            let s: String
            switch r {
            case .text(let t): s = before + t + after
            case .deleting(let parts): s = Self.deleting(parts, in: range, document: document)
            }
            if !suggestions.contains(s) { suggestions.append(s) }
        }
        return Diagnostic(ruleID: info.id, category: info.category, severity: f.severity ?? info.severity,
                          message: f.message, start: range.lowerBound, end: range.upperBound,
                          line: line, column: column, endLine: endLine, endColumn: endColumn,
                          text: source.text(range), suggestions: suggestions, fixIsSafe: info.fixIsSafe)
    }

    /// The original text of `range` without the prose of `parts`; markup inside the deleted parts stays,
    /// so a fix never breaks tags or entities it does not own.
    static func deleting(_ parts: [Range<Int>], in range: Range<Int>, document: Document) -> String {
        let prose = document.prose
        var deleted = [Bool](repeating: false, count: range.count)
        for p in parts where !p.isEmpty {
            for u in p {
                let a = Int(prose.origin[u]), b = Int(prose.originEnd[u])
                for c in max(a, range.lowerBound)..<min(b, range.upperBound) { deleted[c - range.lowerBound] = true }
            }
        }
        var out = String.UnicodeScalarView()
        for c in range where !deleted[c - range.lowerBound] {
            out.append(Unicode.Scalar(document.source.scalars[c])!)
        }
        return String(out)
    }
}

import Foundation

/// The whole lint pipeline for one resolved configuration, shared by every front end (`mtlint`, `mtlint
/// corpus`, `mtlint serve` and its APIs): the rules and the garble pass (`Linter`), then the configuration's
/// allow list, the text's suppression comments, the configuration's severity overrides and the baseline, in
/// that order. Front ends only choose the configuration and the reporter.
public struct LintSession: Sendable {
    public let linter: Linter
    public let configuration: Configuration
    /// Every rule id of the rule set, on or off: suppression comments may name any of them.
    public let knownRules: Set<String>
    /// Known findings left out (the configuration's `baseline`, or one given on the command line).
    public let baseline: Baseline?

    public init(linter: Linter, configuration: Configuration = Configuration(), knownRules: Set<String>? = nil,
                baseline: Baseline? = nil) {
        self.linter = linter
        self.configuration = configuration
        self.knownRules = knownRules ?? Set(linter.ruleInfos.map(\.id))
        self.baseline = baseline
    }

    /// Lints a text; `path` names it for the baseline (nil: a finding recorded under any path is known).
    /// `bitext`: the source the text translates, when known (the bilingual rules run only then).
    public func lint(text: String, format: MarkupFormat = .plain, path: String? = nil, bitext: Bitext? = nil,
                     reportUnusedSuppressions: Bool = false) -> LintResult {
        finish(linter.lint(text: text, format: format, bitext: bitext), path: path, reportUnusedSuppressions: reportUnusedSuppressions)
    }

    public func lint(_ document: Document, path: String? = nil, reportUnusedSuppressions: Bool = false) -> LintResult {
        finish(linter.lint(document), path: path, reportUnusedSuppressions: reportUnusedSuppressions)
    }

    /// The configuration's and the text's say on the rules' findings: allowed words, suppressions,
    /// severities, then the baseline.
    public func finish(_ result: LintResult, path: String? = nil, reportUnusedSuppressions: Bool = false) -> LintResult {
        var result = result
        result.diagnostics = configuration.filterAllowed(result.diagnostics)
        let suppressions = Suppressions(source: result.source)
        if !suppressions.isEmpty || reportUnusedSuppressions {
            result.diagnostics = suppressions.apply(result.diagnostics, knownRules: knownRules, reportUnused: reportUnusedSuppressions)
        }
        if !configuration.severities.isEmpty {
            for k in result.diagnostics.indices {
                if let s = configuration.severities[result.diagnostics[k].ruleID] { result.diagnostics[k].severity = s }
            }
        }
        if let baseline, !baseline.isEmpty {
            result.diagnostics = baseline.filter(path: path, result.diagnostics, source: result.source)
        }
        return result
    }
}

import Foundation

/// The whole lint pipeline for one resolved configuration, shared by every front end (`mtlint`, `mtlint
/// corpus`, `mtlint serve` and its APIs): the rules and the garble pass (`Linter`), then the configuration's
/// allow list, the text's suppression comments and the configuration's severity overrides, in that order.
/// Front ends only choose the configuration and the reporter; baselines are a file-level step on top.
public struct LintSession: Sendable {
    public let linter: Linter
    public let configuration: Configuration
    /// Every rule id of the rule set, on or off: suppression comments may name any of them.
    public let knownRules: Set<String>

    public init(linter: Linter, configuration: Configuration = Configuration(), knownRules: Set<String>? = nil) {
        self.linter = linter
        self.configuration = configuration
        self.knownRules = knownRules ?? Set(linter.ruleInfos.map(\.id))
    }

    public func lint(text: String, format: MarkupFormat = .plain, reportUnusedSuppressions: Bool = false) -> LintResult {
        finish(linter.lint(text: text, format: format), reportUnusedSuppressions: reportUnusedSuppressions)
    }

    public func lint(_ document: Document, reportUnusedSuppressions: Bool = false) -> LintResult {
        finish(linter.lint(document), reportUnusedSuppressions: reportUnusedSuppressions)
    }

    /// The configuration's and the text's say on the rules' findings: allowed words, suppressions, severities.
    public func finish(_ result: LintResult, reportUnusedSuppressions: Bool = false) -> LintResult {
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
        return result
    }
}

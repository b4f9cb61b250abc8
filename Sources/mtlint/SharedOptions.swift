import ArgumentParser
import Foundation
import MTLintKit

extension Severity: ExpressibleByArgument {}
extension MarkupFormat: ExpressibleByArgument {}
extension CorpusFormat: ExpressibleByArgument {}

/// The threshold at which findings make the exit code 1.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? { self == .never ? nil : Severity(rawValue: rawValue) }
}

/// Options every linting command shares: where the rule data is and which rules run.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: "The folder with mtlint's rule data (default: found automatically).")
    var rulesDirectory: String?

    @Option(name: .customLong("disable"), parsing: .singleValue, help: "Turn off a rule (repeatable).")
    var disabled: [String] = []

    @Option(name: .customLong("only"), parsing: .singleValue, help: "Run only these rules (repeatable).")
    var only: [String] = []

    @Option(name: .customLong("rules"), parsing: .singleValue, help: "An extra literalism pack (YAML, same format as Rules/literalisms; repeatable).")
    var extraPacks: [String] = []

    @Option(help: "Exit with 1 when a finding of this severity or higher is reported: error, warning, info or never.")
    var failOn: FailOn = .warning

    /// The selected rules; unknown ids are usage errors.
    func makeLinter() throws -> Linter {
        let all: [any Rule]
        do {
            let dir = try RuleDataDirectory.locate(explicit: rulesDirectory)
            all = try RuleRegistry.builtin(rules: dir, extraPacks: extraPacks.map { URL(fileURLWithPath: $0) })
        } catch {
            warn("\(error)")
            throw ExitCode(2)
        }
        let ids = Set(all.flatMap { $0.infos.map(\.id) })
        for id in disabled + only where !ids.contains(id) {
            let close = ids.sorted().filter { $0.contains(id) || id.contains($0) }
            throw ValidationError("unknown rule id '\(id)'" + (close.isEmpty ? "; see 'mtlint rules'" : "; did you mean \(close.joined(separator: ", "))?"))
        }
        let selected = ids.filter { (only.isEmpty || only.contains($0)) && !disabled.contains($0) }
        return Linter(rules: all, enabled: selected)
    }

    func fails(_ summary: Summary) -> Bool {
        guard let threshold = failOn.severity else { return false }
        switch threshold {
        case .error: return summary.errors > 0
        case .warning: return summary.errors + summary.warnings > 0
        case .info: return summary.findings > 0
        }
    }
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

import ArgumentParser
import Foundation
import MTLintKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("rules-dir"), help: "The folder with mtlint's rule data.")
    var rulesDirectory: String?

    func run() throws {
        let rules = try loadRules(rulesDirectory)
        switch format {
        case .json:
            let items = rules.map { r in
                JSON.object([("id", JSON.quoted(r.info.id)), ("category", JSON.quoted(r.info.category)),
                             ("severity", JSON.quoted(r.info.severity.rawValue)),
                             ("description", JSON.quoted(r.info.summary))])
            }
            print("[\n" + items.joined(separator: ",\n") + "\n]")
        case .text:
            let width = rules.map { $0.info.id.count }.max() ?? 10
            for r in rules {
                let id = r.info.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let cat = r.info.category.padding(toLength: 12, withPad: " ", startingAt: 0)
                let sev = r.info.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(id)  \(cat) \(sev) \(r.info.summary)")
            }
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Describe a rule and show its examples.")

    @Argument(help: "A rule id (see 'mtlint rules').")
    var rule: String

    @Option(name: .customLong("rules-dir"), help: "The folder with mtlint's rule data.")
    var rulesDirectory: String?

    func run() throws {
        let rules = try loadRules(rulesDirectory)
        guard let r = rules.first(where: { $0.info.id == rule }) else {
            let close = rules.map(\.info.id).filter { $0.contains(rule) || rule.contains($0) }
            throw ValidationError("unknown rule id '\(rule)'" + (close.isEmpty ? "; see 'mtlint rules'" : "; did you mean \(close.joined(separator: ", "))?"))
        }
        let i = r.info
        print("\(i.id) (\(i.category), \(i.severity.rawValue))")
        print("  \(i.summary)")
        print("\nFlags:")
        for e in i.triggers {
            print("  - " + e.text + (e.suggestion.map { "  → “\($0)”" } ?? ""))
        }
        print("\nLeaves alone:")
        for q in i.quiet { print("  - " + q) }
    }
}

func loadRules(_ explicit: String?) throws -> [any Rule] {
    do {
        return try RuleRegistry.builtin(rules: try RuleDataDirectory.locate(explicit: explicit))
    } catch {
        warn("\(error)")
        throw ExitCode(2)
    }
}

import ArgumentParser
import Foundation
import MTLintKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    enum ListFormat: String, ExpressibleByArgument { case text, json }

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ListFormat = .text

    @Option(name: .customLong("rules-dir"), help: "The folder with mtlint's rule data.")
    var rulesDirectory: String?

    func run() throws {
        let rules = try loadRules(rulesDirectory).flatMap(\.infos)
        switch format {
        case .json:
            let items = rules.map { r in
                JSON.object([("id", JSON.quoted(r.id)), ("category", JSON.quoted(r.category.rawValue)),
                             ("severity", JSON.quoted(r.severity.rawValue)),
                             ("description", JSON.quoted(r.summary))])
            }
            print("[\n" + items.joined(separator: ",\n") + "\n]")
        case .text:
            let width = rules.map { $0.id.count }.max() ?? 10
            let categoryWidth = rules.map { $0.category.rawValue.count }.max() ?? 10
            for r in rules {
                let id = r.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let cat = r.category.rawValue.padding(toLength: categoryWidth, withPad: " ", startingAt: 0)
                let sev = r.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(id)  \(cat)  \(sev)  \(r.summary)")
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
        let rules = try loadRules(rulesDirectory).flatMap(\.infos)
        guard let i = rules.first(where: { $0.id == rule }) else {
            throw ValidationError(RuleRegistry.unknownRuleMessage(rule, known: rules.map(\.id), seeAlso: "'mtlint rules'"))
        }
        print("\(i.id) (\(i.category.rawValue), \(i.severity.rawValue))")
        print("  \(i.summary)")
        print("\nFlags:")
        // A bilingual rule's example shows the source it is checked against.
        func source(_ e: RuleExample) -> String { e.source.map { "\n      source: \($0)" } ?? "" }
        for e in i.triggers {
            print("  - " + e.text + (e.suggestion.map { "  → “\($0)”" } ?? "") + source(e))
        }
        print("\nLeaves alone:")
        for q in i.quiet { print("  - " + q + (i.category == .bilingual ? "\n      (no source given)" : "")) }
        for e in i.quietBitext { print("  - " + e.text + source(e)) }
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

struct TestRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-rules",
        abstract: "Check rule packs: parse them and run every entry's examples.",
        discussion: "Exit code 0 when every example passes, 1 when one fails, 2 when a pack cannot be read.")

    @Argument(help: "Literalism pack files (YAML).")
    var packs: [String]

    func run() throws {
        var failed = false
        for path in packs {
            do {
                let (entries, examples, failures) = try PackTester.test(pack: URL(fileURLWithPath: path))
                for f in failures { print(f.description) }
                print("\(path): \(entries) entries, \(examples) examples, \(failures.count) failure\(failures.count == 1 ? "" : "s")")
                if !failures.isEmpty { failed = true }
            } catch {
                warn("\(error)")
                throw ExitCode(2)
            }
        }
        if failed { throw ExitCode(1) }
    }
}

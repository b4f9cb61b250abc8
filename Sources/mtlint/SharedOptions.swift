import ArgumentParser
import Foundation
import MTLintKit

extension Severity: ExpressibleByArgument {}
extension MarkupFormat: ExpressibleByArgument {}
extension CorpusFormat: ExpressibleByArgument {}
extension HouseTypography.Quotes: ExpressibleByArgument {}
extension HouseTypography.Dashes: ExpressibleByArgument {}

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

    @Option(name: .customLong("gazetteer"), parsing: .singleValue, help: "An extra name list (TSV in Rules/gazetteer/gazetteer.tsv's layout; repeatable).")
    var extraGazetteers: [String] = []

    @Option(name: .customLong("house-style"), parsing: .singleValue, help: "A house spelling of a name, suggested over its other spellings (e.g. Zelenskyy; repeatable).")
    var houseStyle: [String] = []

    @Option(help: "House quotes: curly or straight (quote-style is off unless set here or in typography: of .mtlint.yml).")
    var quotes: HouseTypography.Quotes?

    @Option(help: "House dashes: em, spaced-em or spaced-en (dash-style is off unless set).")
    var dashes: HouseTypography.Dashes?

    @Option(name: .customLong("allow"), parsing: .singleValue, help: "A word never flagged (repeatable).")
    var allowed: [String] = []

    @Option(help: "Exit with 1 when a finding of this severity or higher is reported: error, warning, info or never (default: the configuration's fail_on, else warning).")
    var failOn: FailOn?

    @Option(help: "Use this configuration file instead of the .mtlint.yml files found above each linted file.")
    var config: String?

    @Flag(help: "Ignore .mtlint.yml files.")
    var noConfig = false

    /// The rules with the command line's packs; exits 2 on bad rule data.
    func loadRules(extraPacks more: [URL] = [], extraGazetteers moreNames: [URL] = [], houseStyle moreStyle: [String] = [],
                   typography configured: HouseTypography = HouseTypography()) throws -> [any Rule] {
        do {
            let dir = try RuleDataDirectory.locate(explicit: rulesDirectory)
            return try RuleRegistry.builtin(rules: dir, extraPacks: extraPacks.map { URL(fileURLWithPath: $0) } + more,
                                            extraGazetteers: extraGazetteers.map { URL(fileURLWithPath: $0) } + moreNames,
                                            houseStyle: moreStyle + houseStyle,
                                            typography: configured.overridden(by: HouseTypography(quotes: quotes, dashes: dashes)))
        } catch {
            warn("\(error)")
            throw ExitCode(2)
        }
    }

    /// Checks --only and --disable against the known rule ids.
    func validateIDs(_ ids: Set<String>) throws {
        for id in disabled + only where !ids.contains(id) {
            throw ValidationError(RuleRegistry.unknownRuleMessage(id, known: ids, seeAlso: "'mtlint rules'"))
        }
    }

    /// The selected rules without configuration files (corpus mode).
    static func fails(_ summary: Summary, threshold: FailOn) -> Bool {
        guard let threshold = threshold.severity else { return false }
        switch threshold {
        case .error: return summary.errors > 0
        case .warning: return summary.errors + summary.warnings > 0
        case .info: return summary.findings > 0
        }
    }

    func fails(_ summary: Summary) -> Bool { Self.fails(summary, threshold: failOn ?? .warning) }
}

/// Linters per configuration: rule sets are built once per set of packs, linters once per selection.
final class LinterFactory {
    /// Which baseline a session leaves out: the configuration's, one named on the command line, or none
    /// (`mtlint baseline` records every finding).
    enum Baselines { case configured, file(URL), none }

    let options: RuleOptions
    let baselines: Baselines
    private var loadedBaselines: [String: Baseline] = [:]
    private(set) var base: [any Rule]
    private var rulesByPacks: [String: [any Rule]] = [:]
    private var linters: [String: Linter] = [:]
    private var parsed: [String: Configuration] = [:]
    let known: [String: String]

    init(options: RuleOptions, baselines: Baselines = .configured) throws {
        self.options = options
        self.baselines = baselines
        base = try options.loadRules()
        var k: [String: String] = [:]
        for r in base { for i in r.infos { k[i.id] = i.category.rawValue } }
        known = k
        try options.validateIDs(Set(k.keys))
    }

    /// The merged configuration for a file (empty when configuration files are off or absent).
    func configuration(for path: String) throws -> Configuration {
        var cli = Configuration()
        cli.allow = Set(options.allowed.map(Document.key))
        if options.noConfig { return cli }
        let chain = options.config.map { [URL(fileURLWithPath: $0)] } ?? Configuration.chain(for: path)
        var merged = Configuration()
        for url in chain {
            if parsed[url.path] == nil {
                do { parsed[url.path] = try Configuration.parse(url, known: known) } catch {
                    warn("\(error)")
                    throw ExitCode(2)
                }
            }
            merged = merged.merged(with: parsed[url.path]!)
        }
        return merged.merged(with: cli)
    }

    /// The rules a configuration asks for: the command line's plus its packs, gazetteers and house style.
    func rules(for config: Configuration) throws -> [any Rule] {
        guard !config.packs.isEmpty || !config.gazetteers.isEmpty || !config.houseStyle.isEmpty
                || config.typography != HouseTypography() else { return base }
        let key = packsKey(config)
        if let r = rulesByPacks[key] { return r }
        let rules = try options.loadRules(extraPacks: config.packs, extraGazetteers: config.gazetteers, houseStyle: config.houseStyle,
                                          typography: config.typography)
        rulesByPacks[key] = rules
        return rules
    }

    private func packsKey(_ config: Configuration) -> String {
        ((config.packs + config.gazetteers).map(\.path) + config.houseStyle
            + [config.typography.quotes?.rawValue ?? "-", config.typography.dashes?.rawValue ?? "-"]).joined(separator: "\n")
    }

    /// The lint session for a configuration: its linter, allow list, severities, and every known rule id.
    func session(for config: Configuration) throws -> LintSession {
        LintSession(linter: try linter(for: config), configuration: config, knownRules: Set(known.keys),
                    baseline: try baseline(for: config))
    }

    /// The baseline a configuration's files are linted against, read once per file.
    func baseline(for config: Configuration) throws -> Baseline? {
        let url: URL
        switch baselines {
        case .none: return nil
        case .file(let u): url = u
        case .configured:
            guard let u = config.baseline else { return nil }
            url = u
        }
        if let b = loadedBaselines[url.path] { return b }
        do {
            let b = try Baseline.load(url)
            loadedBaselines[url.path] = b
            return b
        } catch {
            if case .configured = baselines, let origin = config.baselineOrigin {
                warn("\(origin): \(error) (set by 'baseline'; make it with 'mtlint baseline PATHS > FILE')")
            } else {
                warn("\(error)")
            }
            throw ExitCode(2)
        }
    }

    func linter(for config: Configuration) throws -> Linter {
        let packsKey = packsKey(config)
        let rules = try rules(for: config)
        var all: [String: String] = [:]
        for r in rules { for i in r.infos { all[i.id] = i.category.rawValue } }
        var enabled = config.enabled(all)
        if !options.only.isEmpty { enabled.formIntersection(options.only) }
        enabled.subtract(options.disabled)
        let key = packsKey + "|" + enabled.sorted().joined(separator: ",")
        if let l = linters[key] { return l }
        let l = Linter(rules: rules, enabled: enabled)
        linters[key] = l
        return l
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

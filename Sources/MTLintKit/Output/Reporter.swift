import Foundation

/// What a reporter is given: the linted files in input order, the files that could not be read, the rules
/// that ran and the tool's version.
public struct Report: Sendable {
    public struct File: Sendable {
        public var path: String
        public var result: LintResult

        public init(path: String, result: LintResult) {
            self.path = path
            self.result = result
        }
    }

    public var files: [File]
    public var unreadable: [(path: String, error: String)]
    public var rules: [RuleInfo]
    public var version: String

    public init(files: [File], unreadable: [(path: String, error: String)] = [], rules: [RuleInfo] = [], version: String = "") {
        self.files = files
        self.unreadable = unreadable
        self.rules = rules
        self.version = version
    }

    /// Counts over the run: files, findings by severity, unreadable files.
    public var summary: Summary {
        var s = Summary()
        s.failed = unreadable.count
        for f in files { s.add(f.result) }
        return s
    }
}

/// An output format of `mtlint`: one type per file in `Output/`, listed once in `Reporters.all`, from which
/// `--format`'s values and help come.
public protocol Reporter: Sendable {
    /// The `--format` value.
    static var identifier: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    /// The whole output of a run.
    func report(_ report: Report) -> String
    /// `color`: terminal colours, for the formats that have them.
    init(color: Bool)
    /// Whether the report of several files is the reports of each, one after another (no header, no
    /// footer): such output is written as files are linted, in bounded memory.
    static var streams: Bool { get }
}

extension Reporter {
    public static var streams: Bool { false }
}

/// Every output format, in the order `--help` lists them.
public enum Reporters {
    public static let all: [any Reporter.Type] = [
        TextReporter.self, JSONReporter.self, JSONLReporter.self, SARIFReporter.self, GitHubReporter.self,
        CheckstyleReporter.self,
    ]

    public static var identifiers: [String] { all.map { $0.identifier } }

    /// The reporter for a `--format` value; `color` only matters for text.
    public static func named(_ identifier: String, color: Bool = false) -> (any Reporter)? {
        all.first { $0.identifier == identifier }.map { $0.init(color: color) }
    }
}

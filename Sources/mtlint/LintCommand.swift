import ArgumentParser
import Foundation
import MTLintKit

/// `--format`'s values and help come from the one list of reporters.
struct OutputFormat: ExpressibleByArgument {
    var identifier: String

    init?(argument: String) {
        guard Reporters.named(argument) != nil else { return nil }
        identifier = argument
    }

    init(_ identifier: String) { self.identifier = identifier }

    static var allValueStrings: [String] { Reporters.identifiers }
    var defaultValueDescription: String { identifier }
    static let help = "Output format: " + Reporters.all.map { "\($0.identifier) (\($0.summary))" }.joined(separator: "; ") + "."
}

/// Options shared by `lint` and `baseline`: what to read and how.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders to lint; '-' reads standard input.")
    var paths: [String] = []

    @Option(help: "How to read the files: plain, html, markdown, tmx or xliff (default: from each file's extension).")
    var markup: MarkupFormat?

    @Option(help: "Comma-separated extensions linted inside folders.")
    var ext: String = "txt,text,md,markdown,html,htm,tmx,xlf,xliff"

    @Option(help: "Largest file linted, in MiB.")
    var maxFileSize: Int = 64

    @Option(name: .shortAndLong, help: "Files linted in parallel (default: all cores).")
    var jobs: Int = Parallel.defaultJobs

    @Option(help: "The source of a translation, line-aligned with the one file linted: line k of the file translates line k of SOURCE (the bilingual rules run).")
    var source: String?

    @Option(help: "The source language (BCP 47, e.g. zh): overrides a TMX or XLIFF file's and picks the source <tuv> of a TMX file.")
    var sourceLang: String?

    @Option(help: "The target language (BCP 47): overrides a TMX or XLIFF file's and picks the target <tuv> of a multilingual TMX file.")
    var targetLang: String?

    mutating func validate() throws {
        if paths.isEmpty {
            if isatty(STDIN_FILENO) != 0 { throw ValidationError("name files or folders to lint, or '-' for standard input") }
            paths = ["-"]
        }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        for (flag, tag) in [("--source-lang", sourceLang), ("--target-lang", targetLang)] {
            if let tag, !BitextFileReader.isKnownLanguage(tag) { throw ValidationError("\(flag): unknown language code \"\(tag)\"") }
        }
        if source != nil && (paths.count != 1 || paths == ["-"] && source == "-") {
            throw ValidationError("--source goes with exactly one file to lint (its line-aligned translation)")
        }
    }

    var extensions: Set<String> {
        Set(ext.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 })
    }
}

/// A linted file: its name as shown, its result after suppressions, and how to write it back.
struct LintedFile: Sendable {
    var path: String
    var result: LintResult
    var encoding: TextEncoding
    var configuration: Configuration
    /// Faults of a bitext file that left the rest of it linted ("path:line:column: why").
    var problems: [String] = []
    /// How it was linted, for linting its fixed text again (`--fix` runs to a fixed point).
    var session: LintSession? = nil
    var format: MarkupFormat = .plain
}

/// Reads, lints and applies configuration and suppressions to every file, a batch at a time; reports
/// unreadable ones on stderr.
struct LintRun {
    var unreadable: [(String, String)] = []
    var failedIO = false
    var ruleInfos: [RuleInfo] = []
    struct Job: Sendable { var path: String; var session: LintSession; var format: MarkupFormat }
    private var jobs: [Job] = []
    private let input: InputOptions
    private let reportUnusedSuppressions: Bool

    /// Files linted at once: results are handed on batch by batch, so memory is bounded by a batch of
    /// files (each at most --max-file-size), however many files a folder holds.
    var batchSize: Int { max(64, input.jobs * 32) }

    /// Finds the files and their configurations; `lint` reads and lints them.
    init(input: InputOptions, factory: LinterFactory, reportUnusedSuppressions: Bool = false) throws {
        self.input = input
        self.reportUnusedSuppressions = reportUnusedSuppressions
        var infos: [String: RuleInfo] = [:]
        var failed = false
        let paths = FileWalker.expand(input.paths, extensions: input.extensions) { path, problem in
            warn("\(path): \(problem)")
            failed = true
        }
        failedIO = failed
        // Configuration and linters first (cached, one thread), then files on all cores, in order.
        for path in paths {
            let configuration = try factory.configuration(for: path)
            if path != "-" && configuration.ignores(path) { continue }
            let session = try factory.session(for: configuration)
            for i in session.linter.ruleInfos { infos[i.id] = i }
            jobs.append(Job(path: path, session: session,
                            format: input.markup ?? (path == "-" ? .plain : MarkupFormat.forPath(path))))
        }
        ruleInfos = infos.values.sorted { $0.id < $1.id }
    }

    /// Lints the files in order, a batch at a time, handing each batch's readable files to `body`.
    mutating func lint(_ body: ([LintedFile]) throws -> Void) rethrows {
        var next = 0
        while next < jobs.count {
            let batch = Array(jobs[next..<min(jobs.count, next + batchSize)])
            next += batch.count
            var files: [LintedFile] = []
            let (input, unused) = (self.input, reportUnusedSuppressions)
            let outcomes = Parallel.map(batch, jobs: input.jobs) { Self.lintOne($0, input: input, reportUnusedSuppressions: unused) }
            for (job, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .success(let f):
                    files.append(f)
                    for p in f.problems { warn(p) }
                    if !f.problems.isEmpty { failedIO = true }
                case .failure(let error):
                    if error.isBinary { warn("\(job.path): binary file; skipped"); continue }
                    warn(error.message(path: job.path))
                    failedIO = true
                    unreadable.append((job.path, error.description))
                }
            }
            try body(files)
        }
    }

    private static func lintOne(_ job: Job, input: InputOptions, reportUnusedSuppressions: Bool) -> Result<LintedFile, FileLoadError> {
        let maxBytes = input.maxFileSize << 20
        let loaded: (text: String, encoding: TextEncoding)
        do { loaded = try FileLoader.loadWithEncoding(job.path, maxBytes: maxBytes) } catch let e as FileLoadError { return .failure(e) } catch { return .failure(.unreadable("\(error)")) }
        let path = job.path == "-" ? "<stdin>" : job.path
        if job.format.isBitextFile {
            let source = SourceText(loaded.text)
            switch BitextFileReader.read(source, format: job.format, sourceLanguage: input.sourceLang, targetLanguage: input.targetLang) {
            case .failure(let fault):
                let (line, column) = source.lineAndColumn(of: fault.offset)
                return .failure(.located(line: line, column: column, fault.message))
            case .success(let file):
                let document = Document(source: source, file: file, format: job.format)
                let result = job.session.lint(document, path: path, reportUnusedSuppressions: reportUnusedSuppressions)
                let problems = file.problems.map { p in
                    let (line, column) = source.lineAndColumn(of: p.offset)
                    return "\(path):\(line):\(column): \(p.message)"
                }
                return .success(LintedFile(path: path, result: result, encoding: loaded.encoding,
                                           configuration: job.session.configuration, problems: problems,
                                           session: job.session, format: job.format))
            }
        }
        var bitext: Bitext?
        if let sourcePath = input.source {
            switch Self.alignedSource(sourcePath, target: loaded.text, targetPath: path, maxBytes: maxBytes) {
            case .success(var b):
                b.sourceLanguage = input.sourceLang
                b.targetLanguage = input.targetLang
                bitext = b
            case .failure(let e): return .failure(e)
            }
        }
        let result = job.session.lint(text: loaded.text, format: job.format, path: path, bitext: bitext,
                                      reportUnusedSuppressions: reportUnusedSuppressions)
        return .success(LintedFile(path: path, result: result, encoding: loaded.encoding,
                                   configuration: job.session.configuration, session: job.session, format: job.format))
    }

    /// The source file's lines, aligned with the target's; a different number of lines is an error naming the
    /// first line that has no partner.
    static func alignedSource(_ sourcePath: String, target: String, targetPath: String, maxBytes: Int) -> Result<Bitext, FileLoadError> {
        let text: String
        do { text = try FileLoader.loadWithEncoding(sourcePath, maxBytes: maxBytes).text } catch {
            return .failure(.unreadable("source \(sourcePath): \(error)"))
        }
        func lines(_ s: String) -> [String] {
            // LF, CRLF (one Character) and CR end lines, as in positions.
            var l = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
            if l.last == "" { l.removeLast() }
            return l
        }
        let source = lines(text), targetCount = lines(target).count
        guard source.count == targetCount else {
            let first = min(source.count, targetCount) + 1
            let (file, other) = source.count < targetCount ? (targetPath, sourcePath) : (sourcePath, targetPath)
            return .failure(.unreadable("\(file):\(first): no line to pair with in \(other) (\(targetPath) has \(targetCount) lines, \(sourcePath) has \(source.count)); --source needs line-aligned files"))
        }
        return .success(Bitext(lines: source))
    }
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint files and folders (the default command).")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(OutputFormat.help))
    var format: OutputFormat = OutputFormat(TextReporter.identifier)

    @Option(help: "Colour: auto (on a terminal), always or never.")
    var color: ColorMode = .auto

    @Option(help: "Report only findings that are not in this baseline (made with 'mtlint baseline'; default: the configuration's 'baseline').")
    var baseline: String?

    @Flag(help: "Apply the suggestions of rules whose fixes are safe, writing files atomically.")
    var fix = false

    @Flag(help: "With --fix: print a unified diff instead of writing files.")
    var dryRun = false

    @Flag(help: "Warn about suppression comments that suppress nothing.")
    var reportUnusedSuppressions = false

    @Option(help: "Exit with 1 when a file's evidence of garble exceeds this value (0 to 1; clean copy scores about 0.01–0.05).")
    var maxGarble: Double?

    @Flag(help: "No summary line on standard error.")
    var quiet = false

    @OptionGroup var ruleOptions: RuleOptions

    mutating func validate() throws {
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
        if let m = maxGarble, !(0...1).contains(m) { throw ValidationError("--max-garble takes a value from 0 to 1") }
    }

    func run() throws {
        let factory = try LinterFactory(options: ruleOptions,
                                        baselines: baseline.map { .file(URL(fileURLWithPath: $0)) } ?? .configured)
        var run = try LintRun(input: input, factory: factory, reportUnusedSuppressions: reportUnusedSuppressions)
        // The rule data lives until the process exits: releasing it piece by piece costs more than linting
        // a short file, and the operating system reclaims it at once.
        ProcessLifetime.keep(factory)
        guard let reporter = Reporters.named(format.identifier, color: color.enabled) else { return }
        let streams = type(of: reporter).streams
        let rules = run.ruleInfos
        var out = Output()
        var summary = Summary()
        var kept: [Report.File] = []
        var failsThreshold = false
        var writeFailed = false
        var linted = 0
        try run.lint { batch in
            var batch = batch
            if fix { applyFixes(&batch, to: &out, failed: &writeFailed) }
            linted += batch.count
            for f in batch {
                summary.add(f.result)
                // Each file answers to its own configuration's thresholds unless the command line sets them.
                var one = Summary()
                one.add(f.result)
                let threshold = ruleOptions.failOn ?? f.configuration.failOn.flatMap(FailOn.init(rawValue:)) ?? .warning
                if RuleOptions.fails(one, threshold: threshold) { failsThreshold = true }
                if let m = maxGarble ?? f.configuration.maxGarble, f.result.evidence > m { failsThreshold = true }
            }
            let files = batch.map { Report.File(path: $0.path, result: $0.result) }
            if streams {
                // Formats that are one record after another are written as each batch is done.
                out.write(reporter.report(Report(files: files, rules: rules, version: MTLintCommand.configuration.version)))
            } else {
                // Whole-document formats wait for the end; a file's text is kept only when it has findings.
                kept += files.map { f in
                    var f = f
                    if f.result.diagnostics.isEmpty { f.result.source = SourceText(scalars: []) }
                    return f
                }
            }
        }
        if !streams {
            out.write(reporter.report(Report(files: kept, unreadable: run.unreadable.map { (path: $0.0, error: $0.1) },
                                             rules: rules, version: MTLintCommand.configuration.version)))
        }
        out.flush()
        summary.failed = run.unreadable.count
        if !quiet && !(linted == 0 && run.unreadable.isEmpty) {
            FileHandle.standardError.write(Data(TextReporter(color: false).summary(summary).utf8))
        }
        if run.failedIO || writeFailed { throw ExitCode(2) }
        if failsThreshold { throw ExitCode(1) }
    }

    /// Applies safe fixes; what was fixed is no longer reported. Fixed standard input and `--dry-run`'s
    /// diff go to `out`, before the batch's report.
    private func applyFixes(_ files: inout [LintedFile], to out: inout Output, failed: inout Bool) {
        for i in files.indices {
            let f = files[i]
            let format = input.markup ?? MarkupFormat.forPath(f.path)
            let edits = Fixer.safeEdits(f.result.diagnostics, format: format)
            guard !edits.isEmpty else { continue }
            // Fixes that overlap or that make new ones are applied pass after pass, so a second --fix
            // changes nothing.
            let fixed = Fixer.fixedPoint(f.result.source, firstEdits: edits, format: format) { source in
                guard let session = f.session else { return [] }
                return session.lint(Document(source: source, format: f.format), path: f.path).diagnostics
            }.text
            if dryRun {
                out.write(Fixer.unifiedDiff(path: f.path, source: f.result.source, edits: [Fixer.edit(from: f.result.source, to: fixed)]))
                continue
            }
            if f.path == "<stdin>" {
                out.write(fixed)
            } else {
                do {
                    try AtomicWriter.write(f.encoding.encode(fixed), to: f.path)
                } catch {
                    warn("\(f.path): cannot write the fixed file: \(error.localizedDescription)")
                    failed = true
                    continue
                }
            }
            files[i].result.diagnostics.removeAll { $0.fixIsSafe }
        }
    }
}

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record the current findings as known (mtlint baseline PATHS > .mtlint-baseline.json).")

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        var run = try LintRun(input: input, factory: try LinterFactory(options: ruleOptions, baselines: .none))
        var entries: [(path: String, diagnostic: Diagnostic, source: SourceText)] = []
        run.lint { batch in
            for f in batch { for d in f.result.diagnostics { entries.append((f.path, d, f.result.source)) } }
        }
        FileHandle.standardOutput.write(Data(Baseline.json(entries).utf8))
        if run.failedIO { throw ExitCode(2) }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented default .mtlint.yml in the current folder.")

    @Flag(help: "Overwrite an existing .mtlint.yml.")
    var force = false

    func run() throws {
        let path = Configuration.fileName
        if FileManager.default.fileExists(atPath: path) && !force {
            warn("\(path) exists; use --force to overwrite it")
            throw ExitCode(2)
        }
        do { try AtomicWriter.write(Array(Configuration.template.utf8), to: path) } catch {
            warn("\(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        print("wrote \(path)")
    }
}

/// Expands folders into the files to lint, in a stable order.
enum FileWalker {
    static func expand(_ paths: [String], extensions: Set<String>, problem: (String, String) -> Void) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { out.append(path); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                problem(path, FileLoader.missingReason(path))
                continue
            }
            guard isDir.boolValue else { out.append(path); continue }
            var found: [String] = []
            let base = URL(fileURLWithPath: path)
            guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles, .skipsPackageDescendants]) else {
                problem(path, "cannot read folder")
                continue
            }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                if name == "node_modules" || name.hasPrefix(".build") {
                    walker.skipDescendants()
                    continue
                }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      extensions.contains(url.pathExtension.lowercased()) else { continue }
                // Report paths the way the user named the folder.
                let relative = String(url.path.dropFirst(base.path.count)).drop { $0 == "/" }
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            out += found.sorted()
        }
        return out
    }
}

/// Objects kept until exit rather than released (see `LintCommand.run`).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [AnyObject] = []
    static func keep(_ object: AnyObject) { kept.append(object) }
}

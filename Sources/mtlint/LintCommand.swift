import ArgumentParser
import Foundation
import MTLintKit

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint files and folders (the default command).")

    @Argument(help: "Files or folders to lint; '-' reads standard input.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Colour: auto (on a terminal), always or never.")
    var color: ColorMode = .auto

    @Option(help: "How to read the files: plain, html or markdown (default: from each file's extension).")
    var markup: MarkupFormat?

    @Option(help: "Comma-separated extensions linted inside folders.")
    var ext: String = "txt,text,md,markdown,html,htm"

    @Option(help: "Largest file linted, in MiB.")
    var maxFileSize: Int = 64

    @OptionGroup var ruleOptions: RuleOptions

    mutating func validate() throws {
        if paths.isEmpty {
            if isatty(STDIN_FILENO) != 0 { throw ValidationError("name files or folders to lint, or '-' for standard input") }
            paths = ["-"]
        }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
    }

    func run() throws {
        let linter = try ruleOptions.makeLinter()
        let extensions = Set(ext.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 })
        var failedIO = false
        let files = FileWalker.expand(paths, extensions: extensions) { path, problem in
            warn("\(path): \(problem)")
            failedIO = true
        }
        let reporter = TextReporter(color: color.enabled)
        var out = Output()
        var summary = Summary()
        var jsonFiles: [String] = []
        for path in files {
            let text: String
            do {
                text = try FileLoader.load(path, maxBytes: maxFileSize << 20)
            } catch {
                if error.isBinary {
                    warn("\(path): binary file; skipped")
                    continue
                }
                warn("\(path): \(error)")
                failedIO = true
                summary.failed += 1
                if format == .json { jsonFiles.append(JSONReporter.file(path: path, result: nil, error: error.description)) }
                continue
            }
            let fmt = markup ?? (path == "-" ? .plain : MarkupFormat.forPath(path))
            let result = linter.lint(text: text, format: fmt)
            summary.add(result)
            let shownPath = path == "-" ? "<stdin>" : path
            switch format {
            case .text: out.write(reporter.render(path: shownPath, result: result))
            case .json: jsonFiles.append(JSONReporter.file(path: shownPath, result: result))
            }
        }
        switch format {
        case .text: if !files.isEmpty { out.write(reporter.summary(summary)) }
        case .json: out.write(JSONReporter.report(files: jsonFiles, summary: summary))
        }
        out.flush()
        if failedIO { throw ExitCode(2) }
        if ruleOptions.fails(summary) { throw ExitCode(1) }
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
                problem(path, "no such file or directory")
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

import ArgumentParser
import Foundation
import MTLintKit

@main
struct MTLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtlint",
        abstract: "A quality linter for machine-translated English text.",
        discussion: """
            Finds what machine translation gets wrong: repeated words and phrases, garbled names, \
            literalisms, broken punctuation. Exit codes: 0 no finding at or above --fail-on, 1 findings, \
            2 usage, configuration or I/O errors.
            """,
        version: "0.1.0",
        subcommands: [LintCommand.self, CorpusCommand.self, BaselineCommand.self, InitCommand.self, RulesCommand.self, ExplainCommand.self, TestRulesCommand.self, ServeCommand.self],
        defaultSubcommand: LintCommand.self)

    /// ArgumentParser exits with 64 on usage errors; mtlint's contract is 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let e = error as? ExitCode { Foundation.exit(e.rawValue) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(2)
        }
    }
}

/// Writes to standard error with the program's name in front.
func warn(_ message: String) {
    FileHandle.standardError.write(Data(("mtlint: " + message + "\n").utf8))
}

/// Buffered standard output: one write call per chunk instead of per line.
struct Output {
    private var buffer = ""

    mutating func write(_ s: String) {
        buffer += s
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

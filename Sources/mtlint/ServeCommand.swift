import ArgumentParser
import Foundation
import MTLintKit
import MTLintServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the review page, a JSON API and a LanguageTool-compatible API over HTTP.",
        discussion: """
            Open http://127.0.0.1:8081/ to paste or open a text, see the findings highlighted and accept \
            corrections. APIs: POST /v1/lint, GET /v1/rules, GET /health; LanguageTool's POST /v2/check and \
            GET /v2/languages. Rules and configuration are those of 'mtlint lint' (the .mtlint.yml files \
            above the working directory, or --config). SIGTERM or SIGINT stops it gracefully (exit 0).
            """)

    @Option(help: "The address to listen on; the default serves this machine only.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8081

    @Option(help: "The largest request body: bytes, or with a suffix k or m (KiB, MiB).")
    var maxBody = "2m"

    @Option(help: "Time limit for linting one request, in seconds.")
    var timeout: Double = 10

    @Option(help: "Time limit for receiving one request body, in seconds (slower clients get 408).")
    var bodyTimeout: Double = 30

    @Option(help: "Close connections that send nothing for this many seconds (idle keep-alive, stalled requests).")
    var idleTimeout: Int = 60

    @Option(help: "Requests linted at once (default: the number of processors).")
    var concurrency: Int?

    @Option(help: "Requests that may wait for a free worker; more are refused with 503 (default: 32 per worker, at least 64).")
    var queue: Int?

    @OptionGroup var ruleOptions: RuleOptions

    mutating func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        guard Self.bytes(maxBody) != nil else { throw ValidationError("--max-body takes a size such as 2m, 512k or 100000") }
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--timeout takes 0 to 3600 seconds") }
        guard bodyTimeout > 0 && bodyTimeout <= 3600 else { throw ValidationError("--body-timeout takes 0 to 3600 seconds") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout takes 1 to 3600 seconds") }
        if let c = concurrency, !(1...256).contains(c) { throw ValidationError("--concurrency takes 1 to 256") }
        if let q = queue, !(0...100_000).contains(q) { throw ValidationError("--queue takes 0 to 100000") }
    }

    /// "2m" → 2 MiB, "512k" → 512 KiB, "1000" → 1000 bytes.
    static func bytes(_ text: String) -> Int? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        var unit = 1
        if s.hasSuffix("b") { s.removeLast() }
        if s.hasSuffix("k") || s.hasSuffix("ki") { unit = 1 << 10 } else if s.hasSuffix("m") || s.hasSuffix("mi") { unit = 1 << 20 }
        if unit > 1 { s = String(s.prefix { $0.isNumber }) }
        guard let n = Int(s), n > 0, n <= (1 << 30) / unit else { return nil }
        return n * unit
    }

    func run() throws {
        let factory = try LinterFactory(options: ruleOptions)
        // The configuration that applies to the working directory, as for `mtlint -` (standard input).
        let config = try factory.configuration(for: "-")
        let linter = try factory.linter(for: config)
        let rules = try factory.rules(for: config)
        let setup = LintSetup(rules: rules, defaultEnabled: Set(linter.ruleInfos.map(\.id)),
                              configuration: config, baseline: try factory.baseline(for: config),
                              version: MTLintCommand.configuration.version)
        var options = ServerOptions(host: host, port: port, maxBodyBytes: Self.bytes(maxBody)!, timeout: timeout,
                                    bodyTimeout: bodyTimeout, idleTimeout: Int64(idleTimeout))
        if let concurrency { options.concurrency = concurrency }
        options.queueLimit = queue ?? max(64, options.concurrency * 32)

        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            warn("warning: listening on \(host): anyone who can reach this address can use the server (there is no authentication)")
        }
        if MTLintHTTPServer.pageLocation == nil {
            warn("warning: the review page (page.html) is not beside this binary in mtlint_MTLintServer.resources/; '/' will say so, the APIs work")
        }
        let server = MTLintHTTPServer(setup: setup, options: options)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let enabledCount = setup.defaultEnabled.count
        Task.detached {
            do {
                try await server.run(handleSignals: true) { port in
                    let line = "mtlint serve: listening on http://\(shownHost):\(port)/ (\(enabledCount) rules; Ctrl+C to stop)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            warn("cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }
}

private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func set(_ e: any Error) { lock.lock(); stored = e; lock.unlock() }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
}

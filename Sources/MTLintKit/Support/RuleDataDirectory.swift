import Foundation

/// Finds the `Rules/` folder that holds mtlint's rule packs, word lists and gazetteers.
public enum RuleDataDirectory {
    /// Search order: an explicit path, `$MTLINT_RULES`, the source checkout this library was built from,
    /// then parents of the executable and of the working directory.
    public static func locate(explicit: String? = nil) throws(DataError) -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard isRulesDirectory(url) else { throw .missing(path: explicit, detail: "not a mtlint rules folder (no Rules README.md or data)") }
            return url
        }
        if let env = ProcessInfo.processInfo.environment["MTLINT_RULES"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            guard isRulesDirectory(url) else { throw .missing(path: env, detail: "MTLINT_RULES does not name a mtlint rules folder") }
            return url
        }
        var candidates: [URL] = []
        // Sources/MTLintKit/Support/RuleDataDirectory.swift → repository root.
        let here = URL(fileURLWithPath: #filePath)
        candidates.append(here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = exe.deletingLastPathComponent()
            for _ in 0..<6 { candidates.append(dir); dir = dir.deletingLastPathComponent() }
        }
        var cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 { candidates.append(cwd); cwd = cwd.deletingLastPathComponent() }
        for c in candidates {
            let rules = c.appendingPathComponent("Rules")
            if isRulesDirectory(rules) { return rules }
        }
        throw .missing(path: "Rules", detail: "rule data folder not found; pass --rules-dir or set MTLINT_RULES")
    }

    static func isRulesDirectory(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("repetition/allowed.yml").path)
    }
}

/// A problem with rule data or configuration: which file, which line, what is wrong.
public enum DataError: Error, CustomStringConvertible, Sendable {
    case missing(path: String, detail: String)
    case invalid(path: String, line: Int?, detail: String)

    public var description: String {
        switch self {
        case let .missing(path, detail): return "\(path): \(detail)"
        case let .invalid(path, line, detail):
            return line.map { "\(path):\($0): \(detail)" } ?? "\(path): \(detail)"
        }
    }
}

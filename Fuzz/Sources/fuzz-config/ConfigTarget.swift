import Foundation
import FuzzSupport
@testable import MTLintKit

/// `.mtlint.yml` and baselines: the input is a configuration, a NUL, a baseline, a NUL and a path.
/// The configuration is parsed as `mtlint` parses it (against the real rule ids), merged, and asked about
/// the path (ignore globs); the baseline is loaded and used to filter findings. Invariants: errors name
/// the file and, for YAML, a line inside it; merging with an empty configuration changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (yaml, rest) = Fuzz.split(Fuzz.bytes(data, size))
    let (baselineBytes, pathBytes) = Fuzz.split(rest)
    let path = String(decoding: pathBytes.prefix(256), as: UTF8.self)

    let configFile = Fuzz.scratch(".mtlint.yml", yaml)
    // Lines as YAML and editors count them (LF, CR LF, lone CR).
    let lineCount = YAMLFile.lineCount(String(decoding: yaml, as: UTF8.self))
    do {
        let config = try Configuration.parse(configFile, known: ConfigTargetData.known)
        Fuzz.require(Configuration().merged(with: config).enabled(ConfigTargetData.known) == config.enabled(ConfigTargetData.known),
                     "merging onto the defaults changed the enabled rules")
        _ = config.ignores(path)
        _ = config.filterAllowed(ConfigTargetData.diagnostics)
    } catch {
        let message = error.description
        Fuzz.require(message.contains(configFile.path), "configuration error without the file: \(message)")
        if case .invalid(_, let line?, _) = error {
            Fuzz.require(line >= 1 && line <= lineCount, "error line \(line) outside the file's \(lineCount) lines")
        }
    }

    let baselineFile = Fuzz.scratch("baseline.json", baselineBytes)
    do {
        let baseline = try Baseline.load(baselineFile)
        _ = baseline.filter(path: path, ConfigTargetData.diagnostics, source: ConfigTargetData.source)
    } catch {
        Fuzz.require(error.description.contains(baselineFile.path), "baseline error without the file: \(error)")
    }
    return 0
}

enum ConfigTargetData {
    static let known: [String: String] = Dictionary(
        Fuzz.rules.flatMap { $0.infos.map { ($0.id, $0.category.rawValue) } }, uniquingKeysWith: { a, _ in a })
    static let source = SourceText("The the cat sat on the the mat.")
    static let diagnostics: [Diagnostic] = Fuzz.linter.lint(Document(source: source, format: .plain)).diagnostics
}

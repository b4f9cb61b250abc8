import Foundation
import FuzzSupport
@testable import MTLintKit

/// The whole pipeline from raw file bytes, as `mtlint FILE --fix` runs it: decoding, the markup format
/// (chosen by the first byte), segmentation, every rule, every reporter, and the safe fixes.
/// Invariants: diagnostics inside the text and on character boundaries, outputs that parse, and fixes that
/// are stable (fixing the fixed text changes nothing more).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, payload) = Fuzz.choose(Fuzz.bytes(data, size), among: MarkupFormat.allCases.count)
    let format = MarkupFormat.allCases[choice]
    let file = Fuzz.scratch("input.\(format.rawValue)", payload)
    let loaded: (text: String, encoding: TextEncoding)
    do { loaded = try FileLoader.loadWithEncoding(file.path, maxBytes: 1 << 20) } catch {
        Fuzz.require(!error.message(path: file.path).isEmpty, "a load error without a message")
        return 0
    }
    let session = LintSession(linter: Fuzz.linter, knownRules: Fuzz.knownRules)
    let source = SourceText(loaded.text)
    let result = session.lint(Document(source: source, format: format), path: file.path)
    Fuzz.checkDiagnostics(result, "\(format)")
    // The rules that fired (the CLI lists all 1,600, which would make SARIF output and parsing dominate the
    // cost of every input without exercising anything more).
    let fired = Set(result.diagnostics.map(\.ruleID))
    let rules = Fuzz.linter.ruleInfos.filter { fired.contains($0.id) }
    Fuzz.checkReporters(Report(files: [.init(path: file.path, result: result)], rules: rules, version: "fuzz"))

    let edits = Fixer.safeEdits(result.diagnostics, format: format)
    var last = -1
    for e in edits {
        Fuzz.require(e.start >= last && e.start <= e.end && e.end <= source.count, "overlapping or outside edit \(e)")
        last = e.end
    }
    guard !edits.isEmpty else { return 0 }
    _ = Fixer.unifiedDiff(path: file.path, source: source, edits: edits)
    let relint = { (text: SourceText) in session.lint(Document(source: text, format: format), path: file.path).diagnostics }
    let (fixed, passes, settled) = Fixer.fixedPoint(source, firstEdits: edits, format: format, relint: relint)
    Fuzz.require(settled, "fixes did not settle in \(passes) passes:\n\(fixed)")
    // What `--fix` writes must read back as the same text.
    // (Positions, and so fixes, leave out a leading byte-order mark; the encoding writes it back.)
    let written = loaded.encoding.encode(fixed)
    if let again = try? TextDecoding.decode(written) {
        Fuzz.require(SourceText(again).scalars == SourceText(fixed).scalars, "the fixed file does not read back")
    }
    let second = session.lint(Document(source: SourceText(fixed), format: format), path: file.path)
    Fuzz.checkDiagnostics(second, "\(format), fixed")
    // Fixing the fixed text again changes nothing.
    Fuzz.require(Fixer.safeEdits(second.diagnostics, format: format).isEmpty, "a second fix would change the fixed text:\n\(fixed)")
    _ = Fixer.unifiedDiff(path: file.path, source: source, edits: [Fixer.edit(from: source, to: fixed)])
    return 0
}

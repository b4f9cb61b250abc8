import Foundation
import FuzzSupport
@testable import MTLintKit

/// The literalism pack compiler and matcher: the input is a rule pack (YAML), a NUL and a text. The pack is
/// compiled as `mtlint --pack` compiles it, its examples run (`mtlint test-rules`), and the text is linted
/// with it. Invariants: errors name the pack and a line inside it; findings lie inside the text; the
/// compiled image decodes to a pack that finds exactly what the parsed one finds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLiteralism(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (yaml, textBytes) = Fuzz.split(Fuzz.bytes(data, size))
    let file = Fuzz.scratch("pack.yml", yaml)
    // Lines as YAML and editors count them (LF, CR LF, lone CR).
    let lineCount = YAMLFile.lineCount(String(decoding: yaml, as: UTF8.self))
    let pack: LiteralismPack
    do { pack = try LiteralismPack.load(file) } catch {
        Fuzz.require(error.description.contains(file.path), "pack error without the file: \(error)")
        if case .invalid(_, let line?, _) = error {
            Fuzz.require(line >= 1 && line <= lineCount, "error line \(line) outside the pack's \(lineCount) lines")
        }
        return 0
    }
    guard !pack.entries.isEmpty else { return 0 }
    _ = try? PackTester.test(pack: file)

    let text = String(decoding: textBytes, as: UTF8.self)
    let linter = Linter(rules: [LiteralismRule(entries: pack.entries)])
    let result = linter.lint(text: text)
    Fuzz.checkDiagnostics(result, "pack")

    var writer = ImageWriter()
    pack.encode(&writer)
    let image = writer.bytes
    // The decoded pack may point into the image, so it is used only while the image is alive.
    let same = image.withUnsafeBytes { raw -> Bool? in
        var reader = ImageReader(raw)
        guard let decoded = LiteralismPack.decode(&reader, path: file.path) else { return nil }
        return Linter(rules: [LiteralismRule(entries: decoded.entries)]).lint(text: text).diagnostics == result.diagnostics
    }
    Fuzz.require(same != nil, "the compiled image of a valid pack does not decode")
    Fuzz.require(same != false, "the decoded image finds other things than the parsed pack")
    return 0
}

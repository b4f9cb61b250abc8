import Foundation
import FuzzSupport
@testable import MTLintKit

/// The corpus record readers (`mtlint corpus`): JSONL, TSV, TSV3 and lines, chosen by the first byte, read
/// from a file as the command reads standard input. Invariants: every input line is one record with its
/// own line number, in order; a record has a text or an error; each record's output line is valid JSON;
/// a record's diagnostics lie inside its text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpus(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, payload) = Fuzz.choose(Fuzz.bytes(data, size), among: CorpusFormat.allCases.count)
    let format = CorpusFormat.allCases[choice]
    let file = Fuzz.scratch("corpus.\(format.rawValue)", payload)
    let fd = open(file.path, O_RDONLY)
    Fuzz.require(fd >= 0, "cannot open the scratch file")
    defer { close(fd) }
    var reader = CorpusReader(fileDescriptor: fd, format: format)
    var lastLine = 0
    let session = LintSession(linter: Fuzz.linter, knownRules: Fuzz.knownRules)
    while let record = reader.next() {
        Fuzz.require(record.line > lastLine, "record line \(record.line) after \(lastLine)")
        lastLine = record.line
        Fuzz.require((record.text == nil) != (record.error == nil), "line \(record.line): a record needs a text or an error, not both")
        Fuzz.require((try? JSONSerialization.jsonObject(with: Data(record.idJSON.utf8), options: [.fragmentsAllowed])) != nil,
                     "line \(record.line): id \(record.idJSON) is not JSON")
        guard let text = record.text else { continue }
        let result = session.lint(text: text, bitext: record.bitext)
        Fuzz.checkDiagnostics(result, "\(format) line \(record.line)")
        let line = JSON.object([("id", record.idJSON), ("score", JSON.number(result.score)),
                                ("diagnostics", JSON.array(result.diagnostics.map { JSONReporter.diagnostic($0, full: false) }))])
        Fuzz.require((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "output line does not parse: \(line)")
    }
    let lines = payload.isEmpty ? 0 : payload.split(separator: 0x0A, omittingEmptySubsequences: false).count - (payload.last == 0x0A ? 1 : 0)
    Fuzz.require(lastLine <= lines, "read \(lastLine) records from \(lines) lines")
    return 0
}

import Foundation
import FuzzSupport
@testable import MTLintKit
@testable import MTLintServer

/// The server's request decoding, as its routes use it, chosen by the first byte: a LanguageTool form
/// (`POST /v2/check`), a JSON body (`POST /v1/lint`), or a text/plain body with options in the query
/// (query, NUL, body). Invariants: a bad request is a 4xx with a message; a good one is linted and its
/// answer is valid JSON whose offsets lie inside what the client sent.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, payload) = Fuzz.choose(Fuzz.bytes(data, size), among: 3)
    let service = ServerTargetData.service
    do {
        let answer: String
        switch choice {
        case 0:
            let check = try LanguageTool.parse(try Decode.form(payload), service: service)
            let linted = service.lint(SourceText(scalars: check.linted), format: .plain, enabled: check.enabled)
            Fuzz.checkDiagnostics(linted.result, "v2/check")
            answer = LanguageTool.response(check, linted, service: service)
            if let object = try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any],
               let matches = object["matches"] as? [[String: Any]] {
                let length = check.source.reduce(0) { $0 + ($1 > 0xFFFF ? 2 : 1) }   // LanguageTool counts UTF-16 units
                for m in matches {
                    let offset = m["offset"] as? Int ?? -1, count = m["length"] as? Int ?? -1
                    Fuzz.require(offset >= 0 && count >= 0 && offset + count <= length, "match \(offset)+\(count) outside \(length) UTF-16 units")
                }
            }
        case 1:
            let request = try JSONAPI.parse(json: try Decode.jsonObject(payload), service: service)
            let linted = service.lint(request.text, format: request.format, enabled: request.enabled)
            Fuzz.checkDiagnostics(linted.result, "v1/lint json")
            answer = JSONAPI.response(linted.result)
        default:
            let (query, body) = Fuzz.split(payload)
            let text = try Decode.utf8(body, what: "request body")
            let request = try JSONAPI.parse(text: text, query: try Decode.form(query), service: service)
            let linted = service.lint(request.text, format: request.format, enabled: request.enabled)
            Fuzz.checkDiagnostics(linted.result, "v1/lint text")
            answer = JSONAPI.response(linted.result)
        }
        Fuzz.require((try? JSONSerialization.jsonObject(with: Data(answer.utf8))) != nil, "answer is not JSON: \(answer)")
    } catch let error as APIError {
        Fuzz.require((400..<500).contains(error.status) && !error.message.isEmpty, "bad request answered \(error.status) '\(error.message)'")
    } catch {
        Fuzz.require(false, "unexpected error \(error)")
    }
    return 0
}

enum ServerTargetData {
    static let service = LintService(LintSetup(rules: Fuzz.rules))
}

import Foundation
import Yams

/// Reads a YAML file into plain values, turning parse errors into `DataError`s that name file and line.
enum YAMLFile {
    static func load(_ url: URL) throws(DataError) -> Any? {
        let text: String
        do {
            let bytes = try Data(contentsOf: url)
            guard let s = String(data: bytes, encoding: .utf8) else {
                throw DataError.invalid(path: url.path, line: nil, detail: "not valid UTF-8")
            }
            text = s
        } catch let e as DataError {
            throw e
        } catch {
            throw .missing(path: url.path, detail: "cannot read: \(error.localizedDescription)")
        }
        do {
            // Every scalar stays a string: "no", "on" and "1e3" are words in word lists, not booleans or numbers.
            return try Yams.load(yaml: text, Resolver.basic)
        } catch let e as YamlError {
            throw .invalid(path: url.path, line: Self.line(of: e, in: text), detail: "malformed YAML: \(Self.summary(e))")
        } catch {
            throw .invalid(path: url.path, line: nil, detail: "malformed YAML: \(error)")
        }
    }

    /// The 1-based line of a YAML error in `text`. An error at the end of the stream (an unclosed bracket)
    /// is marked after the last line; it is reported on the last line, so the line always exists.
    static func line(of e: YamlError, in text: String) -> Int? {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return min(max(1, mark.line), lineCount(text))
        default: return nil
        }
    }

    /// The error with its line kept inside the file (a node's mark can sit after the last line break).
    static func clamped(_ error: DataError, in text: String) -> DataError {
        guard case let .invalid(path, line?, detail) = error else { return error }
        return .invalid(path: path, line: min(max(1, line), lineCount(text)), detail: detail)
    }

    /// Lines as YAML (and editors) count them: LF, CR LF and a lone CR each end one.
    static func lineCount(_ text: String) -> Int {
        var breaks = 0
        var last: UInt8 = 0
        for b in text.utf8 {
            if b == 0x0A { if last != 0x0D { breaks += 1 } } else if b == 0x0D { breaks += 1 }
            last = b
        }
        let endsWithBreak = last == 0x0A || last == 0x0D
        return max(1, breaks + (endsWithBreak ? 0 : 1))
    }

    static func summary(_ e: YamlError) -> String {
        switch e {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default: return "\(e)"
        }
    }

    /// A list of strings under `key` of a mapping (empty when absent).
    static func strings(_ map: [String: Any], _ key: String, path: String) throws(DataError) -> [String] {
        guard let v = map[key] else { return [] }
        guard let list = v as? [Any] else { throw .invalid(path: path, line: nil, detail: "'\(key)' must be a list") }
        var out: [String] = []
        for item in list {
            if let s = item as? String { out.append(s) }
            else if let n = item as? Int { out.append(String(n)) }
            else { throw .invalid(path: path, line: nil, detail: "'\(key)' must hold strings") }
        }
        return out
    }
}

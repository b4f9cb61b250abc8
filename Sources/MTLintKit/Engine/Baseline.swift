import Foundation

/// Known findings recorded once (`mtlint baseline`) so that later runs report only new ones. Entries are
/// keyed by path and fingerprint (rule, flagged text and context; no line numbers), counted, so that a
/// second copy of a known finding is still new. Text without a path (a server request, an unnamed corpus
/// record) matches a finding recorded under any path.
public struct Baseline: Sendable {
    var counts: [String: Int] = [:]
    /// Counts by fingerprint alone, over every path.
    var anyPath: [String: Int] = [:]

    public init() {}

    static func key(_ path: String, _ fingerprint: String) -> String { path + "\u{0}" + fingerprint }

    public mutating func add(path: String, diagnostic d: Diagnostic, source: SourceText) {
        record(path: path, fingerprint: Fingerprint.hash(d, in: source))
    }

    mutating func record(path: String, fingerprint: String) {
        counts[Self.key(path, fingerprint), default: 0] += 1
        anyPath[fingerprint, default: 0] += 1
    }

    public var isEmpty: Bool { counts.isEmpty }

    /// The diagnostics of one text that the baseline does not cover; each recorded finding covers one.
    public func filter(path: String?, _ diagnostics: [Diagnostic], source: SourceText) -> [Diagnostic] {
        var left: [String: Int] = [:]
        return diagnostics.filter { d in
            let fingerprint = Fingerprint.hash(d, in: source)
            let k = path.map { Self.key($0, fingerprint) } ?? fingerprint
            let n = left[k] ?? (path == nil ? anyPath[fingerprint] : counts[k]) ?? 0
            left[k] = max(n - 1, 0)
            return n == 0
        }
    }

    public static func json(_ entries: [(path: String, diagnostic: Diagnostic, source: SourceText)]) -> String {
        let items = entries.map { e in
            JSON.object([("path", JSON.quoted(e.path)), ("rule", JSON.quoted(e.diagnostic.ruleID)),
                         ("fingerprint", JSON.quoted(Fingerprint.hash(e.diagnostic, in: e.source))),
                         ("text", JSON.quoted(e.diagnostic.text))])
        }
        return "{\"version\":1,\"findings\":[\n" + items.joined(separator: ",\n") + "\n]}\n"
    }

    public static func load(_ url: URL) throws(DataError) -> Baseline {
        guard let data = FileBytes.data(url.path) else { throw .missing(path: url.path, detail: "cannot read baseline") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else {
            throw .invalid(path: url.path, line: nil, detail: "not a mtlint baseline (expected {\"version\":1,\"findings\":[…]})")
        }
        var b = Baseline()
        for (i, f) in findings.enumerated() {
            guard let path = f["path"] as? String, let fp = f["fingerprint"] as? String else {
                throw .invalid(path: url.path, line: nil, detail: "finding \(i + 1) lacks path or fingerprint")
            }
            b.record(path: path, fingerprint: fp)
        }
        return b
    }
}

import Foundation

/// Known findings recorded once (`mtlint baseline`) so that later runs report only new ones. Entries are
/// keyed by path and fingerprint (rule, flagged text and context; no line numbers), counted, so that a
/// second copy of a known finding is still new.
public struct Baseline: Sendable {
    var counts: [String: Int] = [:]

    public init() {}

    static func key(_ path: String, _ fingerprint: String) -> String { path + "\u{0}" + fingerprint }

    public mutating func add(path: String, diagnostic d: Diagnostic, source: SourceText) {
        counts[Self.key(path, Fingerprint.hash(d, in: source)), default: 0] += 1
    }

    /// The diagnostics that the baseline does not cover.
    public mutating func filter(path: String, _ diagnostics: [Diagnostic], source: SourceText) -> [Diagnostic] {
        diagnostics.filter { d in
            let k = Self.key(path, Fingerprint.hash(d, in: source))
            if let n = counts[k], n > 0 { counts[k] = n - 1; return false }
            return true
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
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(path: url.path, detail: "cannot read baseline") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else {
            throw .invalid(path: url.path, line: nil, detail: "not a mtlint baseline (expected {\"version\":1,\"findings\":[…]})")
        }
        var b = Baseline()
        for (i, f) in findings.enumerated() {
            guard let path = f["path"] as? String, let fp = f["fingerprint"] as? String else {
                throw .invalid(path: url.path, line: nil, detail: "finding \(i + 1) lacks path or fingerprint")
            }
            b.counts[key(path, fp), default: 0] += 1
        }
        return b
    }
}

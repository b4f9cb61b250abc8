import Foundation

/// Character-recognition confusions inside well-known phrases: "World War IT" and "World War Il" for
/// "World War II", "King Charles Ill" for "King Charles III" (`Rules/garble/ocr-phrases.tsv`).
public struct OCRConfusionRule: Rule {
    public let info = RuleInfo(
        id: "ocr-confusion",
        category: .garbled,
        severity: .warning,
        summary: "A well-known phrase with look-alike characters swapped, as OCR and garbling produce (“World War IT”).",
        triggers: [
            RuleExample("Officials often invoke «World War IT» history to justify the war.", suggestion: "World War II"),
            RuleExample("He fought in «World War Il» as a pilot.", suggestion: "World War II"),
            RuleExample("«King Charles Ill» visited Kyiv.", suggestion: "King Charles III"),
        ],
        quiet: [
            "Officials often invoke World War II history.",
            "The world war it feared never came.",
            "He fought in World War I and World War II.",
        ],
        fixIsSafe: true)

    /// Key of a phrase's first token → (surface tokens of the wrong phrase, replacement). Indexed by key so
    /// that a token costs a lookup of its existing key, not a new String; the surface is compared after.
    let phrases: [String: [([String], String)]]

    init(rules: URL) throws(DataError) {
        var map: [String: [([String], String)]] = [:]
        for r in try GarbleFiles.rows(rules.appendingPathComponent("garble/ocr-phrases.tsv"), columns: 2) {
            let toks = r[0].split(separator: " ").map(String.init)
            guard let first = toks.first else { continue }
            map[Document.key(first), default: []].append((toks, r[1]))
        }
        self.phrases = map
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        var t = 0
        let n = doc.tokens.count
        while t < n {
            guard doc.tokens[t].kind == .word, let cands = phrases[doc.keys[t]] else { t += 1; continue }
            var matched: (Int, String)?
            for (toks, right) in cands {
                var k = t, ok = true
                for (i, w) in toks.enumerated() {
                    guard k < n, doc.text(k) == w, i == 0 || doc.tokens[k].flags.contains(.spaceBefore) else { ok = false; break }
                    k += 1
                }
                // The phrase must end at a word boundary: not "World War IIIrd".
                if ok, k < n, doc.tokens[k].kind != .punctuation, !doc.tokens[k].flags.contains(.spaceBefore) { ok = false }
                if ok && (matched.map { k - 1 > $0.0 } ?? true) { matched = (k - 1, right) }
            }
            if let (last, right) = matched {
                findings.append(Finding(ruleID: info.id, units: doc.units(from: t, through: last),
                                        message: "“\(doc.phrase(t, last))” looks like a recognition error for “\(right)”.",
                                        replacements: [.text(right)]))
                t = last + 1
            } else {
                t += 1
            }
        }
    }
}

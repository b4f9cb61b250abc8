/// Every literalism entry of the loaded packs, compiled into one matcher over the shared token stream:
/// entries are indexed by the keys their match can start with, so a token costs one dictionary lookup
/// however many entries there are. Each entry reports under its own rule id.
public struct LiteralismRule: Rule {
    public let info = RuleInfo(
        id: "literalism-lexicon", category: .literalism, severity: .warning,
        summary: "Calques and false friends from the literalism packs.", triggers: [], quiet: [])

    let entries: [LiteralismEntry]
    /// Every key the prefilters below test, interned: a document's tokens are looked up here once each, and
    /// the hot loop compares small integers instead of hashing strings at every token for every entry.
    private let vocabulary: [String: Int32]
    /// Per vocabulary id: the entries whose match can start with that key.
    private let byFirstID: [[Int]]
    private let wildcard: [Int]
    /// Per entry: the ids its second token can have, when the first two elements are fixed words — a
    /// lookup that rejects most candidates before the backtracking matcher runs.
    private let secondIDs: [[Int32]?]
    /// Per entry: a later element every match needs (the ids it can begin with) and how many tokens after
    /// the start it can begin at most — a few comparisons that spare most "the …" and "in …" entries the
    /// backtracking matcher and its allocations.
    private let anchors: [(ids: [Int32], reach: Int)?]
    /// Entries behind references, so the hot loop borrows them instead of copying a large struct.
    private let boxes: [EntryBox]

    final class EntryBox: @unchecked Sendable {
        let entry: LiteralismEntry
        init(_ e: LiteralismEntry) { entry = e }
    }

    public var infos: [RuleInfo] { entries.map(\.info) }

    public func restricted(to ids: Set<String>) -> any Rule {
        LiteralismRule(entries: entries.filter { ids.contains($0.info.id) })
    }

    init(entries: [LiteralismEntry]) {
        self.entries = entries
        var vocabulary: [String: Int32] = [:]
        func id(_ key: String) -> Int32 {
            if let i = vocabulary[key] { return i }
            let i = Int32(vocabulary.count)
            vocabulary[key] = i
            return i
        }
        var byFirst: [Int32: [Int]] = [:]
        var wildcard: [Int] = []
        for (i, e) in entries.enumerated() {
            if let keys = e.pattern.startKeys {
                for k in Set(keys) { byFirst[id(k), default: []].append(i) }
            } else {
                wildcard.append(i)
            }
        }
        self.secondIDs = entries.map { Self.secondKeys($0.pattern).map { $0.sorted().map(id) } }
        self.anchors = entries.map { Self.anchor($0.pattern).map { (ids: $0.keys.sorted().map(id), reach: $0.reach) } }
        var table = [[Int]](repeating: [], count: vocabulary.count)
        for (k, list) in byFirst { table[Int(k)] = list }
        self.vocabulary = vocabulary
        self.byFirstID = table
        self.wildcard = wildcard
        self.boxes = entries.map(EntryBox.init)
    }

    static func anchor(_ p: Pattern) -> (keys: Set<String>, reach: Int)? {
        var reach = 0
        for (i, el) in p.elements.enumerated() {
            if i >= 1, !el.optional, case .words(let alternatives) = el.kind {
                return (Set(alternatives.map { $0[0] }), reach)
            }
            switch el.kind {
            case .words(let alternatives): reach += alternatives.map { 2 * $0.count - 1 }.max() ?? 1
            case .punctuation, .anyWord: reach += 1
            case .gap(_, let n): reach += n
            }
        }
        return nil
    }

    static func secondKeys(_ p: Pattern) -> Set<String>? {
        guard p.elements.count >= 2, !p.elements[0].optional, !p.elements[1].optional,
              case .words(let first) = p.elements[0].kind, first.allSatisfy({ $0.count == 1 }) else { return nil }
        switch p.elements[1].kind {
        case .words(let second): return Set(second.map { $0[0] })
        case .punctuation(let mark): return [mark]
        default: return nil
        }
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        // Each token's key looked up once: -1 for keys no prefilter tests.
        let ids = doc.keys.map { vocabulary[$0] ?? -1 }
        for (si, s) in doc.sentences.enumerated() {
            var t = s.tokens.lowerBound
            while t < s.tokens.upperBound {
                if let (entry, m) = firstMatch(doc, ids, at: t, sentence: si) {
                    findings.append(finding(boxes[entry].entry, m, doc))
                    t = max(m.end, t + 1)
                } else {
                    t += 1
                }
            }
        }
    }

    private func firstMatch(_ doc: Document, _ ids: [Int32], at t: Int, sentence si: Int) -> (Int, PatternMatch)? {
        let bounds = doc.sentences[si].tokens
        var best: (Int, PatternMatch)?
        func consider(_ i: Int) {
            if let b = best, b.0 < i { return }
            if let second = secondIDs[i], t + 1 >= bounds.upperBound || !second.contains(ids[t + 1]) { return }
            if let anchor = anchors[i] {
                var k = t, found = false
                let last = min(t + anchor.reach, bounds.upperBound - 1)
                while k <= last { if anchor.ids.contains(ids[k]) { found = true; break }; k += 1 }
                if !found { return }
            }
            let box = boxes[i]
            guard let m = box.entry.pattern.match(doc, at: t, bounds: bounds), m.end > m.first,
                  contextAllows(box.entry, m, doc, sentence: si) else { return }
            best = (i, m)
        }
        let id = ids[t]
        if id >= 0 { for i in byFirstID[Int(id)] { consider(i) } }
        for i in wildcard { consider(i) }
        return best
    }

    private func contextAllows(_ e: LiteralismEntry, _ m: PatternMatch, _ doc: Document, sentence si: Int) -> Bool {
        let sentence = doc.sentences[si].tokens
        if !e.notAfter.isEmpty, m.first > sentence.lowerBound {
            let before = m.first - 1
            if doc.tokens[before].kind != .punctuation && e.notAfter.matches(doc.keys[before]) { return false }
        }
        if !e.notBefore.isEmpty, m.end < sentence.upperBound {
            if doc.tokens[m.end].kind != .punctuation && e.notBefore.matches(doc.keys[m.end]) { return false }
        }
        guard !e.requires.isEmpty || !e.excludes.isEmpty else { return true }
        let scope: Range<Int>
        switch e.scope {
        case .sentence: scope = sentence
        case .paragraph: scope = doc.paragraphs[doc.sentences[si].paragraph].tokens
        case .words(let n):
            let para = doc.paragraphs[doc.sentences[si].paragraph].tokens
            scope = max(para.lowerBound, m.first - n)..<min(para.upperBound, m.end + n)
        }
        var required = e.requires.isEmpty
        for k in scope where k < m.first || k >= m.end {
            guard doc.tokens[k].kind != .punctuation else { continue }
            let key = doc.keys[k]
            if e.excludes.matches(key) { return false }
            if !required && e.requires.matches(key) { required = true }
        }
        return required
    }

    private func finding(_ e: LiteralismEntry, _ m: PatternMatch, _ doc: Document) -> Finding {
        let flaggedSpans = m.spans[e.pattern.flagged].filter { !$0.isEmpty }
        let first = flaggedSpans.first!.lowerBound, last = flaggedSpans.last!.upperBound - 1
        let units = doc.units(from: first, through: last)
        let original = doc.text(units: units)
        let suggestions = e.suggestions.map { Self.matchCase(SuggestionTemplate.expand($0, match: m, doc: doc), like: original) }
        let message = e.message ?? {
            // Origins are written as sentences ("Spanish "alto el fuego" (ceasefire), …"), so they follow a colon.
            var text = "“\(original)” reads as a literal translation"
            if !e.origin.isEmpty { text += ": \(e.origin)" }
            text += "."
            if let s = suggestions.first { text += " English says “\(s)”." }
            return text
        }()
        return Finding(ruleID: e.info.id, units: units, message: message, replacements: suggestions.map { .text($0) })
    }

    /// Gives a suggestion the capitalisation of the text it replaces: a capital first letter, or all capitals.
    static func matchCase(_ suggestion: String, like original: String) -> String {
        let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard let first = letters.first else { return suggestion }
        if letters.count >= 2 && letters.allSatisfy({ $0.properties.isUppercase }) { return suggestion.uppercased() }
        if first.properties.isUppercase, let f = suggestion.first, f.isLowercase {
            return f.uppercased() + suggestion.dropFirst()
        }
        return suggestion
    }
}

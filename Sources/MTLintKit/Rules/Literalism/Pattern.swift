/// A compiled pattern of the literalism pattern language (Rules/literalisms/README.md): a sequence of
/// elements matched against the tokens of one sentence on their case-folded keys.
struct Pattern: Sendable {
    enum Kind: Sendable, Equatable {
        /// One of these alternatives; each is a word or a hyphenated compound (its parts' keys), written
        /// without spaces around the hyphens.
        case words([[String]])
        /// A punctuation token.
        case punctuation(String)
        /// Any one word.
        case anyWord
        /// m...n words.
        case gap(Int, Int)
    }

    struct Element: Sendable {
        var kind: Kind
        var optional: Bool
    }

    var elements: [Element]
    var anchoredStart = false
    var anchoredEnd = false
    /// Elements (indices) whose tokens make up the flagged span.
    var flagged: ClosedRange<Int>

    /// Keys a match can start with: those of the leading optional elements and of the first required one
    /// (a match that skips the optional ones starts there); nil when any of them is a wildcard or a gap.
    var startKeys: [String]? {
        var keys: [String] = []
        for el in elements {
            switch el.kind {
            case .words(let w): keys += w.map { $0[0] }
            case .punctuation(let p): keys.append(p)
            case .anyWord, .gap: return nil
            }
            if !el.optional { return keys }
        }
        return keys
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses a pattern; errors say which element is wrong.
    static func parse(_ source: String) throws(SyntaxError) -> Pattern {
        var raw = source.splitASCII(0x09, omittingEmpty: true).flatMap { $0.splitASCII(0x20, omittingEmpty: true) }
        guard !raw.isEmpty else { throw SyntaxError(description: "empty pattern") }
        var anchoredStart = false, anchoredEnd = false
        if raw.first == "^" { anchoredStart = true; raw.removeFirst() }
        if raw.last == "$" { anchoredEnd = true; raw.removeLast() }
        guard !raw.isEmpty else { throw SyntaxError(description: "pattern has only anchors") }
        var elements: [Element] = []
        var open: Int?, close: Int?
        for var text in raw {
            if text.hasPrefix("[") && text.count > 1 {
                guard open == nil else { throw SyntaxError(description: "more than one '[' in the pattern") }
                open = elements.count
                text.removeFirst()
            }
            var closes = false
            if text.hasSuffix("]") && text.count > 1 {
                guard close == nil else { throw SyntaxError(description: "more than one ']' in the pattern") }
                closes = true
                text.removeLast()
            }
            var optional = false
            if text.hasSuffix("?") && text.count > 1 { optional = true; text.removeLast() }
            let kind = try parseElement(text)
            if case .gap = kind, optional { throw SyntaxError(description: "a gap cannot be optional: '\(text)?'") }
            elements.append(Element(kind: kind, optional: optional))
            if closes { close = elements.count - 1 }
        }
        if (open == nil) != (close == nil) { throw SyntaxError(description: "unbalanced '[' … ']'") }
        let flagged = (open ?? 0)...(close ?? elements.count - 1)
        guard flagged.lowerBound <= flagged.upperBound else { throw SyntaxError(description: "']' before '['") }
        if elements[flagged].allSatisfy({ $0.optional || { if case .gap = $0.kind { return true }; return false }($0) }) {
            throw SyntaxError(description: "the flagged span can match nothing")
        }
        return Pattern(elements: elements, anchoredStart: anchoredStart, anchoredEnd: anchoredEnd, flagged: flagged)
    }

    private static func parseElement(_ text: String) throws(SyntaxError) -> Kind {
        if text == "*" { return .anyWord }
        if text.hasPrefix("*{") && text.hasSuffix("}") {
            let inner = text.dropFirst(2).dropLast()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let m = Int(parts[0]), let n = Int(parts[1]), 0 <= m, m <= n, n <= 5 else {
                throw SyntaxError(description: "bad gap '\(text)': write *{m,n} with 0 ≤ m ≤ n ≤ 5")
            }
            return .gap(m, n)
        }
        if text.unicodeScalars.allSatisfy({ !isWordScalar($0) }) && (text == "|" || !text.contains("|")) {
            return .punctuation(Document.key(text))
        }
        let alternatives = text.splitASCII(0x7C)
        guard !alternatives.contains(where: \.isEmpty) else { throw SyntaxError(description: "empty alternative in '\(text)'") }
        var parsed: [[String]] = []
        for a in alternatives {
            // A punctuation mark may stand among the alternatives (",|and").
            if a.unicodeScalars.allSatisfy({ !isWordScalar($0) }) {
                parsed.append([Document.key(a)])
                continue
            }
            let parts = a.splitASCII(0x2D)
            guard !parts.contains(where: \.isEmpty),
                  !parts.contains(where: { $0.unicodeScalars.contains { !isWordScalar($0) && $0 != "'" && $0 != "’" && $0 != "." } }) else {
                throw SyntaxError(description: "alternative '\(a)' in '\(text)' must be a word or a hyphenated compound")
            }
            parsed.append(parts.map(Document.key))   // the same key as the tokens'
        }
        return .words(parsed)
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }
}

/// One way a pattern matched: per element, the token range it consumed.
struct PatternMatch {
    var spans: [Range<Int>]
    /// Per element, which alternative matched (for `words` elements).
    var choices: [Int]
    var first: Int
    var end: Int
}

extension Pattern {
    /// The leftmost-shortest match starting exactly at token `start` within sentence tokens `bounds`.
    func match(_ doc: Document, at start: Int, bounds: Range<Int>) -> PatternMatch? {
        if anchoredStart && start != firstContentToken(doc, bounds) { return nil }
        var spans = [Range<Int>](repeating: start..<start, count: elements.count)
        var choices = [Int](repeating: -1, count: elements.count)
        var failed = FailedStates(elements: branching >= 2 ? elements.count : 0, start: start, end: bounds.upperBound)
        guard let end = matchFrom(doc, element: 0, token: start, bounds: bounds, spans: &spans, choices: &choices,
                                  failed: &failed) else { return nil }
        return PatternMatch(spans: spans, choices: choices, first: start, end: end)
    }

    /// Elements that make the matcher choose (optional elements and gaps): with two or more, a failing
    /// match could try every combination, so failed (element, token) states are remembered and each is
    /// tried once, which keeps a match linear in the sentence whatever the pattern.
    var branching: Int {
        elements.reduce(0) { n, el in
            if el.optional { return n + 1 }
            if case .gap = el.kind { return n + 1 }
            return n
        }
    }

    /// (element, token) states from which the rest of the pattern cannot match: the outcome depends on
    /// nothing else. Empty (and never consulted) for patterns without branching.
    struct FailedStates {
        private var bits: [UInt64]
        private let start: Int
        private let width: Int

        init(elements: Int, start: Int, end: Int) {
            self.start = start
            width = max(0, end - start + 1)
            // States run from element 0 to `elements` (the end of the pattern) inclusive.
            bits = elements == 0 ? [] : [UInt64](repeating: 0, count: ((elements + 1) * width + 63) / 64)
        }

        private func index(_ e: Int, _ t: Int) -> Int? {
            guard !bits.isEmpty, t >= start, t - start < width else { return nil }
            return e * width + (t - start)
        }

        func contains(_ e: Int, _ t: Int) -> Bool {
            guard let i = index(e, t) else { return false }
            return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
        }

        mutating func insert(_ e: Int, _ t: Int) {
            guard let i = index(e, t) else { return }
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
    }

    private func firstContentToken(_ doc: Document, _ bounds: Range<Int>) -> Int {
        var t = bounds.lowerBound
        while t < bounds.upperBound && doc.tokens[t].kind == .punctuation && doc.isQuoteOrBracket(t) { t += 1 }
        return t
    }

    private func isWordToken(_ doc: Document, _ t: Int) -> Bool {
        doc.tokens[t].kind != .punctuation && !doc.tokens[t].flags.contains(.url)
    }

    private func matchFrom(_ doc: Document, element e: Int, token t: Int, bounds: Range<Int>,
                           spans: inout [Range<Int>], choices: inout [Int], failed: inout FailedStates) -> Int? {
        if failed.contains(e, t) { return nil }
        let end = matchFromState(doc, element: e, token: t, bounds: bounds, spans: &spans, choices: &choices, failed: &failed)
        if end == nil { failed.insert(e, t) }
        return end
    }

    private func matchFromState(_ doc: Document, element e: Int, token t: Int, bounds: Range<Int>,
                                spans: inout [Range<Int>], choices: inout [Int], failed: inout FailedStates) -> Int? {
        if e == elements.count {
            if anchoredEnd {
                // Only punctuation may follow.
                var k = t
                while k < bounds.upperBound { if doc.tokens[k].kind != .punctuation { return nil }; k += 1 }
            }
            return t
        }
        let el = elements[e]
        if el.optional {
            spans[e] = t..<t
            choices[e] = -1
            if let end = matchFrom(doc, element: e + 1, token: t, bounds: bounds, spans: &spans, choices: &choices, failed: &failed) { return end }
        }
        switch el.kind {
        case .gap(let m, let n):
            var k = t
            var count = 0
            while count < m {
                guard k < bounds.upperBound, isWordToken(doc, k) else { return nil }
                k += 1; count += 1
            }
            while true {
                spans[e] = t..<k
                if let end = matchFrom(doc, element: e + 1, token: k, bounds: bounds, spans: &spans, choices: &choices, failed: &failed) { return end }
                guard count < n, k < bounds.upperBound, isWordToken(doc, k) else { return nil }
                k += 1; count += 1
            }
        default:
            guard let (next, choice) = matchOne(el.kind, doc, t, bounds) else { return nil }
            spans[e] = t..<next
            choices[e] = choice
            return matchFrom(doc, element: e + 1, token: next, bounds: bounds, spans: &spans, choices: &choices, failed: &failed)
        }
    }

    private func matchOne(_ kind: Kind, _ doc: Document, _ t: Int, _ bounds: Range<Int>) -> (Int, Int)? {
        guard t < bounds.upperBound else { return nil }
        switch kind {
        case .words(let alternatives):
            let key = doc.keys[t]
            let isPunctuation = doc.tokens[t].kind == .punctuation
            guard isPunctuation || isWordToken(doc, t) else { return nil }
            for (i, parts) in alternatives.enumerated() where parts[0] == key {
                if isPunctuation { return (t + 1, i) }
                if let end = matchCompound(parts, doc, t, bounds) { return (end, i) }
            }
            return nil
        case .punctuation(let p):
            guard doc.tokens[t].kind == .punctuation, doc.keys[t] == p else { return nil }
            return (t + 1, 0)
        case .anyWord:
            guard isWordToken(doc, t) else { return nil }
            return (t + 1, 0)
        case .gap:
            return nil
        }
    }

    /// End of a word or hyphenated compound matching `parts` at token t (parts[0] already matches).
    private func matchCompound(_ parts: [String], _ doc: Document, _ t: Int, _ bounds: Range<Int>) -> Int? {
        var k = t + 1
        for p in parts.dropFirst() {
            guard k + 1 < bounds.upperBound, doc.isHyphen(k), !doc.tokens[k].flags.contains(.spaceBefore),
                  !doc.tokens[k + 1].flags.contains(.spaceBefore), isWordToken(doc, k + 1), doc.keys[k + 1] == p else { return nil }
            k += 2
        }
        return k
    }
}

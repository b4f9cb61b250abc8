import Foundation

/// The compiled form of a literalism pack (`RuleImage`): a later start reads its entries without parsing YAML.
extension LiteralismPack {
    /// The pack in `url`, from its compiled image when the file is unchanged, else parsed (and compiled).
    static func loadCompiled(_ url: URL) throws(DataError) -> LiteralismPack {
        // One image per pack file, named by its path, so packs in different folders never replace each other.
        let name = "pack-" + String(Array(url.standardizedFileURL.path.utf8).withUnsafeBytes { RuleImage.checksum($0) }, radix: 16)
        return try RuleImage.cached(name, version: 1, sourceHash: RuleImage.sourceHash(files: [url]),
                                    decode: { LiteralismPack.decode(&$0, path: url.path) },
                                    encode: { $0.encode(&$1) }) { () throws(DataError) in try load(url) }
    }

    func encode(_ w: inout ImageWriter) {
        w.string(id); w.string(description)
        w.u32(UInt32(entries.count))
        for e in entries { e.encode(&w) }
    }

    /// The path is the file's current one (the image may have been written from another checkout's path).
    static func decode(_ r: inout ImageReader, path: String) -> LiteralismPack? {
        guard let id = r.string(), let description = r.string(), let n = r.u32() else { return nil }
        var entries: [LiteralismEntry] = []
        for _ in 0..<n { guard let e = LiteralismEntry.decode(&r) else { return nil }; entries.append(e) }
        return LiteralismPack(id: id, description: description, path: path, entries: entries)
    }
}

extension LiteralismEntry {
    func encode(_ w: inout ImageWriter) {
        w.string(info.id); w.string(info.category.rawValue); w.string(info.severity.rawValue); w.string(info.summary)
        w.u32(UInt32(info.triggers.count))
        for t in info.triggers { w.string(t.text); w.optionalString(t.suggestion) }
        w.strings(info.quiet); w.bool(info.fixIsSafe)
        pattern.encode(&w)
        w.strings(suggestions); w.optionalString(message); w.string(origin); w.strings(sources); w.string(confidence)
        switch scope {
        case .sentence: w.u8(0)
        case .paragraph: w.u8(1)
        case .words(let n): w.u8(2); w.int(n)
        }
        for test in [requires, excludes, notBefore, notAfter] { w.strings(test.exact.sorted()); w.strings(test.prefixes) }
        w.int(line); w.ints(triggerLines); w.ints(quietLines)
    }

    static func decode(_ r: inout ImageReader) -> LiteralismEntry? {
        guard let id = r.string(), let category = r.string().flatMap(RuleCategory.init(rawValue:)),
              let severity = r.string().flatMap(Severity.init(rawValue:)), let summary = r.string(),
              let triggerCount = r.u32() else { return nil }
        var triggers: [RuleExample] = []
        for _ in 0..<triggerCount {
            guard let text = r.string(), let suggestion = r.optionalString() else { return nil }
            triggers.append(RuleExample(text, suggestion: suggestion))
        }
        guard let quiet = r.strings(), let fixIsSafe = r.bool(), let pattern = Pattern.decode(&r),
              let suggestions = r.strings(), let message = r.optionalString(), let origin = r.string(),
              let sources = r.strings(), let confidence = r.string(), let scopeTag = r.u8() else { return nil }
        let scope: Scope
        switch scopeTag {
        case 0: scope = .sentence
        case 1: scope = .paragraph
        case 2: guard let n = r.int() else { return nil }; scope = .words(n)
        default: return nil
        }
        var tests: [WordTest] = []
        for _ in 0..<4 {
            guard let exact = r.strings(), let prefixes = r.strings() else { return nil }
            tests.append(WordTest(exact: Set(exact), prefixes: prefixes))
        }
        guard let line = r.int(), let triggerLines = r.ints(), let quietLines = r.ints() else { return nil }
        let info = RuleInfo(id: id, category: category, severity: severity, summary: summary,
                            triggers: triggers, quiet: quiet, fixIsSafe: fixIsSafe)
        return LiteralismEntry(info: info, pattern: pattern, suggestions: suggestions, message: message, origin: origin,
                               sources: sources, confidence: confidence, scope: scope, requires: tests[0],
                               excludes: tests[1], notBefore: tests[2], notAfter: tests[3], line: line,
                               triggerLines: triggerLines, quietLines: quietLines)
    }
}

extension LiteralismEntry.WordTest {
    /// A test with its keys as stored (already keys; `init(_:)` makes keys from the pack's words).
    init(exact: Set<String>, prefixes: [String]) {
        self.exact = exact
        self.prefixes = prefixes
    }
}

extension Pattern {
    func encode(_ w: inout ImageWriter) {
        w.u32(UInt32(elements.count))
        for el in elements {
            switch el.kind {
            case .words(let alternatives):
                w.u8(0); w.u32(UInt32(alternatives.count))
                for a in alternatives { w.strings(a) }
            case .punctuation(let p): w.u8(1); w.string(p)
            case .anyWord: w.u8(2)
            case .gap(let lo, let hi): w.u8(3); w.int(lo); w.int(hi)
            }
            w.bool(el.optional)
        }
        w.bool(anchoredStart); w.bool(anchoredEnd); w.int(flagged.lowerBound); w.int(flagged.upperBound)
    }

    static func decode(_ r: inout ImageReader) -> Pattern? {
        guard let n = r.u32() else { return nil }
        var elements: [Element] = []
        for _ in 0..<n {
            guard let tag = r.u8() else { return nil }
            let kind: Kind
            switch tag {
            case 0:
                guard let count = r.u32() else { return nil }
                var alternatives: [[String]] = []
                for _ in 0..<count { guard let a = r.strings(), !a.isEmpty else { return nil }; alternatives.append(a) }
                kind = .words(alternatives)
            case 1: guard let p = r.string() else { return nil }; kind = .punctuation(p)
            case 2: kind = .anyWord
            case 3: guard let lo = r.int(), let hi = r.int(), 0 <= lo, lo <= hi else { return nil }; kind = .gap(lo, hi)
            default: return nil
            }
            guard let optional = r.bool() else { return nil }
            elements.append(Element(kind: kind, optional: optional))
        }
        guard let anchoredStart = r.bool(), let anchoredEnd = r.bool(), let lo = r.int(), let hi = r.int(),
              0 <= lo, lo <= hi, hi < elements.count else { return nil }
        return Pattern(elements: elements, anchoredStart: anchoredStart, anchoredEnd: anchoredEnd, flagged: lo...hi)
    }
}

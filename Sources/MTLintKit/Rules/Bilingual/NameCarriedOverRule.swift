import Foundation

/// A name of the source that reached the translation misspelt. Names written in the Latin alphabet are carried
/// over as they are (a Latin name inside a Chinese source, a French or German name); names in Cyrillic or Greek
/// are compared through their usual Latin spellings (ICU transforms, `NameTransliteration`). When the
/// translation lacks every spelling of a source name but has a capitalised word close to it (`NameDistance`)
/// that is neither an English word nor a known name, that word is reported with the source's spelling.
/// Declined forms (Зеленского, Merkels) and transliteration variants (Zelenskyy/Zelensky) are not errors.
/// Runs only when the source is given.
public struct NameCarriedOverRule: Rule {
    public let info = RuleInfo(
        id: "name-carried-over",
        category: .bilingual,
        severity: .warning,
        summary: "A name of the source that the translation misspelt (when the source is given).",
        triggers: [
            RuleExample("We flew to «Kangrelussuaq» first.", suggestion: "Kangerlussuaq", source: "我们先飞到了Kangerlussuaq。"),
            RuleExample("«Zelenksy» met the delegation in Kyiv.", suggestion: "Zelensky", source: "Зеленский встретился с делегацией в Киеве."),
            RuleExample("The talks with «Schwarzenbah» ended.", suggestion: "Schwarzenbach", source: "Die Gespräche mit Schwarzenbach endeten."),
            RuleExample("«Schwarzenbah»'s plan failed.", suggestion: "Schwarzenbach", source: "Der Plan von Schwarzenbach scheiterte."),
        ],
        quiet: ["The talks with Schwarzenbah ended."],
        quietBitext: [
            RuleExample("We flew to Kangerlussuaq first.", source: "我们先飞到了Kangerlussuaq。"),
            RuleExample("We worked near Ilulisat.", source: "我们飞到了Kangerlussuaq。工作。"),
            RuleExample("Zelenskyy met the delegation in Kyiv.", source: "Зеленский встретился с делегацией в Киеве."),
            RuleExample("They spoke about Zelensky.", source: "Они говорили о Зеленском."),
            RuleExample("America's government approved the plan.", source: "Die Regierung Amerikas hat den Plan gebilligt."),
            RuleExample("Merkel's party won.", source: "Merkels Partei hat gewonnen."),
            RuleExample("The iPhone sold well.", source: "iPhone卖得很好。"),
        ])

    let words: Lazy<WordList?>
    let known: Lazy<KnownNames?>

    public init(words: Lazy<WordList?>, known: Lazy<KnownNames?>) {
        self.words = words
        self.known = known
    }

    /// Source names checked per segment, and the longest segment checked (in tokens): a segment is a
    /// sentence or a paragraph, so real ones stay far below both.
    static let maxNames = 200
    static let maxTokens = 20_000
    /// Distance computations per segment.
    static let maxComparisons = 20_000

    /// A name of the source: its spelling and the Latin forms to look for.
    struct SourceName {
        var text: String
        var forms: [[UInt8]]
        var suggestion: String
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for segment in doc.bitextSegments { check(doc, segment, &findings) }
    }

    private func check(_ doc: Document, _ segment: BitextSegment, _ findings: inout [Finding]) {
        // Bounded work on pathological segments: the comparisons grow with names × capitalised words.
        let names = Self.sourceNames(segment.source).prefix(Self.maxNames)
        guard !names.isEmpty, segment.tokens.count <= Self.maxTokens else { return }
        // The translation's capitalised words, folded.
        var candidates: [(token: Int, key: [UInt8], text: String)] = []
        var present = Set<[UInt8]>()
        for t in segment.tokens where doc.tokens[t].kind == .word {
            // The possessive is not part of the name: "Merkel's" is Merkel.
            var text = doc.text(t)
            if text.hasSuffix("'s") || text.hasSuffix("\u{2019}s") { text.removeLast(2) }
            let key = NameDistance.fold(text)
            present.insert(key)
            guard text.unicodeScalars.count >= 4, let first = text.unicodeScalars.first, first.properties.isUppercase else { continue }
            candidates.append((t, key, text))
        }
        // Only unknown words can be garbled names: neither English words nor known names nor the source's own.
        let sourceKeys = Set(names.flatMap(\.forms))
        candidates.removeAll { c in
            sourceKeys.contains(c.key) || words.get?.level(c.text) != nil || known.get?.contains(c.text) == true
        }
        // Indexes so each name is compared only with plausible words: declined forms share a four-letter
        // prefix, variants share a transliteration key, and a garble keeps the first letter.
        var presentByPrefix: [ArraySlice<UInt8>: [[UInt8]]] = [:]
        for key in present where key.count >= 4 { presentByPrefix[key.prefix(4), default: []].append(key) }
        let presentVariants = Set(present.map(NameDistance.translitKey))
        var candidatesByFirst: [UInt8: [Int]] = [:]
        for (k, c) in candidates.enumerated() { if let f = c.key.first { candidatesByFirst[f, default: []].append(k) } }
        var budget = Self.maxComparisons
        var reported = Set<Int>()
        for name in names {
            // Carried over, declined or spelt by another convention: nothing to say.
            if name.forms.contains(where: { form in
                present.contains(form) || presentVariants.contains(NameDistance.translitKey(form))
                    || (form.count >= 4 && presentByPrefix[form.prefix(4)]?.contains { Self.sameName(form, $0) } == true)
            }) { continue }
            var best: (token: Int, distance: Float)?
            for form in name.forms {
                // Longer names absorb more slips: 1.5 edits up to seven letters, then about one per five.
                let limit = max(Float(1.5), min(Float(3.5), Float(form.count) * 0.22))
                for k in candidatesByFirst[form.first ?? 0] ?? [] {
                    let c = candidates[k]
                    guard !reported.contains(c.token), abs(c.key.count - form.count) <= 4, budget > 0 else { continue }
                    budget -= 1
                    guard let d = NameDistance.distance(form, c.key, limit: limit), d > 0, d <= limit else { continue }
                    if best == nil || d < best!.distance { best = (c.token, d) }
                }
            }
            guard let best else { continue }
            reported.insert(best.token)
            let written = candidates.first { $0.token == best.token }!.text
            // The names rules already said it, with the gazetteer's form: one finding per word.
            let start = Int(doc.tokens[best.token].start)
            let range = start..<(start + written.utf16.count)
            if findings.contains(where: { $0.ruleID == "garbled-name" && $0.units.overlaps(range) }) { continue }
            findings.append(Finding(ruleID: info.id, units: range,
                                    message: "“\(written)” looks like a misspelling of the source’s name “\(name.text)”\(name.text == name.suggestion ? "" : " (\(name.suggestion))").",
                                    replacements: [.text(name.suggestion)]))
        }
    }

    /// Two folded spellings of one name: a declined form (a common stem of four letters or more, then endings
    /// of at most three letters made of vowels and the consonants of case endings: Зеленского → Zelenskogo,
    /// Merkels) or a transliteration variant.
    static func sameName(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var k = 0
        while k < a.count && k < b.count && a[k] == b[k] { k += 1 }
        let endingLetters: Set<UInt8> = Set("aeiouyjmgvsnh".utf8)
        if k >= 4, a.count - k <= 3, b.count - k <= 3,
           a[k...].allSatisfy(endingLetters.contains), b[k...].allSatisfy(endingLetters.contains) { return true }
        return NameDistance.isTransliterationVariant(a, b)
    }

    /// Capitalised words of four letters or more in the Latin, Cyrillic or Greek alphabets, with their Latin
    /// forms. A word is a run of letters of one script class, so 飞到了Kangerlussuaq。 yields Kangerlussuaq.
    /// Sentence starts count too: a capitalised common noun there (German nouns) only matters if the
    /// translation has an unknown word close to it.
    static func sourceNames(_ source: String) -> [SourceName] {
        var out: [SourceName] = []
        var seen = Set<String>()
        var word = String.UnicodeScalarView()
        var wordClass = ScriptClass.other
        func flush() {
            defer { word.removeAll() }
            guard wordClass != .other, word.count >= 4, let first = word.first, first.properties.isUppercase else { return }
            // All capitals ("NATO", "ООН") are acronyms: carried over or expanded, either is right.
            guard word.contains(where: { $0.properties.isLowercase }) else { return }
            let text = String(word)
            guard seen.insert(text).inserted else { return }
            if wordClass == .latin {
                out.append(SourceName(text: text, forms: [NameDistance.fold(text)], suggestion: text))
            } else {
                let variants = NameTransliteration.latinVariants(text)
                guard let first = variants.first else { return }
                out.append(SourceName(text: text, forms: variants.map(NameDistance.fold), suggestion: first))
            }
        }
        for s in source.unicodeScalars {
            let isMark = s.properties.generalCategory == .nonspacingMark
            guard s.properties.isAlphabetic || isMark else {
                if !word.isEmpty { flush() }
                continue
            }
            let c = isMark ? wordClass : ScriptClass(s)
            if !word.isEmpty && c != wordClass { flush() }
            wordClass = c
            word.append(s)
        }
        if !word.isEmpty { flush() }
        return out
    }

    enum ScriptClass {
        case latin, cyrillicOrGreek, other

        init(_ s: Unicode.Scalar) {
            switch s.value {
            case 0..<0x250, 0x1E00...0x1EFF: self = .latin
            case 0x0370...0x052F: self = .cyrillicOrGreek
            default: self = .other
            }
        }
    }
}

/// Tokens that are not English words: "decallation", "envoking", and a capitalised non-word in mid-sentence
/// that is one slip away from a common word and sits where a lower-case word belongs ("the Trump Tok office").
/// Quiet on numbers, acronyms, URLs, handles, codes, bound prefixes ("neo-Nazi"), closed compounds of
/// known words, regular formations ("overviewed"), possessives and names: a capitalised token it cannot
/// explain is presumed to be a name.
public struct NonWordRule: Rule {
    public let info = RuleInfo(
        id: "non-word",
        category: .spelling,
        severity: .warning,
        summary: "A token that is not an English word nor a known name, with the likeliest word it stands for.",
        triggers: [
            RuleExample("He would try to achieve the first steps towards «decallation», the end of the war."),
            RuleExample("Officials are often «envoking» history to justify the war.", suggestion: "invoking"),
            RuleExample("They are no closer than before the Trump «Tok» office in January.", suggestion: "took"),
            RuleExample("The report quoted the central bank «govemor» on Monday.", suggestion: "governor"),
            RuleExample("The talks were «postponned» by one day.", suggestion: "postponed"),
        ],
        quiet: [
            "The regime was called neo-Nazi by officials.",
            "A rightwing group of counterprotesters gathered outside.",
            "He overviewed works of craftsmen during the reign of the king.",
            "Minister Rustem Umerov met Hakan Fidan in Ankara.",
            "Prime Minister Keir Starmer visited Bakhmut and Luhansk.",
            "Visit https://example.com/decallation or write to @envoking for details.",
            "The annotated copy is in 001_b5bab90b79fe114e.txt and notes_2025.md beside it.",
            "The SBU and the GRU traded 1,000 POWs on 12.05.2025.",
            "Moscow's demands were discussed in Kyiv's office.",
            "Those \"whassup\" guys are now old.",
            "Mayor Tok said the office would open in January.",
        ])

    let kit: GarbleKit

    init(kit: GarbleKit) { self.kit = kit }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let kit = self.kit.data
        guard kit.words != nil else { return }
        for s in doc.sentences {
            var first = true
            var quoteDepthOdd = false
            for t in s.tokens {
                let tok = doc.tokens[t]
                if tok.kind == .punctuation {
                    let u = doc.prose.units[Int(tok.start)]
                    if u == 0x22 || u == 0x201C || u == 0x201D { quoteDepthOdd.toggle() }
                    continue
                }
                defer { first = false }
                guard tok.kind == .word else { continue }
                if tok.flags.contains(.capitalized) {
                    if !first, let f = capitalized(doc, t) { findings.append(f) }
                    continue
                }
                guard kit.isLowercaseNonWord(doc, t), let key = kit.checkableKey(doc, t) else { continue }
                let context = contextClasses(doc, t, sentence: s)
                let sugg = kit.suggestions(for: key, context: context)
                // Without a close word, only long tokens outside quotation marks are reported (quoted slang,
                // "whassup", is deliberate).
                if sugg.isEmpty && (key.count < 8 || quoteDepthOdd) { continue }
                let word = doc.text(t)
                var message = "“\(word)” is not an English word"
                if let best = sugg.first { message += "; did you mean “\(best.word)”?" } else { message += "." }
                findings.append(Finding(ruleID: info.id, units: tok.range, message: message,
                                        replacements: sugg.map { .text(matchCase($0.word, like: word)) }))
            }
        }
    }

    /// A capitalised mid-sentence token is flagged only when its best correction costs less than this (one
    /// plain edit plus some rarity, in `GarbleKit.suggestions`' units: a slip costs 0.6–1, rarity up to 2);
    /// other corrections are offered up to `maxAlternativeCost`. Chosen by hand on the seeds ("Tok" → took)
    /// and held to the clean dev sets' silence (README, Garble).
    static let maxSuggestionCost = 2.0
    static let maxAlternativeCost = 2.2

    /// A capitalised token in mid-sentence: reported only when it is no known word or name, one typical
    /// slip from a very common lower-case word, and placed where a lower-case word belongs (the next word is
    /// lower case, the previous is no given name or title).
    private func capitalized(_ doc: Document, _ t: Int) -> Finding? {
        let kit = self.kit.data
        let tok = doc.tokens[t]
        guard let key = kit.checkableKey(doc, t), key.count >= 3, key.count <= 6, !key.contains("'"),
              let words = kit.words else { return nil }
        // Part of a hyphenated compound ("Putin-Settenky") or a run of capitalised words: a name.
        if t > 0, doc.isHyphen(t - 1) || (!tok.flags.contains(.spaceBefore)) { return nil }
        if t + 1 < doc.tokens.count, doc.isHyphen(t + 1) { return nil }
        guard t + 1 < doc.tokens.count, t > 0 else { return nil }
        let next = doc.tokens[t + 1], prev = doc.tokens[t - 1]
        guard next.kind == .word, !next.flags.contains(.capitalized), next.flags.contains(.spaceBefore),
              let nextKey = kit.checkableKey(doc, t + 1), words.commonWordLevel(nextKey) != nil,
              kit.classes?.isFunctionWord(nextKey) == false else { return nil }
        // After a title or a given name, a capitalised token is a surname.
        if prev.kind == .word && prev.flags.contains(.capitalized) {
            let pk = doc.keys[t - 1]
            if GarbleData.titles.contains(pk) || kit.names.contains(pk) && words.commonWordLevel(pk) == nil
                && words.level(doc.text(t - 1)) == nil { return nil }
        }
        // The curated gazetteer vouches for a name; the large known-name guard does not here, since nearly
        // every short token is somebody's name somewhere ("Tok"): the context decides.
        if kit.isKnown(key, knownNames: false) || words.level(doc.text(t)) != nil { return nil }
        let context = contextClasses(doc, t, sentence: doc.sentences[doc.sentenceIndex(ofToken: t)])
        let sugg = kit.suggestions(for: key, context: context, maxLevel: 20, maxDistance: 1)
        guard let best = sugg.first, best.cost < Self.maxSuggestionCost else { return nil }
        let word = doc.text(t)
        return Finding(ruleID: info.id, units: tok.range,
                       message: "“\(word)” is neither a word nor a known name here; did you mean “\(best.word)”?",
                       replacements: sugg.filter { $0.cost < Self.maxAlternativeCost }.map { .text($0.word) }, severity: .info)
    }

    private func contextClasses(_ doc: Document, _ t: Int, sentence: Sentence) -> (String, String)? {
        let kit = self.kit.data
        guard let classes = kit.classes else { return nil }
        let prev = t > sentence.tokens.lowerBound
            ? classes.tokenClass(doc, t - 1, initial: t - 1 == sentence.tokens.lowerBound) : "BOS"
        let next = t + 1 < sentence.tokens.upperBound ? classes.tokenClass(doc, t + 1, initial: false) : "EOS"
        return (prev, next)
    }

    private func matchCase(_ s: String, like word: String) -> String {
        guard let f = word.unicodeScalars.first, f.properties.isUppercase else { return s }
        return GarbleData.capitalizedForm(s)
    }
}

extension GarbleData {
    /// Titles and honorifics after which a capitalised token is a name.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "president", "minister", "mayor", "governor",
        "senator", "sen", "rep", "representative", "general", "gen", "colonel", "col", "captain", "capt", "judge",
        "justice", "king", "queen", "prince", "princess", "pope", "father", "sister", "brother", "saint", "st",
        "chancellor", "premier", "ambassador", "secretary", "chairman", "chief", "officer", "sheikh", "imam",
        "rabbi", "bishop", "cardinal", "coach", "commissioner", "councillor", "councilor", "deputy", "director",
    ]
}

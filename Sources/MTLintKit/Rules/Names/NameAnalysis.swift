/// What a document says about names, worked out once for all name rules: which tokens are known entities,
/// which capitalised tokens are unknown, and the context around each (titles, given names, hyphen partners).
struct NameAnalysis {
    let doc: Document
    let gazetteer: Gazetteer
    let words: WordList?

    /// Token → entities its (possessive-stripped) key names.
    var resolved: [Int: [Int]] = [:]
    /// Entity → surface forms used in the document (without possessive) and how often.
    var forms: [Int: [String: Int]] = [:]
    /// Entity → tokens that name it (unambiguously).
    var occurrences: [Int: [Int]] = [:]
    /// Unknown capitalised tokens that could be names: key → token indices.
    var unknown: [String: [Int]] = [:]
    /// Real names known to the guard but not curated, with the token before them (for given-name slots).
    var knownUncurated: [Int] = []

    /// Title words that precede people in news copy, besides those of curated entities.
    static let genericTitles: Set<String> = [
        "president", "prime", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess",
        "pope", "general", "gen", "colonel", "senator", "sen", "rep", "representative", "governor", "mayor",
        "mr", "mrs", "ms", "dr", "judge", "justice", "ambassador", "envoy", "spokesman", "spokeswoman",
        "spokesperson", "leader", "chairman", "chairwoman", "director", "commander", "marshal", "admiral",
        "deputy", "assistant", "adviser", "advisor", "speaker", "premier", "sheikh", "emir", "crown", "vice",
        "lt", "lieutenant", "captain", "sergeant", "chief", "head", "aide", "negotiator", "sir", "dame", "lord",
        "lady", "foreign", "defense", "defence", "interior", "finance", "kremlin", "white", "house",
    ]

    init(_ doc: Document, gazetteer: Gazetteer, words: WordList?) {
        self.doc = doc
        self.gazetteer = gazetteer
        self.words = words
        for (si, s) in doc.sentences.enumerated() {
            for t in s.tokens where doc.tokens[t].kind == .word && !doc.tokens[t].flags.contains(.url) {
                let base = Self.baseKey(doc.keys[t])
                let ents = gazetteer.entities(forKey: base)
                if !ents.isEmpty {
                    resolved[t] = ents
                    if ents.count == 1, doc.tokens[t].flags.contains(.capitalized) {
                        forms[ents[0], default: [:]][surface(t), default: 0] += 1
                        occurrences[ents[0], default: []].append(t)
                    }
                    continue
                }
                guard isNameLike(t, sentenceStart: t == firstWord(si)) else { continue }
                if gazetteer.known?.contains(Self.stripPossessive(surface(t))) == true {
                    knownUncurated.append(t)
                } else {
                    unknown[base, default: []].append(t)
                }
            }
        }
    }

    func firstWord(_ si: Int) -> Int {
        var t = doc.sentences[si].tokens.lowerBound
        while t < doc.sentences[si].tokens.upperBound && doc.tokens[t].kind != .word { t += 1 }
        return t
    }

    /// A capitalised word (not all capitals, no digits) of three letters or more that is not an English word
    /// and not a title.
    func isNameLike(_ t: Int, sentenceStart: Bool) -> Bool {
        let tok = doc.tokens[t]
        guard tok.flags.contains(.capitalized), !tok.flags.contains(.allCaps), !tok.flags.contains(.hasDigit),
              tok.length >= 3 else { return false }
        let base = Self.baseKey(doc.keys[t])
        if Self.genericTitles.contains(base) || gazetteer.titleWords.contains(base) { return false }
        // Ordinary vocabulary in capitals ("Planning") is no name; SCOWL's proper names (Putin, Rubin) are.
        if let w = words, w.commonWordLevel(base) != nil { return false }
        return true
    }

    /// Token text without a possessive ending.
    func surface(_ t: Int) -> String { Self.stripPossessive(doc.text(t)) }

    static func stripPossessive(_ s: String) -> String {
        for suffix in ["'s", "’s", "'", "’"] where s.hasSuffix(suffix) && s.count > suffix.count + 1 {
            return String(s.dropLast(suffix.count))
        }
        return s
    }

    static func baseKey(_ key: String) -> String {
        if key.hasSuffix("'s") && key.count > 3 { return String(key.dropLast(2)) }
        if key.hasSuffix("'") && key.count > 2 { return String(key.dropLast()) }
        return key
    }

    /// Units of a token without its possessive ending.
    func unitsWithoutPossessive(_ t: Int) -> Range<Int> {
        let r = doc.tokens[t].range
        let text = doc.text(t)
        let stripped = Self.stripPossessive(text)
        return r.lowerBound..<(r.upperBound - (text.utf16.count - stripped.utf16.count))
    }

    /// The word before token t in its sentence, if directly before (no punctuation between).
    func wordBefore(_ t: Int) -> Int? {
        guard t > 0, doc.tokens[t - 1].kind == .word, doc.tokens[t].flags.contains(.spaceBefore) else { return nil }
        return doc.sentenceIndex(ofToken: t - 1) == doc.sentenceIndex(ofToken: t) ? t - 1 : nil
    }

    /// Persons named in the document by hyphen partners of token t ("Putin-Settenky").
    func hyphenPartners(_ t: Int) -> [Int] {
        var out: [Int] = []
        if t >= 2, doc.isHyphen(t - 1), !doc.tokens[t].flags.contains(.spaceBefore), !doc.tokens[t - 1].flags.contains(.spaceBefore) {
            out.append(t - 2)
        }
        if t + 2 < doc.tokens.count, doc.isHyphen(t + 1), !doc.tokens[t + 1].flags.contains(.spaceBefore), !doc.tokens[t + 2].flags.contains(.spaceBefore) {
            out.append(t + 2)
        }
        return out.filter { p in (resolved[p] ?? []).contains { gazetteer.entities[$0].type == .person } }
    }

    /// Title words in the two words before token t.
    func titlesBefore(_ t: Int) -> Set<String> {
        var out: Set<String> = []
        var k = t
        for _ in 0..<2 {
            guard let b = wordBefore(k) else { break }
            let key = doc.keys[b]
            if Self.genericTitles.contains(key) || gazetteer.titleWords.contains(key) { out.insert(key) } else { break }
            k = b
        }
        return out
    }

    /// The suggestion for an entity: a configured house spelling, else the form this document uses most,
    /// else its preferred spelling.
    func displayForm(_ e: Int) -> String {
        if gazetteer.houseStyled.contains(e) { return gazetteer.entities[e].preferred }
        if let f = forms[e], let best = f.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { return best.key }
        return gazetteer.entities[e].preferred
    }
}

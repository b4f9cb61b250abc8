/// Every name-like form a document uses, with its counts and contexts, and the garbles it reveals: a rare
/// form close to a form the same document spells more often ("Guadalajara" six times, "Guadalajra" once),
/// whether or not any gazetteer knows either. Built once per document for the name rules.
struct DocumentNames {
    struct Form {
        /// Case-folded key without possessive.
        let key: String
        /// Folded letters for distances (NameDistance.fold), and their sound key.
        let folded: [UInt8]
        let sound: [UInt8]
        /// Capitalised occurrences (token indices).
        var tokens: [Int] = []
        /// Capitalised occurrences that do not start a sentence.
        var midSentence = 0
        /// Lower-case occurrences ("nairobi").
        var lower: [Int] = []
        /// Surface spellings of the capitalised occurrences and their counts.
        var surfaces: [String: Int] = [:]
        /// Capitalised words right before / after the occurrences: given names, titles, "Kuala", "City".
        var before: Set<String> = []
        var after: Set<String> = []
        /// A real name: in the curated gazetteer or the known-name guard.
        var known = false
        var curated: [Int] = []
        /// Listed for its entity only as a foreign or other-language spelling ("Tiblisi", "Kiew"), not as
        /// one English writes.
        var alternateOnly = false
        /// An ordinary English word in lower case ("bush", "turkey").
        var english = false
        /// How common the name is in English: Zipf frequency, 0 for an unknown name (`prior(_:key:_:)`).
        var prior: Float = 0

        var count: Int { tokens.count }
        /// The spelling the document uses most (first seen on ties).
        var display: String {
            surfaces.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? key
        }
    }

    /// A rare form and the established form of the same cluster it garbles.
    struct Garble {
        var form: Int
        var target: Int
        var distance: Float
    }

    var forms: [Form] = []
    var byKey: [String: Int] = [:]

    /// What a form is, whatever the document: its folded letters and sound, its gazetteer entities, whether
    /// it is English or a known name, its prior. Computed once per spelling in a process (`facts`).
    struct Facts: Sendable {
        var folded: [UInt8]
        var sound: [UInt8]
        var curated: [Int]
        var alternateOnly: Bool
        var english: Bool
        var known: Bool
        var prior: Float
    }

    struct FactsKey: Hashable, Sendable {
        var key: String
        var surface: String
    }

    private let facts: Memo<FactsKey, Facts>

    init(_ a: NameAnalysis, facts: Memo<FactsKey, Facts>) {
        self.facts = facts
        let doc = a.doc
        var lowerTokens: [(String, Int)] = []
        for (si, s) in doc.sentences.enumerated() {
            let first = a.firstWord(si)
            for t in s.tokens {
                let tok = doc.tokens[t]
                guard tok.kind == .word, !tok.flags.contains(.url), !tok.flags.contains(.hasDigit),
                      !tok.flags.contains(.allCaps), tok.length >= 3 else { continue }
                // Titles need no exclusion: as ordinary words they are never taken for garbles, and a title
                // that is a name ("Kremlin", "Russian" of "Russian President") may be garbled like any name.
                let key = NameAnalysis.baseKey(doc.keys[t])
                if !tok.flags.contains(.capitalized) {
                    if key.utf8.count >= 4 { lowerTokens.append((key, t)) }
                    continue
                }
                let f = index(of: key, surface: a.surface(t), a)
                forms[f].tokens.append(t)
                if t != first { forms[f].midSentence += 1 }
                forms[f].surfaces[a.surface(t), default: 0] += 1
                if let b = a.wordBefore(t), Self.isSlotWord(a, b) { forms[f].before.insert(doc.keys[b]) }
                if t + 1 < doc.tokens.count, a.wordBefore(t + 1) == t, Self.isSlotWord(a, t + 1) {
                    forms[f].after.insert(doc.keys[t + 1])
                }
            }
        }
        for (key, t) in lowerTokens {
            if let f = byKey[key] { forms[f].lower.append(t) }
        }
    }

    /// A capitalised neighbour that tells one name from another: a given name or a name part ("John",
    /// "Kuala"), not an ordinary word capitalised to start a sentence ("Later Merkle left") nor a title.
    static func isSlotWord(_ a: NameAnalysis, _ t: Int) -> Bool {
        let tok = a.doc.tokens[t]
        guard tok.kind == .word, tok.flags.contains(.capitalized), !tok.flags.contains(.allCaps) else { return false }
        let key = a.doc.keys[t]
        if NameAnalysis.genericTitles.contains(key) || a.gazetteer.titleWords.contains(key) { return false }
        let startsSentence = t == a.firstWord(a.doc.sentenceIndex(ofToken: t))
        guard startsSentence, let words = a.words else { return true }
        // At a sentence start, a word the list knows capitalised ("Anna", "John") is a name; one it knows
        // only in lower case ("Later") is an ordinary word, unless rare as one.
        return words.exactLevel(a.doc.text(t)) != nil || (words.commonWordLevel(key) ?? 99) > englishLevel
    }

    private mutating func index(of key: String, surface: String, _ a: NameAnalysis) -> Int {
        if let f = byKey[key] { return f }
        let x = facts.value(FactsKey(key: key, surface: surface)) { Self.facts(key, surface: surface, a) }
        var form = Form(key: key, folded: x.folded, sound: x.sound)
        form.curated = x.curated
        form.alternateOnly = x.alternateOnly
        form.english = x.english
        form.known = x.known
        form.prior = x.prior
        byKey[key] = forms.count
        forms.append(form)
        return forms.count - 1
    }

    static func facts(_ key: String, surface: String, _ a: NameAnalysis) -> Facts {
        let folded = NameDistance.fold(key)
        let curated = a.gazetteer.entities(forKey: key)
        let alternateOnly = !curated.isEmpty && !curated.contains { e in
            a.gazetteer.entities[e].forms.contains { Gazetteer.formKey($0) == key }
        }
        let english = (a.words?.commonWordLevel(key) ?? 99) <= Self.englishLevel
        var known = !curated.isEmpty || (!english && a.gazetteer.known?.contains(Self.capitalized(key)) == true)
        let prior = Self.prior(surface, key: key, a)
        if prior > 0 { known = known || !english }
        return Facts(folded: folded, sound: NameDistance.soundKey(folded), curated: curated, alternateOnly: alternateOnly,
                     english: english, known: known, prior: prior)
    }

    /// The Zipf frequency of a name (log10 per billion words) from the name list; without the list, a
    /// rough equivalent from the word list's level of the capitalised word.
    static func prior(_ surface: String, key: String, _ a: NameAnalysis) -> Float {
        if let names = a.gazetteer.names {
            let entry = names.entry(surface) ?? names.entry(capitalized(key))
            return Float(entry?.prior ?? 0) / 100
        }
        if let level = a.words?.level(capitalized(key)) { return Float(80 - level) / 10 }
        return 0
    }

    /// "I've", "they'll": an English contraction, never a name.
    static func isContraction(_ key: String) -> Bool {
        guard let apostrophe = key.lastIndex(of: "'") else { return false }
        return ["ve", "ll", "re", "d", "m", "t", "s"].contains(String(key[key.index(after: apostrophe)...]))
    }

    /// Lower-case words up to this SCOWL level are ordinary English ("bush", "china"); rarer ones ("berlin"
    /// the carriage, "venus" the clam) are read as names when the document capitalises them.
    static let englishLevel = 60

    /// "guadalajara" → "Guadalajara": how the known-name guard lists a name.
    static func capitalized(_ key: String) -> String {
        guard let f = key.first else { return key }
        return f.uppercased() + key.dropFirst()
    }

    /// A name the document establishes: capitalised in mid-sentence at least once, or no English word.
    func isName(_ f: Form) -> Bool {
        f.count > 0 && (f.midSentence > 0 || !f.english)
    }

    /// Whether the document establishes `target` more firmly than `rare`: used more often, or as often
    /// but a more common name.
    private func dominates(_ target: Form, _ rare: Form) -> Bool {
        if target.count > rare.count { return target.count >= 2 * rare.count }
        return target.count == rare.count && target.prior >= rare.prior + 1
    }

    /// How far a rare form may stray from the document's established form and still read as its garble, in
    /// `NameDistance` units (a letter slip 1, a sound-alike letter less, a letter of a dropped syllable 0.3).
    /// Chosen by hand on the seed annotations and held to the clean dev sets' silence; `scripts/score-names.py`
    /// measures them on name garbles nobody tuned on (README, Names).
    enum Reach {
        /// Share of the longer form's letters that may change: in a shared slot (same given name or partner)
        /// or when both sound alike…
        static let sharedSlotPerLetter: Float = 0.42
        /// …and otherwise.
        static let perLetter: Float = 0.32
        /// A real name elsewhere in the world (in the known-name guard) gets at most this share and total.
        static let knownNamePerLetter: Float = 0.25
        static let knownNameMost: Float = 1.5
        /// The cheapest a letter more or less can cost, for rejecting by length before any distance.
        static let cheapestIndel: Float = 0.3
        /// A different first sound (a substitution dearer than this) allows at most `firstSoundMost` in all.
        static let firstSoundCost: Float = 0.6
        static let firstSoundMost: Float = 1.0
        /// Short names that share letters by chance: below this bigram overlap, two names.
        static let minBigramDice = 0.34
        /// The best target must beat the next by this much, or the document does not say which was meant.
        static let margin: Float = 0.3
    }

    /// Rare forms that garble an established form of the same document.
    func garbles(_ a: NameAnalysis) -> [Garble] {
        let established = forms.indices.filter { isName(forms[$0]) && forms[$0].folded.count >= 3 }
        var out: [Garble] = []
        for r in forms.indices {
            let rare = forms[r]
            // Curated names are real; ordinary words and short tokens are no garbles to guess at.
            // A common name in its own right (SCOWL level ≤ 60: Austen beside Austin) is left alone too.
            guard rare.count > 0, rare.count <= 2, rare.curated.isEmpty, !rare.english, !Self.isContraction(rare.key),
                  rare.folded.count >= 4, rare.prior < 3 else { continue }
            var best: Garble?
            var runnerUp: Float = .infinity
            for d in established where d != r {
                let target = forms[d]
                guard dominates(target, rare), let dist = similarity(rare, target) else { continue }
                if best == nil || dist < best!.distance {
                    if let b = best { runnerUp = min(runnerUp, b.distance) }
                    best = Garble(form: r, target: d, distance: dist)
                } else {
                    runnerUp = min(runnerUp, dist)
                }
            }
            // Two established names equally close: the document does not say which was meant.
            if let b = best, runnerUp - b.distance >= Reach.margin { out.append(b) }
        }
        return out
    }

    /// The weighted distance when `rare` reads as a slip for `target`, nil for a different name.
    private func similarity(_ rare: Form, _ target: Form) -> Float? {
        let r = rare.folded, d = target.folded
        let length = Float(max(r.count, d.count))
        // Each letter more or less costs at least a dropped syllable's letter: cheap rejections first.
        if Float(abs(r.count - d.count)) * Reach.cheapestIndel > Reach.sharedSlotPerLetter * length { return nil }
        if rare.curated.contains(where: { target.curated.contains($0) }) { return nil }
        // Different given names or partners in the same slot: two people (Fomin, Morrison and Morison).
        // (A given name before different surnames proves nothing: many people are called Vladimir.)
        if !rare.before.isEmpty && !target.before.isEmpty && rare.before.isDisjoint(with: target.before) { return nil }
        let sharedSlot = !rare.before.isDisjoint(with: target.before) || !rare.after.isDisjoint(with: target.after)
        let soundAlike = rare.sound == target.sound
        var limit: Float
        if rare.known {
            // A real name elsewhere in the world, but not here: only a slip or two away from the document's name.
            guard target.count >= 2 || sharedSlot || target.prior >= rare.prior + 1, length >= 4 else { return nil }
            limit = min(Reach.knownNamePerLetter * length, Reach.knownNameMost)
        } else {
            limit = (sharedSlot || soundAlike ? Reach.sharedSlotPerLetter : Reach.perLetter) * length
        }
        guard let dist = NameDistance.distance(r, d, limit: limit) else { return nil }
        // A different first sound needs a near-identical rest.
        if r[0] != d[0] && NameDistance.substitutionCost(r[0], d[0]) > Reach.firstSoundCost && dist > Reach.firstSoundMost && !sharedSlot { return nil }
        // Bigram overlap keeps apart short names that share letters by chance.
        if !sharedSlot && !soundAlike && NameSimilarity.bigramDice(r.map(UInt32.init), d.map(UInt32.init)) < Reach.minBigramDice { return nil }
        // Another word of the same name, or another spelling convention of it.
        if NameDistance.isInflection(r, d) || NameDistance.isTransliterationVariant(r, d) { return nil }
        // One name inside the other with letters added at an end: a compound or derivative ("CornwallLive",
        // "Hindutva"), not a slip.
        let (short, long) = r.count <= d.count ? (r, d) : (d, r)
        if long.count - short.count >= 3 && (long.starts(with: short) || long.reversed().starts(with: short.reversed())) { return nil }
        return dist
    }
}

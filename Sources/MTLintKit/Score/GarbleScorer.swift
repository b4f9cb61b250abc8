import Foundation

/// One explainable input of the garble score: its raw value on the passage and what it adds to the
/// model's log-odds (weight × value).
public struct GarbleSignal: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var contribution: Double
}

/// The garble score of a sentence or paragraph: 0 (reads as fluent English) … 1 (garbled), with the
/// signals behind it. `start`/`end` are code-point offsets into the original text; `units` is the prose range.
public struct PassageScore: Sendable, Equatable {
    public var units: Range<Int>
    public var start: Int
    public var end: Int
    public var score: Double
    public var signals: [GarbleSignal]
    /// The evidence of garble (0…1) and its signals' contributions (what `garbled-passage` reports on).
    public var evidence: Double = 0
    public var evidenceSignals: [GarbleSignal] = []
    /// For a paragraph: its sentences' scores.
    public var sentences: [PassageScore] = []
    /// A short example of the least likely word sequence, when word order contributes.
    public var example: String?
    /// The clause that holds the passage's local evidence (near repetitions, non-words), in prose units.
    public var focus: Range<Int>?

    /// Signals that raise the evidence of garble, largest first.
    public var mainSignals: [GarbleSignal] {
        evidenceSignals.filter { $0.contribution > 0.5 }.sorted { $0.contribution > $1.contribution }
    }
}

/// Scores of a whole document.
public struct DocumentScores: Sendable {
    /// The word-weighted mean of the paragraphs' scores.
    public var document: Double
    /// The word-weighted mean of the paragraphs' evidence of garble.
    public var evidence: Double = 0
    public var paragraphs: [PassageScore]
    /// The signals of the whole document read as one passage, and its words (for training the model).
    public var signals: [GarbleSignal] = []
    public var words: Int = 0
}

/// A logistic model over the named signals: 1 / (1 + e^−(bias + Σ weight × signal)). Weights are kept in
/// `GarbleScorer.signalNames` order, so scoring a passage indexes arrays instead of hashing names.
public struct LogisticModel: Sendable {
    public var bias: Double
    /// One weight per signal, in `GarbleScorer.signalNames` order.
    public var weightVector: [Double]

    public init(bias: Double, weights: [String: Double]) {
        self.bias = bias
        self.weightVector = GarbleScorer.signalNames.map { weights[$0] ?? 0 }
    }

    public var weights: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(GarbleScorer.signalNames, weightVector))
    }

    /// `values` in `GarbleScorer.signalNames` order.
    func evaluate(_ values: [Double]) -> (p: Double, signals: [GarbleSignal]) {
        var z = bias
        var out: [GarbleSignal] = []
        out.reserveCapacity(values.count)
        for i in values.indices {
            let v = values[i], w = weightVector[i]
            z += w * v
            out.append(GarbleSignal(name: GarbleScorer.signalNames[i], value: v, contribution: w * v))
        }
        return (1 / (1 + exp(-z)), out)
    }
}

/// The two models of the garble family.
/// - The **score** (`Rules/garble/score-model.tsv`): the calibrated probability that a passage of machine
///   translation holds a major error, trained by `scripts/train-garble-score.py` on human MQM annotations.
/// - The **evidence** of garble (`Rules/garble/passage-model.tsv`): how strongly a passage's own signals
///   (repetition, non-words, word order) say that it is garbled, fitted by `scripts/calibrate-garble.py` on
///   clean paragraphs and corruptions of them; `garbled-passage` reports passages above its thresholds, which
///   are set so that clean professional English stays quiet.
public struct GarbleModel: Sendable {
    public var score: LogisticModel
    public var evidence: LogisticModel
    /// Paragraphs whose evidence is above this are reported.
    public var threshold: Double
    /// Sentences whose evidence is above this are reported.
    public var sentenceThreshold: Double

    static func load(rules: URL) throws(DataError) -> GarbleModel {
        var m = GarbleModel(score: LogisticModel(bias: 0, weights: [:]), evidence: LogisticModel(bias: 0, weights: [:]),
                            threshold: 0.5, sentenceThreshold: 0.6)
        for (file, isScore) in [("garble/score-model.tsv", true), ("garble/passage-model.tsv", false)] {
            let url = rules.appendingPathComponent(file)
            var bias = 0.0
            var weights: [String: Double] = [:]
            for r in try GarbleFiles.rows(url, columns: 2) {
                guard let v = Double(r[1]), v.isFinite else { throw .invalid(path: url.path, line: nil, detail: "not a number: \(r[1])") }
                switch r[0] {
                case "bias": bias = v
                case "threshold" where !isScore: m.threshold = v
                case "sentence-threshold" where !isScore: m.sentenceThreshold = v
                default:
                    guard GarbleScorer.signalNames.contains(r[0]) else {
                        throw .invalid(path: url.path, line: nil, detail: "unknown signal: \(r[0])")
                    }
                    weights[r[0]] = v
                }
            }
            let model = LogisticModel(bias: bias, weights: weights)
            if isScore { m.score = model } else { m.evidence = model }
        }
        return m
    }
}

/// Computes garble scores from the document and the findings of the other rules.
public struct GarbleScorer: Sendable {
    let kit: GarbleKit

    /// Signal names, in output order.
    public static let signalNames = ["findings", "non-words", "typos", "repetition", "loops", "odd-order", "surprisal", "rarity",
                                     "length", "content", "unlisted-pairs", "foreign"]

    /// A finding of another rule as the score weighs it.
    public struct Input: Sendable {
        public var units: Range<Int>
        public var severity: Severity
        public var category: RuleCategory
        public var ruleID: String

        public init(units: Range<Int>, severity: Severity, category: RuleCategory, ruleID: String) {
            self.units = units
            self.severity = severity
            self.category = category
            self.ruleID = ruleID
        }
    }

    /// How much a finding weighs: by severity (error 1, warning 0.6, info 0.3), and by kind: character-level
    /// slips (typography, encoding, text breaks, OCR confusions) weigh 0.4 as much, since they say little
    /// about whether the language itself is garbled.
    static func weight(_ f: Input) -> Double {
        let severity: Double
        switch f.severity {
        case .error: severity = 1.0
        case .warning: severity = 0.6
        case .info: severity = 0.3
        }
        switch f.category {
        case .typography, .encoding, .textBreaking: return severity * 0.4
        default: return f.ruleID == "ocr-confusion" ? severity * 0.4 : severity
        }
    }

    /// Scores every sentence and paragraph and the whole document (the word-weighted mean of its paragraphs). `findings` are the rules' findings with
    /// their effective severities; the garbled-passage rule's own findings must not be among them.
    public func score(_ doc: Document, findings: [Input]) -> DocumentScores {
        // Finding weight per prose unit start, attributed to the sentence holding the finding's start.
        // Lower-case spelling findings are measured by the non-words signal instead.
        var perSentence = [Double](repeating: 0, count: doc.sentences.count)
        for f in findings {
            guard let s = doc.sentenceIndex(ofUnit: f.units.lowerBound) else { continue }
            if f.category == .spelling {
                let u = doc.prose.units[f.units.lowerBound]
                if !(u >= 0x41 && u <= 0x5A) { continue }
            }
            perSentence[s] += Self.weight(f)
        }
        let counts = doc.sentences.indices.map { sentenceCounts(doc, $0, findings: perSentence[$0]) }
        var paragraphs: [PassageScore] = []
        var weighted = 0.0, weightedEvidence = 0.0, totalWords = 0.0
        var all = Counts()
        for c in counts { all.add(c) }
        for para in doc.paragraphs {
            var pc = Counts()
            var sentences: [PassageScore] = []
            for s in para.sentences {
                pc.add(counts[s])
                sentences.append(passage(doc, units: doc.sentences[s].units, counts: counts[s]))
            }
            var ps = passage(doc, units: para.units, counts: pc)
            weighted += ps.score * max(pc.words, 1)
            weightedEvidence += ps.evidence * max(pc.words, 1)
            totalWords += max(pc.words, 1)
            ps.sentences = sentences
            paragraphs.append(ps)
        }
        // The document: its paragraphs' scores weighted by their words (length-fair; --max-garble and the
        // garbled-passage rule look at paragraphs).
        let docScore = totalWords > 0 ? weighted / totalWords : 0
        return DocumentScores(document: docScore, evidence: totalWords > 0 ? weightedEvidence / totalWords : 0,
                              paragraphs: paragraphs, signals: model(all).signals, words: Int(all.words))
    }

    /// Raw counts of a passage, added up over its sentences.
    struct Counts {
        var words = 0.0
        var findings = 0.0
        var nonWords = 0.0
        var typos = 0.0
        var repeats = 0.0
        var loops = 0.0
        var odd = 0.0
        var transitions = 0.0
        var surprisal = 0.0
        var rareCount = 0.0
        var rarity = 0.0
        /// Lower-case known words: their summed unigram surprisal (6 − Zipf).
        var lexSurprisal = 0.0
        /// Adjacent known word pairs the pair list does not hold (rarer than its floor).
        var unlisted = 0.0
        /// Lower-case words common in another language and rare in English.
        var foreign = 0.0
        var worst: (Double, Range<Int>)? = nil
        /// First and last token of local evidence (near repetitions, non-words).
        var evidence: ClosedRange<Int>? = nil

        mutating func mark(_ t: Int) {
            evidence = evidence.map { min($0.lowerBound, t)...max($0.upperBound, t) } ?? t...t
        }

        mutating func add(_ o: Counts) {
            words += o.words; findings += o.findings; nonWords += o.nonWords; typos += o.typos; repeats += o.repeats
            loops += o.loops
            odd += o.odd; transitions += o.transitions; surprisal += o.surprisal
            rareCount += o.rareCount; rarity += o.rarity
            lexSurprisal += o.lexSurprisal; unlisted += o.unlisted; foreign += o.foreign
            if let w = o.worst, worst == nil || w.0 < worst!.0 { worst = w }
            if let e = o.evidence { mark(e.lowerBound); mark(e.upperBound) }
        }
    }

    /// Signal values from counts: rates shrunk toward a clean prior, so that short passages are not
    /// extreme by chance and long ones are not penalised for their length.
    /// The signals of a passage, in `signalNames` order.
    static func signals(_ c: Counts) -> [Double] {
        let d = c.words + 4
        return [
            // Square root and a cap of two warnings' worth: the first findings in a passage say most; a
            // cluster of one-off slips makes a defective passage, not necessarily a garbled one.
            (min(c.findings, 1.2) / (c.words + 20)).squareRoot(),   // findings
            c.nonWords / d,                                        // non-words
            c.typos / d,                                           // typos
            c.repeats / d,                                         // repetition
            c.loops / d,                                           // loops
            c.odd / d,                                             // odd-order
            (c.surprisal + 4 * 0.2) / (c.transitions + 4),         // surprisal
            (c.rarity + 4 * 0.05) / (c.rareCount + 4),             // rarity
            // The chance that a translated passage holds a major error grows with what it has to say: its
            // words, its information (rarer words carry more), and its word pairs that English seldom uses.
            log2(c.words + 1),                                     // length
            log2(c.lexSurprisal + 1),                              // content
            log2(c.unlisted + 1),                                  // unlisted-pairs
            c.foreign / d,                                         // foreign
        ]
    }

    func model(_ c: Counts) -> (score: Double, signals: [GarbleSignal], evidence: Double, evidenceSignals: [GarbleSignal]) {
        let values = Self.signals(c)
        guard let m = kit.data.model else {
            let zero = values.indices.map { GarbleSignal(name: Self.signalNames[$0], value: values[$0], contribution: 0) }
            return (0, zero, 0, zero)
        }
        let s = m.score.evaluate(values)
        let e = m.evidence.evaluate(values)
        return (s.p, s.signals, e.p, e.signals)
    }

    private func passage(_ doc: Document, units: Range<Int>, counts: Counts) -> PassageScore {
        let m = model(counts)
        let range = doc.prose.originalRange(units)
        var example: String?
        if let w = counts.worst { example = doc.text(units: w.1) }
        var ps = PassageScore(units: units, start: range.lowerBound, end: range.upperBound, score: m.score,
                              signals: m.signals, evidence: m.evidence, evidenceSignals: m.evidenceSignals, example: example)
        if let e = counts.evidence { ps.focus = clause(doc, around: e, within: units) }
        return ps
    }

    /// The clause around evidence tokens: from after the last clause mark (, ; : – —) before them to before
    /// the first one after them, or the passage's end.
    private func clause(_ doc: Document, around e: ClosedRange<Int>, within units: Range<Int>) -> Range<Int> {
        func isMark(_ t: Int) -> Bool {
            guard doc.tokens[t].kind == .punctuation else { return false }
            let u = doc.prose.units[Int(doc.tokens[t].start)]
            return u == 0x2C || u == 0x3B || u == 0x3A || u == 0x2013 || u == 0x2014
        }
        var a = e.lowerBound
        while a > 0 && Int(doc.tokens[a - 1].start) >= units.lowerBound && !isMark(a - 1) { a -= 1 }
        var b = e.upperBound
        while b + 1 < doc.tokens.count && Int(doc.tokens[b + 1].end) <= units.upperBound && !isMark(b + 1) { b += 1 }
        return Int(doc.tokens[a].start)..<Int(doc.tokens[b].end)
    }

    /// Stem for near-repetition: lower case without a common inflectional suffix.
    static func stem(_ key: String) -> String {
        for suf in ["ings", "ing", "ed", "es", "s", "ly", "al"] where key.hasSuffix(suf) && key.count - suf.count >= 3 {
            return String(key.dropLast(suf.count))
        }
        return key
    }

    /// What the walk over a sentence's tokens carries from one token to the next.
    private struct Walk {
        /// The class and token of the last token that counted for word order ("BOS" at the start).
        var prev = WordClasses.bos
        var prevToken: Int?
        /// Whether the next word starts a sentence or clause (its capital says nothing).
        var initial = true
        /// Stems of the last eight content words.
        var recent: [String] = []
        /// The previous word token, when known to the English model.
        var lastWord: (token: Int, zipf: Double)?
        var firstWord = true
    }

    /// The raw counts of one sentence: word order, English word statistics, non-words, repetition.
    private func sentenceCounts(_ doc: Document, _ si: Int, findings: Double) -> Counts {
        let kit = self.kit.data
        var c = Counts()
        c.findings = findings
        var walk = Walk()
        let entries = kit.english?.entries(doc)
        for t in doc.sentences[si].tokens where !doc.tokens[t].flags.contains(.url) {
            wordOrder(doc, t, kit, &walk, &c)
            guard doc.tokens[t].kind == .word else { walk.lastWord = nil; continue }
            c.words += 1
            if let english = kit.english, let entries {
                englishCounts(doc, t, entry: entries[t], model: english, first: walk.firstWord, last: &walk.lastWord, into: &c)
            }
            walk.firstWord = false
            let isNonWord = nonWordCounts(doc, t, kit, &c)
            repetitionCounts(doc, t, kit, isNonWord: isNonWord, &walk, &c)
        }
        sentenceEnd(kit, walk, &c)
        return c
    }

    /// Word-order likelihood over classes: transitions much less likely than the next class is anywhere.
    /// Layout punctuation, numbers and non-words are stepped over; a word right after itself ("the the") is
    /// the repeated-word rule's finding, not word order; in markup, text removed between two tokens (a code
    /// span, an image) leaves no word order to judge.
    private func wordOrder(_ doc: Document, _ t: Int, _ kit: GarbleData, _ walk: inout Walk, _ c: inout Counts) {
        let tok = doc.tokens[t]
        let cls = kit.classes?.tokenClassID(doc, t, initial: walk.initial) ?? WordClasses.n
        if cls == WordClasses.stop || cls == WordClasses.colon {
            walk.initial = true
        } else if cls != WordClasses.quote && cls != WordClasses.lpar {
            walk.initial = false
        }
        let stutter = tok.kind == .word && walk.prevToken.map { doc.tokens[$0].kind == .word && doc.keys[$0] == doc.keys[t] } == true
        let gap = doc.format != .plain && walk.prevToken.map { removedBetween(doc, $0, t) } == true
        if gap && !WordClasses.isTransparent(cls) {
            walk.prev = cls
            walk.prevToken = t
        } else if !stutter, !WordClasses.isTransparent(cls), let assoc = kit.association(walk.prev, cls) {
            c.transitions += 1
            c.surprisal += max(0, -assoc)
            if assoc <= -1.2 {
                c.odd += 1
                let a = walk.prevToken.map { Int(doc.tokens[$0].start) } ?? Int(tok.start)
                if c.worst == nil || assoc < c.worst!.0 { c.worst = (assoc, a..<Int(tok.end)) }
            }
            walk.prev = cls
            walk.prevToken = t
        }
    }

    /// A lower-case non-word: one slip from a common word is a typo (a minor error); any other is garble.
    /// Returns whether the word is a non-word.
    private func nonWordCounts(_ doc: Document, _ t: Int, _ kit: GarbleData, _ c: inout Counts) -> Bool {
        guard !doc.tokens[t].flags.contains(.capitalized), !isScareQuoted(doc, t), kit.isLowercaseNonWord(doc, t),
              let k = kit.checkableKey(doc, t) else { return false }
        if kit.isNearWord(k) { c.typos += 1 } else { c.nonWords += 1; c.mark(t) }
        return true
    }

    /// Near repetition and loops of content words' stems, and the rarity of known content words.
    private func repetitionCounts(_ doc: Document, _ t: Int, _ kit: GarbleData, isNonWord: Bool, _ walk: inout Walk,
                                  _ c: inout Counts) {
        let tok = doc.tokens[t]
        let key = doc.keys[t]
        let isFunction = kit.classes?.isFunctionWord(key) ?? false
        // A unit after a number ("120 degrees, 0 degrees") repeats in lists by design.
        let unit = t > 0 && doc.tokens[t - 1].kind == .number
        guard !tok.flags.contains(.capitalized), !isFunction, !tok.flags.contains(.hasDigit), key.count >= 3, !unit else { return }
        // Near repetition: the stem came back within the last eight content words, but not right after
        // itself ("final final" is the repeated-word rule's finding).
        let st = Self.stem(key)
        let deliberate = afterCommaSame(doc, t)
        if !deliberate && (walk.recent.dropLast().contains(st) || (walk.recent.last == st && !lastWasSame(doc, t))) {
            c.repeats += 1
            c.mark(t)
        }
        // A loop, as degenerate neural MT writes one: the third use of a stem within eight content words
        // ("to end the final ending final final … end to final end").
        if !deliberate, walk.recent.reduce(0, { $0 + ($1 == st ? 1 : 0) }) >= 2 { c.loops += 1 }
        walk.recent.append(st)
        if walk.recent.count > 8 { walk.recent.removeFirst() }
        // Rarity of known words (non-words have signals of their own).
        if let words = kit.words, !isNonWord {
            c.rareCount += 1
            c.rarity += Self.rarity(words.commonWordLevel(key) ?? 60)
        }
    }

    /// A sentence that ends without terminal punctuation: how likely its last class ends one.
    private func sentenceEnd(_ kit: GarbleData, _ walk: Walk, _ c: inout Counts) {
        guard c.transitions > 0, walk.prev != WordClasses.stop, let assoc = kit.association(walk.prev, WordClasses.stop) else { return }
        c.transitions += 1
        c.surprisal += max(0, -assoc)
        if assoc <= -1.2 { c.odd += 1 }
    }

    /// Word and word-pair statistics of word token t: unigram surprisal (6 − Zipf) of known words, whether the
    /// pair with the word right before it is a listed English pair, and words of another language.
    private func englishCounts(_ doc: Document, _ t: Int, entry w: EnglishModel.Word?, model: EnglishModel, first: Bool,
                               last: inout (token: Int, zipf: Double)?, into c: inout Counts) {
        let tok = doc.tokens[t]
        let previous = last
        last = nil
        // Names (capitalised after the sentence's first word), numbers, URLs and all-capital words are not
        // judged by English word statistics.
        if tok.flags.contains(.url) || tok.flags.contains(.hasDigit) || tok.flags.contains(.allCaps) { return }
        if tok.flags.contains(.capitalized) && !first { return }
        let zipf = w?.zipf ?? 0
        if !tok.flags.contains(.capitalized), let f = w?.foreign, zipf < EnglishModel.untranslatedEnglish,
           f.zipf >= EnglishModel.untranslatedForeign { c.foreign += 1 }
        guard zipf > 0 else { return }
        c.lexSurprisal += max(0, 6 - zipf)
        if let p = previous, p.token == t - 1, model.pairLogP(doc.keys[p.token], doc.keys[t]) == nil { c.unlisted += 1 }
        last = (t, zipf)
    }

    /// Whether the original text between tokens a and b holds anything but white space and tags.
    private func removedBetween(_ doc: Document, _ a: Int, _ b: Int) -> Bool {
        let from = Int(doc.prose.originEnd[Int(doc.tokens[a].end) - 1]), to = Int(doc.prose.origin[Int(doc.tokens[b].start)])
        guard to > from else { return false }
        var inTag = false
        for i in from..<to {
            let c = doc.source.scalars[i]
            if c == 0x3C { inTag = true; continue }
            if c == 0x3E { inTag = false; continue }
            if inTag || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0xA0 || c == 0x2A || c == 0x5F { continue }
            return true
        }
        return false
    }

    /// Whether token t stands alone inside quotation marks ("whassup"): a deliberate mention.
    private func isScareQuoted(_ doc: Document, _ t: Int) -> Bool {
        guard t > 0, t + 1 < doc.tokens.count else { return false }
        return doc.isQuoteOrBracket(t - 1) && doc.isQuoteOrBracket(t + 1)
            && !doc.tokens[t].flags.contains(.spaceBefore) && !doc.tokens[t + 1].flags.contains(.spaceBefore)
    }

    /// Whether the word before token t (spaces only between) has the same key.
    private func lastWasSame(_ doc: Document, _ t: Int) -> Bool {
        t > 0 && doc.tokens[t - 1].kind == .word && doc.keys[t - 1] == doc.keys[t]
    }

    /// Whether token t repeats the word before a comma right before it ("ding, ding"): written on purpose.
    private func afterCommaSame(_ doc: Document, _ t: Int) -> Bool {
        t > 1 && doc.keys[t - 1] == "," && doc.tokens[t - 2].kind == .word && doc.keys[t - 2] == doc.keys[t]
    }

    static func rarity(_ level: Int) -> Double {
        switch level {
        case ...20: return 0
        case ...35: return 0.15
        case ...40: return 0.25
        case ...50: return 0.4
        case ...55: return 0.5
        case ...60: return 0.6
        case ...70: return 0.75
        case ...80: return 0.85
        default: return 1
        }
    }
}

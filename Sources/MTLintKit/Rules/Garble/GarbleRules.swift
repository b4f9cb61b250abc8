import Foundation

/// The Garble rule family, registered by `RuleRegistry`: non-words, untranslated words, truncated sentences, broken paragraphs,
/// OCR confusions and garbled passages. They share one `GarbleKit` (word list, gazetteer guard, word
/// classes and the score model, loaded on first use).
enum GarbleRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        // A malformed score or evidence model is an error at start, naming the file (the kit loads lazily and
        // could only leave the score off); a rules folder without them runs without scores.
        let models = ["garble/score-model.tsv", "garble/passage-model.tsv"].map { rules.appendingPathComponent($0).path }
        if models.contains(where: { FileManager.default.fileExists(atPath: $0) }) { _ = try GarbleModel.load(rules: rules) }
        let kit = GarbleKit(rules: rules, words: words)
        return [
            NonWordRule(kit: kit),
            UntranslatedWordRule(kit: kit),
            TruncatedSentenceRule(kit: kit),
            BrokenParagraphRule(kit: kit),
            try OCRConfusionRule(rules: rules),
            GarbledPassageRule(kit: kit),
        ]
    }
}

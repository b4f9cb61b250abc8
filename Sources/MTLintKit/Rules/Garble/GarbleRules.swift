import Foundation

/// The Garble rule family, registered by `RuleRegistry`: non-words, untranslated words, truncated sentences, broken paragraphs,
/// OCR confusions and garbled passages. They share one `GarbleKit` (word list, gazetteer guard, word
/// classes and the score model, loaded on first use).
enum GarbleRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
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

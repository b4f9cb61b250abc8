import Foundation

/// The bilingual family: checks of a translation against its source, run when a document carries one
/// (`Document.bitext`: corpus records with a source field, `tsv3` lines).
enum BilingualRules {
    static func all(rules: URL, words: Lazy<WordList?>) -> [any Rule] {
        let known = Lazy<KnownNames?> { try? KnownNames.load(rules.appendingPathComponent("gazetteer/known-names.txt")) }
        return [NumberMismatchRule(), PlaceholderMismatchRule(), UntranslatedSegmentRule(words: words),
                NameCarriedOverRule(words: words, known: known)]
    }
}

import Foundation

/// The rules mtlint ships, built from the data in a rules folder.
public enum RuleRegistry {
    /// Every built-in rule, in a stable order.
    public static func builtin(rules: URL) throws(DataError) -> [any Rule] {
        let repetition = try RepetitionData.load(rules: rules)
        let words = Lazy<WordList?> { try? WordList.shared(in: rules) }
        return [
            RepeatedWordRule(data: repetition, words: words),
            RepeatedPhraseRule(),
            RepeatedAroundPrepositionRule(data: repetition),
            SelfCompoundRule(data: repetition),
            SameStemRule(data: repetition),
        ]
    }
}

import Foundation

/// The Repetition rule family, registered by `RuleRegistry`: doubled words, repeated phrases, nouns around
/// a preposition, self-compounds and same-stem pairs, sharing the repetition data of `Rules/repetition`.
enum RepetitionRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        let data = try RepetitionData.load(rules: rules)
        return [
            RepeatedWordRule(data: data, words: words),
            RepeatedPhraseRule(),
            RepeatedAroundPrepositionRule(data: data),
            SelfCompoundRule(data: data),
            SameStemRule(data: data),
        ]
    }
}

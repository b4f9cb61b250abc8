import Foundation

/// The Characters rule family, registered by `RuleRegistry`.
enum CharacterRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        []
    }
}

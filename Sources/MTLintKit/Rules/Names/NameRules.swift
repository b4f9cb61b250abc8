import Foundation

/// The Names rule family, registered by `RuleRegistry`.
enum NameRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        []
    }
}

import Foundation

/// The Literalism rule family, registered by `RuleRegistry`.
enum LiteralismRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        []
    }
}

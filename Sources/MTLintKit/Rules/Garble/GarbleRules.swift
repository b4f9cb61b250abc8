import Foundation

/// The Garble rule family, registered by `RuleRegistry`.
enum GarbleRules {
    static func all(rules: URL, words: Lazy<WordList?>) throws(DataError) -> [any Rule] {
        []
    }
}

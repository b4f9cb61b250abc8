import Foundation

/// The Characters rule family, registered by `RuleRegistry`: encoding damage (mojibake, replacement,
/// invisible, compatibility and unnormalized characters), script (untranslated fragments in another script
/// or language, mixed-script words) and typography (broken hyphens, apostrophes, quotes, spacing and
/// doubled punctuation).
enum CharacterRules {
    static func all(rules: URL, words: Lazy<WordList?>, typography: HouseTypography = HouseTypography()) throws(DataError) -> [any Rule] {
        [
            MojibakeRule(),
            ReplacementCharacterRule(),
            InvisibleCharacterRule(words: words),
            CompatibilityCharacterRule(),
            UnnormalizedTextRule(),
            ForeignScriptRule(),
            ForeignFragmentRule(words: words),
            MixedScriptWordRule(words: words),
            SpacedHyphenRule(words: words),
            ApostropheRule(),
            QuoteDamageRule(),
            SpaceBeforePunctuationRule(),
            DoubledPunctuationRule(words: words),
            MissingSpaceRule(words: words),
            QuoteStyleRule(style: typography.quotes),
            DashStyleRule(style: typography.dashes),
        ]
    }
}

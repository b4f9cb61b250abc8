/// What kind of problem a rule finds: shown to editors, used by `categories:` in `.mtlint.yml`, by the garble
/// score's weighting of findings and by the LanguageTool API's categories.
public enum RuleCategory: String, Sendable, CaseIterable, Comparable {
    /// A word or phrase repeated by a machine-translation stutter ("final final final final").
    case repetition
    /// Names of people and places: garbled, lower-cased, inconsistent, possessives, house style.
    case name
    /// A word-for-word translation of another language's idiom ("peace conversations").
    case literalism
    /// A passage that reads as garbled, or look-alike characters in known phrases.
    case garbled
    /// A sentence cut off mid-clause.
    case truncation
    /// A paragraph break inside a sentence.
    case textBreaking = "text-breaking"
    /// Punctuation, quotation marks, hyphens, dashes and spacing.
    case typography
    /// Broken characters: mojibake, replacement and invisible characters, unnormalized text.
    case encoding
    /// Text left in another script or language.
    case script
    /// Non-words and misspellings.
    case spelling
    /// A translation that disagrees with its source (numbers, placeholders, names), when the source is given.
    case bilingual
    /// A suppression comment that names an unknown rule or suppresses nothing.
    case suppression

    public static func < (a: RuleCategory, b: RuleCategory) -> Bool { a.rawValue < b.rawValue }
}

import Foundation

/// The rules mtlint ships, built from the data in a rules folder.
public enum RuleRegistry {
    /// Every built-in rule, in a stable order.
    /// `extraPacks`: literalism packs a user adds (`--rules FILE`), in the same format as Rules/literalisms.
    /// `extraGazetteers`: name lists a user adds (`--gazetteer FILE`), in gazetteer.tsv's layout.
    /// `typography`: house quotes and dashes (`quote-style`, `dash-style` stay silent without them).
    /// `houseStyle`: preferred spellings of names (`--house-style Zelenskyy`), suggested over the others.
    public static func builtin(rules: URL, extraPacks: [URL] = [], extraGazetteers: [URL] = [],
                               houseStyle: [String] = [], typography: HouseTypography = HouseTypography()) throws(DataError) -> [any Rule] {
        let words = Lazy<WordList?> { try? WordList.shared(in: rules) }
        // Each family registers its own rules through one `…Rules.all` in its folder under Sources/MTLintKit/Rules.
        var all = try RepetitionRules.all(rules: rules, words: words)
        all += try NameRules.all(rules: rules, words: words, extraGazetteers: extraGazetteers, houseStyle: houseStyle)
        all += try LiteralismRules.all(rules: rules, words: words, extraPacks: extraPacks)
        // Characters before Garble: untranslated-word leaves the clauses foreign-fragment reports to it.
        all += try CharacterRules.all(rules: rules, words: words, typography: typography)
        all += BilingualRules.all(rules: rules, words: words)
        // The garble pass last: it weighs the other rules' findings.
        all += try GarbleRules.all(rules: rules, words: words)
        return all
    }
}

extension RuleRegistry {
    /// The message for a rule id that no rule has, naming up to three close ids ("unknown rule id 'repeated';
    /// did you mean repeated-phrase, repeated-word?") or else where the list is (`seeAlso`).
    /// `context`: where the id was given ("in only").
    public static func unknownRuleMessage(_ id: String, context: String? = nil, known: some Sequence<String>,
                                          seeAlso: String? = nil) -> String {
        let what = "unknown rule id '\(id)'" + (context.map { " \($0)" } ?? "")
        let close = known.filter { $0.contains(id) || id.contains($0) }.sorted().prefix(3)
        if !close.isEmpty { return what + "; did you mean \(close.joined(separator: ", "))?" }
        return what + (seeAlso.map { "; see \($0)" } ?? "")
    }
}

/// One entity spelled two ways in one text ("Zelensky" and "Zelenskyy"): the less frequent spelling is
/// reported with the other as its suggestion.
struct NameConsistencyRule: Rule {
    var info: RuleInfo { Self.info }
    let pass: NamePass

    static let info = RuleInfo(
        id: "inconsistent-name",
        category: .name,
        severity: .warning,
        summary: "The same person or place spelled two different ways in one text.",
        triggers: [
            RuleExample("Zelensky met Erdogan. Zelensky spoke first. Later «Zelenskyy» left.", suggestion: "Zelensky"),
        ],
        quiet: [
            "Zelenskyy met Erdogan. Zelenskyy spoke first.",
            "Zelensky's aides met Zelensky's critics.",
        ])

    func check(_ document: Document, _ findings: inout [Finding]) {
        check(pass.analysis(document), &findings)
    }

    func check(_ a: NameAnalysis, _ findings: inout [Finding]) {
        for (e, forms) in a.forms where forms.count >= 2 && !a.gazetteer.houseStyled.contains(e) {
            let entity = a.gazetteer.entities[e]
            // Most used first; on a tie, the entity's own spelling over a listed variant, then the first used.
            func rank(_ form: String) -> Int { [entity.preferred, entity.short, entity.canonical].contains(form) ? 1 : 0 }
            let ordered = forms.sorted {
                ($0.value, rank($0.key), firstUse(a, e, $1.key)) > ($1.value, rank($1.key), firstUse(a, e, $0.key))
            }
            let majority = ordered[0].key
            let majorityKey = NameSimilarity.scalars(Document.key(majority))
            for t in a.occurrences[e] ?? [] {
                let form = a.surface(t)
                guard form != majority, !a.doc.tokens[t].flags.contains(.allCaps) else { continue }
                // Only spellings of one word (Zelensky/Zelenskyy, Erdogan/Erdoğan), not other names of the
                // entity (GOP/Republicans, Qazaqstan/Kazakhstan as a deliberate official form).
                let key = NameSimilarity.scalars(Document.key(form))
                guard key.first == majorityKey.first, NameSimilarity.osa(key, majorityKey, limit: 2) <= 2 else { continue }
                findings.append(Finding(
                    ruleID: Self.info.id, units: a.unitsWithoutPossessive(t),
                    message: "\(entity.canonical) is spelled “\(majority)” elsewhere in this text and “\(form)” here.",
                    replacements: [.text(majority)]))
            }
        }
    }

    private func firstUse(_ a: NameAnalysis, _ e: Int, _ form: String) -> Int {
        -((a.occurrences[e] ?? []).first { a.surface($0) == form } ?? Int.max)
    }
}

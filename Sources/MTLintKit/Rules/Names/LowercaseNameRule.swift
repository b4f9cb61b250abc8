/// A known name written in lower case: "kyiv’s request" → "Kyiv’s". Only when the lower-case form is not
/// an English word ("trump", "china" and "pope" stay alone), or when a given name comes before it
/// ("Donald trump").
struct LowercaseNameRule {
    static let info = RuleInfo(
        id: "lowercase-name",
        category: "name",
        severity: .warning,
        summary: "A known proper name written in lower case.",
        triggers: [
            RuleExample("The Kremlin would consider «kyiv»’s request.", suggestion: "Kyiv"),
            RuleExample("Talks moved from «istanbul» to Ankara.", suggestion: "Istanbul"),
            RuleExample("They met Donald «trump» in Riyadh.", suggestion: "Trump"),
        ],
        quiet: [
            "Cards will trump everything else.",
            "They bought fine china for the embassy.",
            "See https://kyiv.example.org/kyiv for details.",
            "The pope's visit was planned.",
        ],
        fixIsSafe: true)

    func check(_ a: NameAnalysis, _ findings: inout [Finding]) {
        for (t, ents) in a.resolved where !a.doc.tokens[t].flags.contains(.capitalized) {
            let key = NameAnalysis.baseKey(a.doc.keys[t])
            guard let e = ents.first(where: { a.gazetteer.entities[$0].type != .other }) else { continue }
            let entity = a.gazetteer.entities[e]
            guard let form = entity.forms.first(where: { Document.key($0) == key }),
                  form.first?.isUppercase == true else { continue }
            var english = a.gazetteer.lowercaseWords.contains(key) || a.words?.commonWordLevel(key) != nil
            if english, let g = a.wordBefore(t), a.doc.tokens[g].flags.contains(.capitalized),
               entity.given.map(Document.key).contains(a.doc.keys[g]) {
                english = false
            }
            guard !english else { continue }
            findings.append(Finding(
                ruleID: Self.info.id, units: a.unitsWithoutPossessive(t),
                message: "“\(a.surface(t))” is a name: write “\(form)”.",
                replacements: [.text(form)]))
        }
    }
}

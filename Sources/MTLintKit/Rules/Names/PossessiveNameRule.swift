/// A name with a possessive "s" but no apostrophe: "Moscows Delegation" → "Moscow's". Machine translation
/// loses the apostrophe; the stem is a known name and the word itself is not.
struct PossessiveNameRule: Rule {
    var info: RuleInfo { Self.info }
    let pass: NamePass

    static let info = RuleInfo(
        id: "possessive-without-apostrophe",
        // The editor files a lost apostrophe under typography; the gazetteer is only how it is found.
        category: .typography,
        severity: .warning,
        summary: "A known name followed by “s” without the apostrophe of the possessive.",
        triggers: [
            RuleExample("Medinsky took the opportunity to lead «Moscows» delegation.", suggestion: "Moscow's"),
            RuleExample("They rejected «Ankaras» demands.", suggestion: "Ankara's"),
        ],
        quiet: [
            "The two Koreas held talks.",
            "He moved to Athens in May.",
            "The Williams family met the Kennedys.",
            "Moscow's delegation arrived.",
        ])

    static let pluralMarkers: Set<String> = ["the", "two", "three", "both", "all", "several", "many", "other", "these", "those", "rival"]

    func check(_ document: Document, _ findings: inout [Finding]) {
        check(pass.analysis(document), &findings)
    }

    func check(_ a: NameAnalysis, _ findings: inout [Finding]) {
        let apostrophe = a.doc.prose.units.contains(0x2019) ? "’" : "'"
        for (key, tokens) in a.unknown where key.hasSuffix("s") && key.count >= 5 {
            let stem = String(key.dropLast())
            guard let e = a.gazetteer.entities(forKey: stem).first else { continue }
            let entity = a.gazetteer.entities[e]
            guard let form = entity.forms.first(where: { Document.key($0) == stem }) ?? Optional(entity.preferred) else { continue }
            for t in tokens {
                if let b = a.wordBefore(t), Self.pluralMarkers.contains(a.doc.keys[b]) { continue }
                // The possessed noun follows.
                guard t + 1 < a.doc.tokens.count, a.doc.tokens[t + 1].kind == .word,
                      a.doc.tokens[t + 1].flags.contains(.spaceBefore) else { continue }
                findings.append(Finding(
                    ruleID: Self.info.id, units: a.doc.tokens[t].range,
                    message: "“\(a.doc.text(t))” is missing the apostrophe of the possessive: “\(form)\(apostrophe)s”.",
                    replacements: [.text(form + apostrophe + "s")]))
            }
        }
    }
}

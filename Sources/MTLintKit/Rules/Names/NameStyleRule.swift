/// Outdated or non-house spellings of names from the gazetteer's style rules (`Rules/gazetteer/style.tsv`):
/// "Kiev" → "Kyiv", "Kharkov" → "Kharkiv".
struct NameStyleRule: Rule {
    var info: RuleInfo { Self.info }
    let pass: NamePass

    static let info = RuleInfo(
        id: "name-style",
        category: .name,
        severity: .info,
        summary: "An outdated or non-house spelling of a name (Kiev → Kyiv).",
        triggers: [
            RuleExample("Delegates returned to «Kiev» on Friday.", suggestion: "Kyiv"),
            RuleExample("Shelling hit «Kharkov» overnight.", suggestion: "Kharkiv"),
        ],
        quiet: [
            "Delegates returned to Kyiv on Friday.",
            "She ordered chicken Kiev.",
        ])

    func check(_ document: Document, _ findings: inout [Finding]) {
        check(pass.analysis(document), &findings)
    }

    func check(_ a: NameAnalysis, _ findings: inout [Finding]) {
        guard !a.gazetteer.style.isEmpty else { return }
        for (t, tok) in a.doc.tokens.enumerated() where tok.kind == .word && tok.flags.contains(.capitalized) {
            let surface = a.surface(t)
            guard let (right, note) = a.gazetteer.style[surface] else { continue }
            // Dishes and other fixed expressions keep the old spelling.
            if let b = a.wordBefore(t), ["chicken", "chicken-"].contains(a.doc.keys[b]) { continue }
            findings.append(Finding(
                ruleID: Self.info.id, units: a.unitsWithoutPossessive(t),
                message: "Write “\(right)” for “\(surface)”" + (note.isEmpty ? "." : ": \(note)."),
                replacements: [.text(right)]))
        }
    }
}

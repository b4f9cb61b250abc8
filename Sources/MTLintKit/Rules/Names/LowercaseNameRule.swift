/// A known name written in lower case: "kyiv’s request" → "Kyiv’s". Only when the lower-case form is not
/// an English word ("trump", "china" and "pope" stay alone), or when a given name comes before it
/// ("Donald trump").
struct LowercaseNameRule: Rule {
    var info: RuleInfo { Self.info }
    let pass: NamePass

    static let info = RuleInfo(
        id: "lowercase-name",
        category: .name,
        severity: .warning,
        summary: "A known proper name written in lower case.",
        triggers: [
            RuleExample("The Kremlin would consider «kyiv»’s request.", suggestion: "Kyiv"),
            RuleExample("Talks moved from «istanbul» to Ankara.", suggestion: "Istanbul"),
            RuleExample("They met Donald «trump» in Riyadh.", suggestion: "Trump"),
            RuleExample("Talks in Nairobi ended late. The «nairobi» office closed.", suggestion: "Nairobi"),
        ],
        quiet: [
            "Cards will trump everything else.",
            "They bought fine china for the embassy.",
            "See https://kyiv.example.org/kyiv for details.",
            "The pope's visit was planned.",
            "Turkey hosted the talks; the turkey was served at dinner.",
        ],
        fixIsSafe: true)

    func check(_ document: Document, _ findings: inout [Finding]) {
        check(pass.analysis(document), pass.names(document), &findings)
    }

    func check(_ a: NameAnalysis, _ names: DocumentNames, _ findings: inout [Finding]) {
        var reported = Set<Int>()
        // Names the document itself writes capitalised ("Nairobi" in the text, "nairobi" here).
        for f in names.forms where !f.lower.isEmpty && names.isName(f) && !f.english
            && !a.gazetteer.lowercaseWords.contains(f.key) {
            let form = f.display
            let times = f.count == 1 ? "once" : (f.count == 2 ? "twice" : "\(f.count) times")
            for t in f.lower where !inCompoundOrHandle(a, t) {
                reported.insert(t)
                findings.append(Finding(
                    ruleID: Self.info.id, units: a.unitsWithoutPossessive(t),
                    message: "“\(a.surface(t))” is a name: this text writes “\(form)” \(times).",
                    replacements: [.text(form)]))
            }
        }
        for (t, ents) in a.resolved where !a.doc.tokens[t].flags.contains(.capitalized) && !reported.contains(t) {
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

    /// Part of a file name, handle or lower-case compound ("nairobi-based" stays a choice of style).
    private func inCompoundOrHandle(_ a: NameAnalysis, _ t: Int) -> Bool {
        let doc = a.doc
        if t > 0, !doc.tokens[t].flags.contains(.spaceBefore), doc.tokens[t - 1].kind == .punctuation {
            let u = doc.prose.units[Int(doc.tokens[t - 1].start)]
            if u == 0x40 || u == 0x23 || u == 0x2F || u == 0x2E || u == 0x5F { return true }   // @ # / . _
        }
        if t + 1 < doc.tokens.count, !doc.tokens[t + 1].flags.contains(.spaceBefore), doc.tokens[t + 1].kind == .punctuation {
            let u = doc.prose.units[Int(doc.tokens[t + 1].start)]
            if u == 0x2F || u == 0x5F || (u == 0x2E && t + 2 < doc.tokens.count && !doc.tokens[t + 2].flags.contains(.spaceBefore)) { return true }
        }
        return false
    }
}

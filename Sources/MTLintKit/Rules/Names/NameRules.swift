import Foundation

/// The pass the name rules share: the document's name analysis (tokens read as names, against the
/// gazetteer) and its name model (`DocumentNames`), each computed once per document for the rules that ask.
final class NamePass: Sendable {
    let gazetteer: Gazetteer
    let words: Lazy<WordList?>
    /// The owner of the second cached result (the name model), beside `self` for the analysis.
    private final class ModelKey: Sendable {}
    private let modelKey = ModelKey()
    /// Facts about name forms, kept across documents (pure functions of the spelling and this rule set's data).
    private let formFacts = Memo<DocumentNames.FactsKey, DocumentNames.Facts>()

    init(gazetteer: Gazetteer, words: Lazy<WordList?>) {
        self.gazetteer = gazetteer
        self.words = words
    }

    func analysis(_ document: Document) -> NameAnalysis {
        document.shared(self) { NameAnalysis(document, gazetteer: gazetteer, words: words.get) }
    }

    func names(_ document: Document) -> DocumentNames {
        document.shared(modelKey) { DocumentNames(analysis(document), facts: formFacts) }
    }
}

/// The names family, registered by `RuleRegistry`: five rules over one shared `NamePass`.
enum NameRules {
    static func all(rules: URL, words: Lazy<WordList?>, extraGazetteers: [URL] = [], houseStyle: [String] = []) throws(DataError) -> [any Rule] {
        let gazetteerFile = rules.appendingPathComponent("gazetteer/gazetteer.tsv")
        guard FileManager.default.fileExists(atPath: gazetteerFile.path) else { return [] }
        let pass = NamePass(gazetteer: try Gazetteer.load(rules: rules, extra: extraGazetteers, houseStyle: houseStyle), words: words)
        return [GarbledNameRule(pass: pass), LowercaseNameRule(pass: pass), PossessiveNameRule(pass: pass),
                NameConsistencyRule(pass: pass), NameStyleRule(pass: pass)]
    }
}

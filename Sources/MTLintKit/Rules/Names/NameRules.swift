import Foundation

/// The names family: one pass over the document's names, reported under each rule's id.
struct NameChecker: Rule {
    let info = GarbledNameRule.info
    var infos: [RuleInfo] {
        [GarbledNameRule.info, LowercaseNameRule.info, PossessiveNameRule.info, NameConsistencyRule.info, NameStyleRule.info]
    }

    let gazetteer: Gazetteer
    let words: Lazy<WordList?>

    func check(_ document: Document, _ findings: inout [Finding]) {
        let analysis = NameAnalysis(document, gazetteer: gazetteer, words: words.get)
        let names = DocumentNames(analysis)
        GarbledNameRule().check(analysis, names, &findings)
        LowercaseNameRule().check(analysis, names, &findings)
        PossessiveNameRule().check(analysis, &findings)
        NameConsistencyRule().check(analysis, &findings)
        NameStyleRule().check(analysis, &findings)
    }
}

enum NameRules {
    static func all(rules: URL, words: Lazy<WordList?>, extraGazetteers: [URL] = [], houseStyle: [String] = []) throws(DataError) -> [any Rule] {
        let gazetteerFile = rules.appendingPathComponent("gazetteer/gazetteer.tsv")
        guard FileManager.default.fileExists(atPath: gazetteerFile.path) else { return [] }
        return [NameChecker(gazetteer: try Gazetteer.load(rules: rules, extra: extraGazetteers, houseStyle: houseStyle), words: words)]
    }
}

import Foundation
import Testing
@testable import MTLintKit

/// Names: garbled-name suggestions on seed 001, quiet on clean copy, and the matching machinery.
struct NameTests {
    static func nameFindings(_ text: String) -> [Diagnostic] {
        TestSupport.linter.lint(text: text).diagnostics.filter {
            ["garbled-name", "lowercase-name", "possessive-without-apostrophe", "inconsistent-name", "name-style"].contains($0.ruleID)
        }
    }

    @Test func seed001NamesAreCorrected() {
        let found = Self.nameFindings(TestSupport.sample("001").text).map { "\($0.text)→\($0.suggestions.first ?? "")" }
        #expect(found.filter { $0 == "Zensky→Zelensky" }.count == 3)
        #expect(found.contains("Settenky→Zelensky"))
        #expect(found.contains("kyiv→Kyiv"))
        #expect(found.contains { $0.hasPrefix("Moscows→Moscow") && $0.hasSuffix("s") })
        #expect(found.count == 6, "\(found)")
    }

    @Test(arguments: ["000", "002", "003", "004"])
    func noNameFindingOnCleanCopy(_ prefix: String) {
        #expect(Self.nameFindings(TestSupport.sample(prefix).text).isEmpty)
    }

    @Test func realNamesAreNotTurnedIntoOthers() {
        #expect(Self.nameFindings("Economist Robert Rubin said markets were calm. Irina Fomina met Oleksandr Fomin.").isEmpty)
        let rubin = Self.nameFindings("US Secretary of State Marco Rubin arrived in Istanbul.")
        #expect(rubin.map(\.suggestions) == [["Rubio"]])
        #expect(Self.nameFindings("Mayor Bruce Harrell of Seattle met Nastya Zelenko.").isEmpty)
    }

    @Test func consistencyAndStyle() {
        let mixed = Self.nameFindings("Zelensky met Erdogan. Zelensky spoke. Zelenskyy left for Kyiv.")
        #expect(mixed.map(\.ruleID) == ["inconsistent-name"])
        #expect(mixed.first?.suggestions == ["Zelensky"])
        let old = Self.nameFindings("The delegation flew back to Kiev.")
        #expect(old.map(\.ruleID) == ["name-style"] && old.first?.severity == .info)
    }

    @Test func transliterationGivesTheLatinSpellingsOfNews() throws {
        #expect(NameTransliteration.latinVariants("Зеленський") == ["Zelensky", "Zelenskyi", "Zelenskyy"])
        #expect(NameTransliteration.latinVariants("Київ").first == "Kyiv")
        #expect(NameTransliteration.latinVariants("Сергій").prefix(2) == ["Serhiy", "Serhii"])
        #expect(NameTransliteration.latinVariants("Дмитрий Медведев") == ["Dmitry Medvedev", "Dmitriy Medvedev"])
        #expect(NameTransliteration.latinVariants("Erdoğan") == ["Erdogan"])
        #expect(NameTransliteration.latinVariants("Zelensky").isEmpty)
        #expect(NameTransliteration.latinVariants("Αθήνα").first == "Athena")
        #expect(throws: DataError.self) { try Transliterator(id: "No-Such/Transform") }
    }

    /// A newsroom lists a name only in Cyrillic; its Latin spellings are recognised and corrected toward.
    @Test func userGazetteerInCyrillic() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = dir.appendingPathComponent("names.tsv")
        try "#id\ttype\tcanonical\tshort\tgiven\ttitles\nperson/v\tperson\tОстап Вишневський\tВишневський\tОстап\tMayor\n"
            .write(to: names, atomically: true, encoding: .utf8)
        let rules = try RuleRegistry.builtin(rules: TestSupport.rulesDirectory, extraGazetteers: [names])
        let linter = Linter(rules: rules, enabled: ["garbled-name", "inconsistent-name"])
        let garbled = linter.lint(text: "Mayor Ostap Vyshnevsky met reporters. Later Vyshnevksy said the city was calm.").diagnostics
        #expect(garbled.map { "\($0.text)→\($0.suggestions.first ?? "")" } == ["Vyshnevksy→Vyshnevsky"])
        #expect(linter.lint(text: "Mayor Vyshnevskyy met reporters. Mayor Vyshnevskyy left.").diagnostics.isEmpty)
        #expect(linter.lint(text: "Ostap Vyshnevsky met Vyshnevskyy.").diagnostics.map(\.ruleID) == ["inconsistent-name"])
        // Without the list, the same text is not a name error.
        #expect(TestSupport.linter.lint(text: "Ostap Vyshnevsky met Vyshnevskyy.").diagnostics.isEmpty)
    }

    /// A configured house spelling is suggested for the entity's other spellings, and for its garbles.
    @Test func houseStyle() throws {
        let rules = try RuleRegistry.builtin(rules: TestSupport.rulesDirectory, houseStyle: ["Zelenskyy"])
        let linter = Linter(rules: rules, enabled: ["garbled-name", "inconsistent-name", "name-style"])
        let found = linter.lint(text: "Zelensky met Erdogan. Zelensky spoke. Zelenskyy left. Mr Zensky agreed.").diagnostics
        #expect(found.map { "\($0.ruleID):\($0.text)→\($0.suggestions.first ?? "")" } == [
            "name-style:Zelensky→Zelenskyy", "name-style:Zelensky→Zelenskyy", "garbled-name:Zensky→Zelenskyy"])
        #expect(linter.lint(text: "Zelenskyy met Erdogan in Kyiv.").diagnostics.isEmpty)
        #expect(throws: DataError.self) { try RuleRegistry.builtin(rules: TestSupport.rulesDirectory, houseStyle: ["Zelenskyyy"]) }
    }

    @Test func knownNamesGuardAndSimilarity() throws {
        let known = try KnownNames.load(TestSupport.rulesDirectory.appendingPathComponent("gazetteer/known-names.txt"))
        #expect(known.count > 500_000)
        #expect(known.contains("Rubin") && known.contains("Fomina") && !known.contains("Settenky") && !known.contains("Zensky"))
        let s = NameSimilarity.scalars
        #expect(NameSimilarity.osa(s("zensky"), s("zelensky")) == 2)
        #expect(NameSimilarity.osa(s("rubio"), s("rubin")) == 1)
        #expect(NameSimilarity.osa(s("ab"), s("ba")) == 1)
        #expect(abs(NameSimilarity.jaroWinkler(s("settenky"), s("zelensky")) - 0.75) < 0.01)
        #expect(NameSimilarity.bigramDice(s("settenky"), s("zelensky")) > 0.28)
    }

    @Test func fuzzyIndexFindsNearNames() {
        let index = FuzzyIndex(maxDistance: 2, prefix: 7)
        for n in ["zelensky", "medinsky", "erdogan", "fidan", "umerov", "kyiv"] { index.add(n) }
        #expect(index.lookup("zensky").map(\.index) == [0])
        #expect(index.lookup("erdogen").first?.distance == 1)
        #expect(index.lookup("xyzzy").isEmpty)
        #expect(index.lookup("kyv").first?.index == 5)
    }
}

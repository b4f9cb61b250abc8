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

    /// The fuzzy index's deletion variants equal those of a plain breadth-first enumeration of distinct strings.
    @Test func deleteVariantsMatchAPlainEnumeration() {
        func reference(_ index: FuzzyIndex, _ word: [UInt32]) -> Set<UInt64> {
            let head = Array(word.prefix(index.prefix))
            var out: Set<UInt64> = [FuzzyIndex.hash(head[...])]
            var frontier: Set<[UInt32]> = [head]
            for _ in 0..<index.maxDistance {
                var next: Set<[UInt32]> = []
                for w in frontier where w.count > 1 {
                    for i in 0..<w.count {
                        var d = w
                        d.remove(at: i)
                        if next.insert(d).inserted { out.insert(FuzzyIndex.hash(d[...])) }
                    }
                }
                frontier = next
            }
            return out
        }
        var rng = SystemRandomNumberGenerator()
        for distance in 1...3 {
            let index = FuzzyIndex(words: [], maxDistance: distance, prefix: 7)
            for _ in 0..<300 {
                let word = (0..<Int.random(in: 1...10, using: &rng)).map { _ in UInt32.random(in: 97...100, using: &rng) }
                #expect(index.deleteHashes(word) == reference(index, word), "\(word)")
            }
        }
    }

    @Test func gazetteerRowsParseByFieldAndErrorsNameTheLine() throws {
        let header = "#id\ttype\tkind\tcanonical\tshort\thouse\tvariants\talt\tgiven\ttitles\tcountry\tlcwords"
        // Windows line ends, an empty field, a "|" list with an empty item, and a non-ASCII spelling.
        let text = "# comment\r\n" + header + "\r\n"
            + "p1\tperson\tpolitician\tVolodymyr Zelensky\tZelensky\t\tZelenskyy|Zelenskiy||\tЗеленський\tVolodymyr\tPresident\tUA\t\r\n"
            + "\r\n"
            + "c1\tplace\tcity\tKyiv\t\t\t\tKiev\t\t\tUA\tkyiv\n"
        let e = try Gazetteer.parseEntities(text, path: "g.tsv")
        #expect(e.count == 2)
        #expect(e[0].canonical == "Volodymyr Zelensky" && e[0].short == "Zelensky" && e[0].house.isEmpty)
        #expect(e[0].variants == ["Zelenskyy", "Zelenskiy"])
        #expect(e[0].alternates == ["Зеленський"] && e[0].titles == ["President"] && e[0].country == "UA")
        #expect(e[1].short == "Kyiv" && e[1].alternates == ["Kiev"] && e[1].lowercaseWords == ["kyiv"])
        func failure(_ text: String) -> String {
            do { _ = try Gazetteer.parseEntities(text, path: "g.tsv"); return "" } catch { return "\(error)" }
        }
        #expect(failure("p1\tperson\tx\tA\n").contains("g.tsv:1"))
        #expect(failure(header + "\n\np1\tanimal\tx\tA\n").contains("g.tsv:3"))
        #expect(failure(header + "\np1\tperson\tx\t\n").contains("empty canonical name"))
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
        let index = FuzzyIndex(words: ["zelensky", "medinsky", "erdogan", "fidan", "umerov", "kyiv"], maxDistance: 2, prefix: 7)
        #expect(index.lookup("zensky").map(\.index) == [0])
        #expect(index.lookup("erdogen").first?.distance == 1)
        #expect(index.lookup("xyzzy").isEmpty)
        #expect(index.lookup("kyv").first?.index == 5)
    }

    // MARK: The document name model and the large name list

    static func corrections(_ text: String) -> [String] {
        nameFindings(text).map { "\($0.ruleID):\($0.text)→\($0.suggestions.first ?? "")" }
    }

    @Test func rareFormCloseToTheDocumentsNameIsCorrected() {
        #expect(Self.corrections("""
            Guadalajara will host the final. The mayor of Guadalajara said Guadalajara was ready, \
            and hotels in Guadalajra were full.
            """) == ["garbled-name:Guadalajra→Guadalajara"])
        // A real name elsewhere in the world (Merkle) is still a slip when the text names Merkel more often.
        #expect(Self.corrections("Angela Merkel spoke. Merkel said the plan was sound. Later Merkle left.")
                == ["garbled-name:Merkle→Merkel"])
        // A shared partner word ("Kuala") settles a one-to-one tie toward the listed name.
        #expect(Self.corrections("Kuala Lumpur hosted the summit. In Kuala Lampur the talks went on.")
                == ["garbled-name:Lampur→Lumpur"])
    }

    @Test func legitimateNearPairsStayQuiet() {
        for text in [
            "Oleksandr Fomin met Irina Fomina. Fomin said Fomina agreed. Fomin left.",
            "John Morrison spoke. Morrison said Morrison's plan worked. Anna Morison, his rival, declined.",
            "Kenya signed. Kenya and Kenyan officials met. The Kenyan side agreed.",
            "Hindu groups met. Hindu leaders spoke of the politics of Hindutva.",
            "Cornwall police said Cornwall was calm, according to CornwallLive.",
            "Zelensky met Erdogan. Zelensky spoke. Zelensky left. Zelenskyy's aides stayed.",
            "The tombs of Djehuty and Hery were opened. Hery was a royal scribe.",
            "I've seen it. They've gone. We'd left.",
        ] {
            #expect(Self.nameFindings(text).filter { $0.ruleID == "garbled-name" }.isEmpty, "\(text)")
        }
    }

    @Test func lowerCaseUseOfTheDocumentsName() {
        #expect(Self.corrections("Talks in Nairobi ended late. The nairobi office closed.") == ["lowercase-name:nairobi→Nairobi"])
        // Ordinary words stay ordinary: the bird, the porcelain, the shrub.
        #expect(Self.nameFindings("Turkey hosted the talks. The turkey was served on fine china near a bush.").isEmpty)
        #expect(Self.nameFindings("See nairobi.example.org for Nairobi.").isEmpty)
    }

    @Test func onlyOccurrenceCorrectedFromTheNameList() {
        #expect(Self.corrections("Officials in Nairoby said the talks would resume.") == ["garbled-name:Nairoby→Nairobi"])
        #expect(Self.corrections("The delegation flew to Chikago on Monday.") == ["garbled-name:Chikago→Chicago"])
        // A rare real name is left alone when no famous name is a clear slip away.
        #expect(Self.nameFindings("The striker Kelechi Iheanacho scored twice.").isEmpty)
        // After a given name, a surname is meant: "Iranzo" is no garbled "Iran".
        #expect(Self.nameFindings("Ambassador Alvaro Iranzo attended.").isEmpty)
    }

    @Test func nameListLookupsAndOffsets() throws {
        let list = try NameList.load(TestSupport.rulesDirectory.appendingPathComponent("gazetteer/names.tsv"))
        let nairobi = try #require(list.entry("Nairobi"))
        #expect(nairobi.prior > 300 && nairobi.isPlace)
        #expect(list.entry(atOffset: nairobi.offset) == nairobi)
        #expect(list.entry(atOffset: nairobi.offset + 1) == nil)
        #expect(list.entry("Nairobix") == nil && list.entry("") == nil)
        var count = 0
        list.forEachForm { _, _ in count += 1 }
        #expect(count >= 1_000_000)
    }

    @Test func channelWeightsAreDataWithLineNumberedErrors() throws {
        let p = try NameChannel.Parameters.parse("# fitted\nslip_cost\t3\nmargin\t0.25\n", path: "channel.tsv")
        #expect(p.slipCost == 3 && p.margin == 0.25 && p.lengthSlope == NameChannel.Parameters().lengthSlope)
        #expect(throws: DataError.self) { try NameChannel.Parameters.parse("slip_cost\t3\nslip\tcost\n", path: "channel.tsv") }
        do {
            _ = try NameChannel.Parameters.parse("margin\tnan\n", path: "channel.tsv")
            Issue.record("a non-finite weight was accepted")
        } catch {
            #expect("\(error)".hasPrefix("channel.tsv:1:"))
        }
    }

    @Test func slipDistanceWeighsTypicalGarbles() {
        func d(_ a: String, _ b: String) -> Float { NameDistance.distance(NameDistance.fold(a), NameDistance.fold(b), limit: 9) ?? 99 }
        #expect(d("Merkle", "Merkel") < 1)            // transposition
        #expect(d("Nairoby", "Nairobi") < 1)          // vowel for vowel
        #expect(d("Godddard", "Goddard") < 0.5)       // doubled letter
        #expect(d("Guadara", "Guadalajara") < 3)      // a dropped syllable is one slip
        #expect(d("Nairobi", "Nairoxi") == 1)          // anything else costs 1
        #expect(d("Erdoğan", "Erdogan") == 0)
        #expect(NameDistance.soundKey(NameDistance.fold("Chikago")) == NameDistance.soundKey(NameDistance.fold("Chicago")))
        #expect(NameDistance.soundKey(NameDistance.fold("Rubio")) != NameDistance.soundKey(NameDistance.fold("Rubin")))
    }

    /// The name-garble generator and its scorer on the three clean samples (no ../shared needed): garbles
    /// found where the name stays intact elsewhere, lower-cased names, precision, and silence on the originals.
    @Test func garbleGeneratorAndScorerOnTheSamples() throws {
        let scorer = Process()
        scorer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        scorer.currentDirectoryURL = TestSupport.repoRoot
        var arguments = ["python3", "scripts/score-names.py", "--mtlint", TestSupport.executable.path]
        for sample in ["000", "002", "003"] {
            arguments += ["--input", "Samples/" + TestSupport.sample(sample).name]
        }
        arguments += ["--min-recall-doc", "0.8", "--min-right-doc", "0.75", "--min-recall-lower", "0.8",
                      "--min-precision", "0.9", "--max-clean-flags", "0"]
        scorer.arguments = arguments
        let pipe = Pipe()
        scorer.standardOutput = pipe
        scorer.standardError = pipe
        try scorer.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        scorer.waitUntilExit()
        #expect(scorer.terminationStatus == 0, "\(report)")
        #expect(report.contains("doc (all)") && report.contains("lower"), "\(report)")
    }
}

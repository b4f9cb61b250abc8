import Foundation
import Testing
@testable import MTLintKit

/// The statistical model of English (`Rules/english`) and what is built on it: the table lookups, non-words
/// by frequency, untranslated words, and the score's new signals.
struct EnglishModelTests {
    static let model = try! EnglishModel.load(rules: TestSupport.rulesDirectory)

    /// The hash index and the binary search give the same answer for every key, listed or not.
    @Test func hashIndexAgreesWithBinarySearch() {
        let lines = ["# comment", "alpha\t1", "beta\t22\tx", "beta gamma\t-3", "delta", "zeta\t6", "éclair\t5"]
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        let table = SortedTable(data: data, hashIndex: false)
        let index = SortedTable.buildIndex(data, from: Int(lines[0].utf8.count) + 1)
        func both(_ a: String, _ b: String? = nil) -> (String?, String?) {
            var a = a, b = b
            return a.withUTF8 { x in
                func run(_ y: UnsafeBufferPointer<UInt8>?) -> (String?, String?) {
                    let s = table.searched(x, y) { String(decoding: $0, as: UTF8.self) }
                    let h = table.hashed(index, x, y) { String(decoding: $0, as: UTF8.self) }
                    return (s, h)
                }
                if b == nil { return run(nil) }
                return b!.withUTF8 { run($0) }
            }
        }
        for key in ["alpha", "beta", "delta", "éclair", "zeta"] {
            let (s, h) = both(key)
            #expect(s != nil && s == h, "\(key): \(String(describing: s)) vs \(String(describing: h))")
        }
        #expect(both("beta", "gamma").0 == "-3" && both("beta", "gamma").1 == "-3")
        for missing in ["alph", "alphaa", "gamma", "", "# comment", "beta gamm"] {
            let (s, h) = both(missing)
            #expect(s == nil && h == nil, "\(missing)")
        }
        #expect(both("beta", "gamm").0 == nil && both("beta", "gamm").1 == nil)
    }

    @Test func wordsPairsAndLanguages() throws {
        let m = Self.model
        #expect(m.zipf("the") > 7)
        #expect(m.zipf("qzxwv") == 0)
        #expect(m.zipf("ceasefire") > 3)
        let mutta = try #require(m.word("mutta"))
        #expect(mutta.foreign?.language == "fi")
        #expect(m.word("während")?.foreign?.language == "de")
        #expect(m.word("talks")?.foreign == nil)
        #expect(m.pairLogP("peace", "talks") != nil)
        #expect(m.pairLogP("peace", "conversations") == nil)
        // "the of" is far rarer than chance; "peace talks" far more frequent.
        #expect(try #require(m.association("the", zipfA: m.zipf("the"), "of", zipfB: m.zipf("of"))) < -1)
        #expect(try #require(m.association("peace", zipfA: m.zipf("peace"), "talks", zipfB: m.zipf("talks"))) > 1)
    }

    @Test func nonWordsByFrequency() {
        let kit = GarbleKit(rules: TestSupport.rulesDirectory, words: Lazy { try? WordList.shared(in: TestSupport.rulesDirectory) }).data
        func misspelling(_ k: String) -> String? { kit.suggestions(for: k, maxDistance: 1, limit: 1).first?.word }
        let m = Self.model
        #expect(m.isNonWord("recieve", misspellingOf: misspelling))      // a common misspelling of "receive"
        #expect(!m.isNonWord("ylang", misspellingOf: misspelling))       // a rare word
        #expect(!m.isNonWord("reconfigurability", misspellingOf: misspelling))  // a formation of "reconfigurable"
        #expect(!m.isNonWord("undeflected", misspellingOf: misspelling))
        #expect(m.isNonWord("decallation", misspellingOf: misspelling))
        #expect(!m.isNonWord("mutta", misspellingOf: misspelling))       // Finnish, not misspelt
    }

    @Test func wordListKeepsTheLowestLevelAndNamesBadLines() throws {
        let list = try WordList(bytes: Array("# SCOWL\nthe\t10\r\ncolour\t50\ncolour\t35\nAnna\t60\n\nzyzzyva\t80\n".utf8), path: "w.tsv")
        #expect(list.level("the") == 10)
        #expect(list.level("colour") == 35)          // listed twice: the lower level
        #expect(list.level("Anna") == 60 && list.level("zyzzyva") == 80)
        #expect(list.level("color") == nil)
        do {
            _ = try WordList(bytes: Array("the\t10\nbroken line\n".utf8), path: "w.tsv")
            Issue.record("a line without a level was accepted")
        } catch {
            #expect("\(error)".contains("w.tsv:2"), "\(error)")
        }
    }

    @Test func wordClassNumbersAgreeWithTheirNames() throws {
        let kit = GarbleKit(rules: TestSupport.rulesDirectory, words: Lazy { try? WordList.shared(in: TestSupport.rulesDirectory) }).data
        let classes = try #require(kit.classes), bigrams = try #require(kit.bigrams)
        for (i, name) in classes.names.enumerated() {
            #expect(WordClasses.isTransparent(WordClassID(i)) == ClassBigramModel.transparent.contains(name), "\(name)")
            for (j, next) in classes.names.enumerated() {
                #expect(kit.association(WordClassID(i), WordClassID(j)) == bigrams.association(name, next))
            }
        }
        let doc = Document(text: "Yesterday the minister 's aides met 3 people, (quietly).")
        for t in doc.tokens.indices {
            #expect(classes.tokenClass(doc, t, initial: t == 0) == classes.names[Int(classes.tokenClassID(doc, t, initial: t == 0))])
        }
    }

    @Test func rareWordsAndScientificNamesAreQuiet() {
        for text in ["The oil of ylang ylang is used in perfume.", "This is the Philodendron selloum.",
                     "The plant, which is helicodiceros, smells of meat.", "Its reconfigurability is the point."] {
            let d = TestSupport.linter.lint(text: text).diagnostics.filter { $0.ruleID == "non-word" }
            #expect(d.isEmpty, "\(text): \(d.map(\.text))")
        }
        let typo = TestSupport.linter.lint(text: "They did not recieve the letter.").diagnostics.first { $0.ruleID == "non-word" }
        #expect(typo?.suggestions.first == "receive")
    }

    @Test func untranslatedWords() {
        func flagged(_ text: String) -> [String] {
            TestSupport.linter.lint(text: text).diagnostics.filter { $0.ruleID == "untranslated-word" }.map(\.text)
        }
        #expect(flagged("The talks will continue mutta the envoy has left.") == ["mutta"])
        #expect(flagged("Prices rose sharply während the first quarter.") == ["während"])
        #expect(flagged("The fly Calliphora vicina was found there.").isEmpty)
        #expect(flagged("A mélange of styles played a rôle in it.").isEmpty)
    }

    /// A malformed model file is an error naming the file, not a silent fallback.
    @Test func malformedGarbleModelIsAnError() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let garble = dir.appendingPathComponent("garble")
        try FileManager.default.createDirectory(at: garble, withIntermediateDirectories: true)
        try "bias\t-1\nlength\t0.4\n".write(to: garble.appendingPathComponent("passage-model.tsv"), atomically: true, encoding: .utf8)
        try "bias\tminus one\n".write(to: garble.appendingPathComponent("score-model.tsv"), atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { try GarbleModel.load(rules: dir) }
        do {
            _ = try GarbleRules.all(rules: dir, words: Lazy { nil })
            Issue.record("a malformed model was accepted")
        } catch {
            #expect("\(error)".contains("score-model.tsv"), "\(error)")
        }
        try "bias\t-1\nlenght\t0.4\n".write(to: garble.appendingPathComponent("score-model.tsv"), atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { try GarbleModel.load(rules: dir) }
    }

    /// The score's model signals are in every passage, and a passage's score rises with its length only
    /// through them (a documented property of a chance of a major error).
    @Test func scoreSignals() throws {
        let r = TestSupport.linter.lint(text: "The ministers met in Ankara on Friday and agreed to continue the talks.")
        let p = try #require(r.paragraphs.first)
        let names = Set(p.signals.map(\.name))
        for n in ["length", "content", "unlisted-pairs", "foreign", "loops"] { #expect(names.contains(n)) }
        let length = try #require(p.signals.first { $0.name == "length" }).value
        #expect(abs(length - log2(14)) < 1e-9)
        #expect(r.words == 13)
        #expect(r.signals.count == GarbleScorer.signalNames.count)
    }
}

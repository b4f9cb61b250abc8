/// A clause left untranslated in a Latin-script language ("el presidente dijo que las negociaciones
/// continuarán"): a run of at least four words with no common English word in it, holding at least two
/// function words of one language (Spanish, Portuguese, French, German, Italian, Dutch, Turkish,
/// Finnish, Polish, Indonesian, Swedish, Romanian) and at least two lower-case words that are not English.
/// Names are neither English nor foreign evidence, so "Banco de la Nación" or "Ministerio de Asuntos
/// Exteriores" stay quiet; quoted, parenthesized and italic fragments (titles, slogans) are not reported.
public struct ForeignFragmentRule: Rule {
    public let info = RuleInfo(
        id: "foreign-fragment",
        category: .script,
        severity: .warning,
        summary: "Untranslated clauses in another Latin-script language (a Spanish or Finnish clause left in English copy).",
        triggers: [
            RuleExample("The minister said «el presidente dijo que las negociaciones continuarán» on Friday.", suggestion: nil),
            RuleExample("Talks ended, «mutta neuvottelut jatkuvat ensi viikolla» according to officials.", suggestion: nil),
            RuleExample("He added that «die Verhandlungen sind noch nicht abgeschlossen».", suggestion: nil),
            RuleExample("The agency reported that «as negociações vão continuar na próxima semana».", suggestion: nil),
        ],
        quiet: [
            "He spoke at the Banco de la Nación Argentina on Friday.",
            "The Ministerio de Asuntos Exteriores y de Cooperación issued a statement.",
            "Crowds chanted “el pueblo unido jamás será vencido” outside.",
            "The film La vita è bella won an award, and the de facto ban stays.",
            "The talks on the coup d'état and the raison d'être of NATO went on.",
            "Officials from São Paulo and Rio de Janeiro met in Porto Alegre.",
            "The singer had a certain je ne sais quoi, the crème de la crème of the scene.",
        ])

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) {
        self.words = words
        self.table = Lazy { Table(words: words.get) }
    }

    static let languages = ["Spanish", "Portuguese", "French", "German", "Italian", "Dutch", "Turkish", "Finnish",
                            "Polish", "Indonesian", "Swedish", "Romanian"]

    /// Frequent function words per language (same order as `languages`), written by the project.
    static let lists: [String] = [
        "el los las del una unos unas por para con que y es está están son fue pero como más muy sus su este esta estos estas ese esa aquí también sin sobre entre hasta desde cuando donde porque según todo todos hay ha han ser había nos les lo le se al ya sí él ella ellos ellas fueron será sido tiene tienen hace dijo durante contra sino cual quien quienes",
        "as os um uma uns umas do da dos das na nas em com pelo pela pelos pelas que é são foi mas como mais muito seu sua seus suas não também ao aos à às este esta isso isto ele ela eles elas está estão onde quando porque sobre entre até desde já sem foram será tem têm disse durante contra ou vão",
        "le la les des du un une et est sont dans pour avec sur pas ne qui que il elle ils elles nous vous au aux ce cette ces son sa ses leur leurs mais ou où très plus été être avoir ont était comme aussi par sans chez je se lui dont selon après avant depuis",
        "der die das den dem des ein eine einen einem einer eines und ist sind war waren nicht mit von zu auf für im ins auch sich es er sie wir ihr ich aber oder wenn dass wie bei nach aus vor über unter noch nur schon sehr werden wird wurde hat haben hatte kein keine zum zur vom als",
        "il lo la gli le un una uno di da con su per tra fra e è sono non che del della dei delle degli dello nel nella nei al alla ai agli anche come più ma questo questa questi molto essere stato stata suo sua suoi loro ha hanno era dopo secondo",
        "de het een en van is op te dat niet met voor zijn er aan ook als bij maar om door naar wordt worden deze dit die hij zij ze werd heeft hebben volgens",
        "ve bir bu ile için olarak daha çok gibi ama şu kadar sonra değil var yok olan ise her ancak veya göre önce bile artık hem fakat çünkü diye etti edecek oldu olacak yapılan gelecek",
        "ja on ei se että ovat oli mutta kun tai myös hän joka jotka ole olla tämä siitä sen kuin vain niin jo nyt voi mukaan jälkeen ollut ensi olivat sekä kanssa",
        "nie się jest na z i że do to jak po przez dla od czy ale już są był była było także oraz który która które",
        "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke adalah oleh telah karena",
        "och är att det som en på för med inte har av den till om var jag de vi ett men eller",
        "și în pe cu de la din că este nu sunt care mai pentru fost sau ca",
    ]

    /// Foreign phrases English has borrowed ("a certain je ne sais quoi").
    static let loanPhrases: [String] = [
        "je ne sais quoi", "crème de la crème", "creme de la creme", "pièce de résistance", "que sera sera",
        "la dolce vita", "dolce far niente", "hasta la vista", "c'est la vie", "ménage à trois", "vis à vis",
        "mano a mano", "cinéma vérité", "sotto voce", "in vino veritas", "noblesse oblige", "fait accompli",
    ]

    /// Function word → bit set of languages; words also common in English ("die", "son", "on", "a") are
    /// kept apart: they vote for a language but are no evidence on their own.
    final class Table: @unchecked Sendable {
        let map: [String: UInt16]
        let ambiguous: [String: UInt16]
        init(words: WordList?) {
            var m: [String: UInt16] = [:], a: [String: UInt16] = [:]
            for (k, list) in ForeignFragmentRule.lists.enumerated() {
                for w in list.split(separator: " ") {
                    let word = String(w)
                    if word.count == 1 && word.unicodeScalars.first!.value < 0x80 {
                        a[word, default: 0] |= UInt16(1) << UInt16(k)
                    } else if let level = words?.commonWordLevel(word), level <= WordList.Level.everyday {
                        a[word, default: 0] |= UInt16(1) << UInt16(k)
                    } else {
                        m[word, default: 0] |= UInt16(1) << UInt16(k)
                    }
                }
            }
            map = m
            ambiguous = a
        }
    }

    private let table: Lazy<Table>

    enum Class { case function(UInt16), ambiguous(UInt16), english, name, unknown(UInt16), neutral }

    /// Letters particular to one or a few of the languages (same bit order as `languages`).
    static func letterVotes(_ key: String) -> UInt16 {
        var bits: UInt16 = 0
        for s in key.unicodeScalars {
            switch s.value {
            case 0xF1: bits |= 1 << 0                                   // ñ Spanish
            case 0xE3, 0xF5: bits |= 1 << 1                             // ã õ Portuguese
            case 0xE8, 0xEA, 0x153: bits |= 1 << 2 | 1 << 4             // è ê œ French, Italian
            case 0xDF: bits |= 1 << 3                                   // ß German
            case 0x131, 0x11F, 0x15F: bits |= 1 << 6                    // ı ğ ş Turkish
            case 0x142, 0x105, 0x119, 0x17C, 0x17A, 0x144: bits |= 1 << 8 // ł ą ę ż ź ń Polish
            case 0x219, 0x21B, 0x103: bits |= 1 << 11                   // ș ț ă Romanian
            case 0xE4, 0xF6: bits |= 1 << 3 | 1 << 7 | 1 << 10           // ä ö German, Finnish, Swedish
            case 0xE5: bits |= 1 << 10                                  // å Swedish
            default: break
            }
        }
        return bits
    }

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard let list = words.get else { return }
        let table = self.table.get
        for s in doc.sentences {
            // Cheap filter: at least two function words.
            var hits = 0
            for t in s.tokens where doc.tokens[t].kind == .word && table.map[doc.keys[t]] != nil { hits += 1 }
            guard hits >= 2 else { continue }
            var classes: [Class] = []
            classes.reserveCapacity(s.tokens.count)
            var firstWord = true
            for t in s.tokens {
                let tok = doc.tokens[t]
                guard tok.kind == .word, !tok.flags.contains(.url) else {
                    classes.append(tok.kind == .number ? .neutral : .neutral)
                    continue
                }
                let key = doc.keys[t]
                let initial = firstWord
                firstWord = false
                let lower = !tok.flags.contains(.capitalized)
                if let bits = table.map[key], lower || initial { classes.append(.function(bits)); continue }
                if let bits = table.ambiguous[key], lower || initial { classes.append(.ambiguous(bits)); continue }
                if !lower && !initial { classes.append(.name); continue }
                if key.count <= 2 && !key.unicodeScalars.contains(where: { $0.value >= 0x80 }) { classes.append(.neutral); continue }
                if let level = list.commonWordLevel(key), level <= WordList.Level.large { classes.append(.english); continue }
                if key.contains("'") || key.contains("’") { classes.append(.english); continue }
                classes.append(.unknown(Self.letterVotes(key)))
            }
            // Windows free of English words.
            var k = 0
            let n = classes.count
            while k < n {
                if case .english = classes[k] { k += 1; continue }
                var e = k
                while e < n { if case .english = classes[e] { break }; e += 1 }
                evaluate(doc, s, k, e, classes, &findings)
                k = e + 1
            }
        }
    }

    private func evaluate(_ doc: Document, _ s: Sentence, _ a: Int, _ b: Int, _ classes: [Class], _ findings: inout [Finding]) {
        // The fragment runs from the first foreign word to the last function or unknown word.
        var first = -1, last = -1
        for k in a..<b {
            switch classes[k] {
            case .function, .unknown: if first < 0 { first = k }; last = k
            default: break
            }
        }
        guard first >= 0, last >= first else { return }
        // Extend back over an article or other short function word ("die Verhandlungen werden…").
        func isAmbiguous(_ k: Int) -> Bool { if k >= a, case .ambiguous = classes[k] { return true }; return false }
        func isName(_ k: Int) -> Bool { if k >= a, case .name = classes[k] { return true }; return false }
        while true {
            if isAmbiguous(first - 1) { first -= 1; continue }
            if isName(first - 1) && isAmbiguous(first - 2) { first -= 2; continue }
            break
        }
        var functionCount = 0, unknown = 0, marked = 0, names = 0
        var votes = [Int](repeating: 0, count: Self.languages.count)
        for k in first...last {
            switch classes[k] {
            case .function(let bits):
                functionCount += 1
                for l in 0..<Self.languages.count where bits & (1 << UInt16(l)) != 0 { votes[l] += 1 }
            case .ambiguous(let bits):
                for l in 0..<Self.languages.count where bits & (1 << UInt16(l)) != 0 { votes[l] += 1 }
            case .unknown(let bits):
                unknown += 1
                if bits != 0 {
                    marked += 1
                    for l in 0..<Self.languages.count where bits & (1 << UInt16(l)) != 0 { votes[l] += 1 }
                }
            case .name: names += 1
            default: break
            }
        }
        guard functionCount + unknown >= 4, names <= functionCount + unknown,
              (functionCount >= 2 && unknown >= 2) || (functionCount >= 3 && unknown >= 1)
                || (functionCount >= 1 && marked >= 2 && unknown >= 3),
              let best = votes.max(), best >= 2 else { return }
        let t0 = s.tokens.lowerBound + first, t1 = s.tokens.lowerBound + last
        let units = doc.units(from: t0, through: t1)
        let phrase = (t0...t1).filter { doc.tokens[$0].kind == .word }.map { doc.keys[$0] }.joined(separator: " ")
        if Self.loanPhrases.contains(where: { phrase == $0 || (phrase.count <= $0.count + 12 && phrase.contains($0)) }) { return }
        if enclosed(doc, units, doc.paragraphs[s.paragraph]) { return }
        let leaders = (0..<Self.languages.count).filter { votes[$0] == best }.map { Self.languages[$0] }
        let language = leaders.count <= 2 ? leaders.joined(separator: " or ") : "not English"
        findings.append(Finding(
            ruleID: info.id, units: units,
            message: "This looks like untranslated text (\(leaders.count <= 2 ? "probably " : "")\(language)): “\(doc.text(units: units))”. Translate it, or quote it as a deliberate citation.",
            replacements: []))
    }

    /// A quoted, parenthesized or italic foreign passage (a title, a slogan, a cited phrase): the quotation
    /// or parenthesis around it holds no English word besides it. A fragment inside an English quotation
    /// is still reported.
    private func enclosed(_ doc: Document, _ r: Range<Int>, _ p: Paragraph) -> Bool {
        let u = doc.prose.units
        // The innermost open mark before the fragment (within a bounded stretch of the paragraph).
        let from = max(p.units.lowerBound, r.lowerBound - 3000), to = min(p.units.upperBound, r.upperBound + 3000)
        var stack: [(Int, UInt16)] = []
        var straightOpen: Int?
        for i in from..<r.lowerBound {
            switch u[i] {
            case 0x22: straightOpen = straightOpen == nil ? i : nil
            case 0x201C, 0x201E, 0xAB, 0x28, 0x2018: stack.append((i, u[i]))
            case 0x201D: if let k = stack.lastIndex(where: { $0.1 == 0x201C || $0.1 == 0x201E }) { stack.remove(at: k) }
            case 0xBB: if let k = stack.lastIndex(where: { $0.1 == 0xAB }) { stack.remove(at: k) }
            case 0x29: if let k = stack.lastIndex(where: { $0.1 == 0x28 }) { stack.remove(at: k) }
            case 0x2019:
                // A closing single quote, not an apostrophe: no letter after it.
                if i + 1 < p.units.upperBound, !Chars.isLetter(UInt32(u[i + 1])),
                   let k = stack.lastIndex(where: { $0.1 == 0x2018 }) { stack.remove(at: k) }
            default: break
            }
        }
        var open: (Int, UInt16)? = stack.last
        if let s = straightOpen, open.map({ s > $0.0 }) ?? true { open = (s, 0x22) }
        if open == nil {
            // '…' in straight single quotes right around the fragment.
            var k = r.lowerBound - 1
            while k >= p.units.lowerBound && ProseBuffer.isSpace(u[k]) { k -= 1 }
            if k >= p.units.lowerBound && u[k] == 0x27 { open = (k, 0x27) }
        }
        guard let (openAt, mark) = open else { return ForeignScriptRule.italic(doc, r.lowerBound, r.upperBound) }
        let closes: Set<UInt16>
        switch mark {
        case 0x22: closes = [0x22]
        case 0x28: closes = [0x29]
        case 0xAB: closes = [0xBB]
        case 0x2018, 0x27: closes = [0x2019, 0x27]
        default: closes = [0x201D, 0x201C]
        }
        var closeAt = to
        for i in r.upperBound..<to where closes.contains(u[i]) {
            if (u[i] == 0x2019 || u[i] == 0x27), i + 1 < p.units.upperBound, Chars.isLetter(UInt32(u[i + 1])) { continue }
            closeAt = i
            break
        }
        // English words elsewhere in the quotation: the fragment is part of English speech.
        let list = words.get
        var t = Chars.token(at: openAt + 1, in: doc) ?? Chars.token(at: r.lowerBound, in: doc) ?? p.tokens.lowerBound
        while t > p.tokens.lowerBound && Int(doc.tokens[t].start) > openAt { t -= 1 }
        while t < p.tokens.upperBound && Int(doc.tokens[t].start) < closeAt {
            defer { t += 1 }
            guard doc.tokens[t].kind == .word else { continue }
            let st = Int(doc.tokens[t].start)
            guard st > openAt && !r.contains(st) else { continue }
            if doc.tokens[t].length >= 3, let l = list?.commonWordLevel(doc.keys[t]), l <= WordList.Level.common, table.get.map[doc.keys[t]] == nil {
                return false
            }
        }
        return true
    }
}

/// A compound broken by a space beside its hyphen: "non -corrective", "decision -making" (space before the
/// hyphen, as machine translation and detokenizers leave it) and "anti- Western" (space after it). Not a
/// spaced dash ("a - b"), a minus sign ("-5", "temperatures of -3"), a suspended hyphen ("pre- and
/// post-war", "18- to 24-year-olds") or a suffix cited as such ("the suffix -gate").
public struct SpacedHyphenRule: Rule {
    public let info = RuleInfo(
        id: "spaced-hyphen",
        category: .typography,
        severity: .warning,
        summary: "A space inside a hyphenated compound (“non -corrective”, “decision -making”); quiet on spaced dashes, minus signs and suspended hyphens.",
        triggers: [
            RuleExample("They set «non -corrective» conditions.", suggestion: "non-corrective"),
            RuleExample("They have no «decision -making» power.", suggestion: "decision-making"),
            RuleExample("The «Russia -Ukraine» talks resumed.", suggestion: "Russia-Ukraine"),
            RuleExample("A «long -term» deal is not in sight.", suggestion: "long-term"),
            RuleExample("Crowds shouted «anti- Western» slogans.", suggestion: "anti-Western"),
            RuleExample("The «five -year-old» boy was found.", suggestion: "five-year-old"),
        ],
        quiet: [
            "The talks - held in Istanbul - ended early.",
            "Temperatures fell to -5 degrees, and -3 at night.",
            "Both pre- and post-war governments agreed; 18- to 24-year-olds voted.",
            "Long- and short-term deals; first- or second-degree burns.",
            "The suffix -gate marks a scandal.",
            "The decision-making power – and the non-corrective conditions — stayed.",
            "Use the option --force or -f to skip.",
        ],
        fixIsSafe: true)

    let words: Lazy<WordList?>

    public init(words: Lazy<WordList?>) { self.words = words }

    static let prefixes: Set<String> = [
        "non", "anti", "pro", "co", "ex", "self", "post", "pre", "semi", "sub", "super", "ultra", "multi", "inter",
        "intra", "counter", "cross", "mid", "neo", "pan", "quasi", "pseudo", "well", "half", "vice", "full", "far",
        "low", "high", "long", "short", "all", "re", "un", "over", "under", "out", "off", "on", "in", "up", "down",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "first", "second", "third",
        "large", "small", "hard", "soft", "top", "war", "peace", "state", "government", "policy", "decision", "life",
        "record", "world", "euro", "trans", "bi", "tri", "micro", "macro", "mega", "extra", "ill", "so", "much",
        "best", "better", "old", "new", "free", "middle", "right", "left", "far", "near", "open", "close",
    ]

    static let heads: Set<String> = [
        "making", "based", "led", "backed", "run", "owned", "free", "related", "term", "scale", "year", "old", "style",
        "like", "wide", "long", "level", "class", "time", "range", "profile", "ranking", "speed", "sized", "known",
        "born", "friendly", "oriented", "driven", "funded", "linked", "sponsored", "minded", "building", "keeping",
        "sharing", "making", "up", "down", "out", "off", "in", "over", "fire", "elect", "general", "president",
        "in-law", "inflicted", "hand", "party", "way", "point", "called", "standing", "looking", "grade", "level",
        "state", "sided", "tier", "day", "week", "month", "hour", "minute", "member", "nation", "page", "story",
        "second", "metre", "meter", "mile", "kilometre", "storey", "seat", "man", "woman", "person", "strong",
    ]

    /// Words before a cited suffix or a command-line option.
    static let citing: Set<String> = ["suffix", "suffixes", "prefix", "ending", "endings", "option", "flag", "switch", "the"]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        let list = words.get
        for p in doc.paragraphs {
            var i = p.tokens.lowerBound
            while i + 2 < p.tokens.upperBound {
                defer { i += 1 }
                let left = doc.tokens[i], hyphen = doc.tokens[i + 1], right = doc.tokens[i + 2]
                guard left.kind == .word || left.kind == .number, doc.isHyphen(i + 1), right.kind == .word,
                      !left.flags.contains(.url), !right.flags.contains(.url) else { continue }
                let spaceBefore = hyphen.flags.contains(.spaceBefore), spaceAfter = right.flags.contains(.spaceBefore)
                guard spaceBefore != spaceAfter else { continue }
                let l = doc.keys[i], r = doc.keys[i + 2]
                if spaceBefore {
                    // "suffix -gate", "option -f", a dash before a digit or a one-letter option.
                    if Self.citing.contains(l) || right.length == 1 { continue }
                } else {
                    // Suspended hyphen: "pre- and post-war", "18- to 24-year-olds".
                    if ["and", "or", "nor", "to", "&", "und", "as", "but", "through", "vs", "versus"].contains(r) { continue }
                    if left.kind == .number { continue }
                }
                let gap = spaceBefore ? Int(left.end)..<Int(hyphen.start) : Int(hyphen.end)..<Int(right.start)
                // A line break in the original: hard-wrapped or hyphenated at the line end, not a typo.
                if Self.hasLineBreak(doc, gap) || !Chars.plainGap(doc, from: gap.lowerBound, to: gap.upperBound) { continue }
                let participle = (r.hasSuffix("ed") || r.hasSuffix("ing")) && r.count >= 5 && left.kind == .word
                    && (list?.commonWordLevel(l)).map { $0 <= WordList.Level.large } == true && (list?.commonWordLevel(r)).map { $0 <= WordList.Level.large } == true
                let evidence = Self.prefixes.contains(l) || Self.heads.contains(r) || participle
                    || (list?.level(doc.text(i) + "-" + doc.text(i + 2)).map { $0 <= WordList.Level.largest } ?? false)
                    || (left.flags.contains(.capitalized) && right.flags.contains(.capitalized))
                    || left.kind == .number
                // Extend over a following hyphenated tail ("five -year-old").
                var last = i + 2
                while last + 2 < p.tokens.upperBound, doc.isHyphen(last + 1), !doc.tokens[last + 1].flags.contains(.spaceBefore),
                      !doc.tokens[last + 2].flags.contains(.spaceBefore), doc.tokens[last + 2].kind == .word { last += 2 }
                let span = doc.units(from: i, through: last)
                let fixed = doc.text(units: Int(left.start)..<gap.lowerBound) + doc.text(units: gap.upperBound..<span.upperBound)
                findings.append(Finding(
                    ruleID: info.id, units: span,
                    message: evidence
                        ? "A space \(spaceBefore ? "before" : "after") the hyphen breaks the compound “\(fixed)”."
                        : "A space \(spaceBefore ? "before" : "after") the hyphen: “\(doc.text(units: span))” is probably the compound “\(fixed)”, or a dash missing its other space.",
                    replacements: evidence ? [.deleting([gap])] : [],
                    severity: evidence ? nil : .info))
                i = last
            }
        }
    }

    static func hasLineBreak(_ doc: Document, _ gap: Range<Int>) -> Bool {
        guard !gap.isEmpty else { return false }
        let r = doc.prose.originalRange(gap)
        for c in r where c < doc.source.scalars.count {
            let x = doc.source.scalars[c]
            if x == 0x0A || x == 0x0D || x == 0x2028 || x == 0x2029 { return true }
        }
        return false
    }

}

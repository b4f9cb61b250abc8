/// A number in the translation that its source does not have: a figure changed, invented or mistyped on the
/// way (“15” for 十三). Runs only when the source is given. Every number of the source is read, in digits or
/// in Chinese and Japanese numerals, and a target number passes when its value, or its value with the scale
/// word after it ("1.5 million" for 150万), is among them. Precision first: times ("3:30") are left alone, and
/// when the source's own numerals cannot be read (a script other than Chinese or Japanese, where small numbers
/// are often words), only numbers from 10 up are checked.
public struct NumberMismatchRule: Rule {
    public let info = RuleInfo(
        id: "number-mismatch",
        category: .bilingual,
        severity: .warning,
        summary: "A number of the translation that is not in its source (when the source is given): a changed or invented figure.",
        triggers: [
            RuleExample("Police arrested «15» people after the protest.", source: "抗议活动后，警方逮捕了十三人。"),
            RuleExample("The city has «3» million inhabitants.", source: "这座城市有两百万居民。"),
            RuleExample("Sales fell by «40» percent in 2019.", source: "2019年销售额下降了百分之三十。"),
            RuleExample("The bridge is «250» metres long.", source: "Le pont mesure 205 mètres."),
            RuleExample("We waited «three» days.", source: "我们等了四天。"),
            RuleExample("They sent «twenty-five» trucks.", source: "他们派了二十四辆卡车。"),
        ],
        quiet: ["Police arrested 15 people after the protest."],
        quietBitext: [
            RuleExample("Police arrested 15 people after the protest.", source: "抗议活动后，警方逮捕了十五人。"),
            RuleExample("The city has 1.5 million inhabitants.", source: "这座城市有150万居民。"),
            RuleExample("Sales fell by 30 percent in 2019.", source: "2019年销售额下降了百分之三十。"),
            RuleExample("The talks began at 3:30 in the afternoon.", source: "会谈于下午三点半开始。"),
            RuleExample("There are 3 cats and 1,200 dogs.", source: "Il y a trois chats et 1.200 chiens."),
            RuleExample("It cost 120,000 yuan in 2008.", source: "二〇〇八年花费了十二万元。"),
            RuleExample("Fourteen billion years later, twenty-five of them remain.", source: "140亿年后，还剩下二十五个。"),
        ])

    public init() {}

    /// Scale words after a number ("1.5 million").
    static let scales: [String: Double] = ["hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for segment in doc.bitextSegments { check(doc, segment, &findings) }
    }

    private func check(_ doc: Document, _ segment: BitextSegment, _ findings: inout [Finding]) {
        let source = SourceNumbers(segment.source)
        let units = doc.prose.units
        for t in segment.tokens where !doc.tokens[t].flags.contains(.url) {
            let tok = doc.tokens[t]
            if tok.kind == .word {
                // Number words ("three", "twenty-five") where the source's numerals can be read.
                guard source.readsNumerals, let value = Self.words[doc.keys[t]] else { continue }
                if t >= 2, doc.isHyphen(t - 1), Self.words[doc.keys[t - 2]] != nil { continue }   // "-five" of "twenty-five"
                var total = value
                var end = tok.range.upperBound
                if value >= 20, t + 2 < doc.tokens.count, doc.isHyphen(t + 1), let unit = Self.words[doc.keys[t + 2]], unit < 10 {
                    total += unit
                    end = Int(doc.tokens[t + 2].end)
                }
                let next = end == tok.range.upperBound ? t + 1 : t + 3
                let scaled = next < doc.tokens.count ? Self.scales[doc.keys[next]].map { total * $0 } : nil
                if source.contains(total) || scaled.map(source.contains) == true { continue }
                let text = doc.prose.string(Int(tok.start)..<end)
                findings.append(Finding(ruleID: info.id, units: Int(tok.start)..<end,
                                        message: "“\(text)” is not among the numbers of the source: check the figure against it."))
                continue
            }
            guard tok.kind == .number else { continue }
            // A time or a ratio ("3:30", "2:1"): its parts are read differently in most languages.
            if (Int(tok.start) > 0 && units[Int(tok.start) - 1] == 0x3A) || (Int(tok.end) < units.count && units[Int(tok.end)] == 0x3A) { continue }
            guard let value = Self.value(doc.text(t)) else { continue }
            if !source.readsNumerals && value < 10 { continue }
            var candidates = [value]
            if t + 1 < doc.tokens.count, let scale = Self.scales[doc.keys[t + 1]] { candidates.append(value * scale) }
            if candidates.contains(where: source.contains) { continue }
            let text = doc.text(t)
            findings.append(Finding(ruleID: info.id, units: tok.range,
                                    message: "“\(text)” is not among the numbers of the source: check the figure against it."))
        }
    }

    /// English number words checked against the source ("one" is left out: it is mostly a pronoun; "hundred"
    /// and larger alone are mostly vague, "hundreds of").
    static let words: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// The value of an English number token ("1,500", "2.5").
    static func value(_ text: String) -> Double? {
        var digits = ""
        for c in text.unicodeScalars {
            if c == "," { continue }
            if let d = SourceNumbers.digit(c) { digits.unicodeScalars.append(Unicode.Scalar(UInt8(0x30 + d))) }
            else if c == "." { digits.append(".") }
            else { return nil }
        }
        return Double(digits)
    }
}

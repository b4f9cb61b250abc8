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
        ],
        quiet: ["Police arrested 15 people after the protest."],
        quietBitext: [
            RuleExample("Police arrested 15 people after the protest.", source: "抗议活动后，警方逮捕了十五人。"),
            RuleExample("The city has 1.5 million inhabitants.", source: "这座城市有150万居民。"),
            RuleExample("Sales fell by 30 percent in 2019.", source: "2019年销售额下降了百分之三十。"),
            RuleExample("The talks began at 3:30 in the afternoon.", source: "会谈于下午三点半开始。"),
            RuleExample("There are 3 cats and 1,200 dogs.", source: "Il y a trois chats et 1.200 chiens."),
            RuleExample("It cost 120,000 yuan in 2008.", source: "二〇〇八年花费了十二万元。"),
        ])

    public init() {}

    /// Scale words after a number ("1.5 million").
    static let scales: [String: Double] = ["hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12]

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        guard let bitext = doc.bitext else { return }
        let source = SourceNumbers(bitext.source)
        let units = doc.prose.units
        for t in doc.tokens.indices where doc.tokens[t].kind == .number && !doc.tokens[t].flags.contains(.url) {
            let tok = doc.tokens[t]
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

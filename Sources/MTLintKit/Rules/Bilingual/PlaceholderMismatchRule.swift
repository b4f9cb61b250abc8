/// URLs, e-mail addresses, @handles, #hashtags, `{0}`/`%s` placeholders and markup tags are carried over
/// unchanged by a translation: one of the source's that the translation lacks (dropped or altered), or one in
/// the translation that the source does not have (invented), is reported. Runs only when the source is given.
public struct PlaceholderMismatchRule: Rule {
    public let info = RuleInfo(
        id: "placeholder-mismatch",
        category: .bilingual,
        severity: .warning,
        summary: "A URL, address, handle, hashtag, placeholder or tag that the source and its translation do not share (when the source is given).",
        triggers: [
            RuleExample("Details are at «https://example.org/report».", source: "详情见 https://example.org/reports。"),
            // Missing from the translation: the whole text is flagged, so no span is marked.
            RuleExample("Hello, you have new messages.", source: "{name}，您有新消息。"),
            RuleExample("Write to us: «press@exampel.com».", source: "Écrivez-nous : press@example.com."),
        ],
        quiet: ["Details are at https://example.org/report."],
        quietBitext: [
            RuleExample("Details are at https://example.org/report.", source: "详情见 https://example.org/report。"),
            RuleExample("{name}, you have %d new messages.", source: "{name}，您有%d条新消息。"),
            RuleExample("Sales rose 50% as #1 seller.", source: "销量增长50%，成为第一。"),
            RuleExample("Follow @unicef and #ChildRights.", source: "关注 @unicef 和 #ChildRights。"),
        ])

    public init() {}

    public func check(_ doc: Document, _ findings: inout [Finding]) {
        for segment in doc.bitextSegments { check(doc, segment, &findings) }
    }

    private func check(_ doc: Document, _ segment: BitextSegment, _ findings: inout [Finding]) {
        let sourceItems = NonTranslatables.items(Array(segment.source.utf16))
        let offset = segment.units.lowerBound
        let targetItems = NonTranslatables.items(Array(doc.prose.units[segment.units])).map {
            NonTranslatables.Item(text: $0.text, range: ($0.range.lowerBound + offset)..<($0.range.upperBound + offset))
        }
        guard !sourceItems.isEmpty || !targetItems.isEmpty else { return }
        let sourceTexts = Set(sourceItems.map(\.text)), targetTexts = Set(targetItems.map(\.text))
        // In the translation, not in the source: at its place.
        for item in targetItems where !sourceTexts.contains(item.text) {
            findings.append(Finding(ruleID: info.id, units: item.range,
                                    message: "“\(String(decoding: item.text, as: UTF16.self))” is not in the source: a carried-over item should be copied exactly."))
        }
        // In the source, not in the translation: the whole text, which lacks it.
        var reported = Set<[UInt16]>()
        for item in sourceItems where !targetTexts.contains(item.text) && reported.insert(item.text).inserted {
            findings.append(Finding(ruleID: info.id, units: segment.units,
                                    message: "The source’s “\(String(decoding: item.text, as: UTF16.self))” is missing from the translation."))
        }
    }
}

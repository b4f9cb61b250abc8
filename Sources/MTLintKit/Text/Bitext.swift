/// The source side of a translation: its text and, when known, the languages (BCP 47 codes such as "zh",
/// "de-CH"). A document with a bitext is checked against its source by the bilingual rules.
public struct Bitext: Sendable, Equatable {
    public var source: String
    public var sourceLanguage: String?
    public var targetLanguage: String?

    public init(source: String, sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        self.source = source
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }
}

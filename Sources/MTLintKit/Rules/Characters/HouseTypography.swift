/// A newsroom's typographic house style (`typography:` in `.mtlint.yml`, `--quotes`, `--dashes`). Off by
/// default: wire copy mixes conventions legitimately, so these rules speak only when a style is chosen.
public struct HouseTypography: Sendable, Equatable {
    public enum Quotes: String, Sendable, CaseIterable {
        case curly, straight
    }

    public enum Dashes: String, Sendable, CaseIterable {
        /// "word—word"
        case em
        /// "word — word"
        case spacedEm = "spaced-em"
        /// "word – word"
        case spacedEn = "spaced-en"

        var form: String {
            switch self {
            case .em: return "\u{2014}"
            case .spacedEm: return " \u{2014} "
            case .spacedEn: return " \u{2013} "
            }
        }
    }

    public var quotes: Quotes?
    public var dashes: Dashes?

    public init(quotes: Quotes? = nil, dashes: Dashes? = nil) {
        self.quotes = quotes
        self.dashes = dashes
    }

    /// The command line's choices over the configuration's.
    public func overridden(by other: HouseTypography) -> HouseTypography {
        HouseTypography(quotes: other.quotes ?? quotes, dashes: other.dashes ?? dashes)
    }
}

/// A word, number or punctuation mark of the prose. Offsets are UTF-16 units into `ProseBuffer.units`.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case word, number, punctuation
    }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// White space (or the paragraph start) comes right before the token.
        public static let spaceBefore = Flags(rawValue: 1 << 0)
        /// First letter is upper case.
        public static let capitalized = Flags(rawValue: 1 << 1)
        /// Two or more letters, all upper case.
        public static let allCaps = Flags(rawValue: 1 << 2)
        /// Part of a URL, e-mail address, handle or hashtag: not prose.
        public static let url = Flags(rawValue: 1 << 3)
        /// Contains code points outside ASCII.
        public static let nonASCII = Flags(rawValue: 1 << 4)
        /// Contains a digit.
        public static let hasDigit = Flags(rawValue: 1 << 5)
    }

    public var start: Int32
    public var end: Int32
    public var kind: Kind
    public var flags: Flags

    public var range: Range<Int> { Int(start)..<Int(end) }
    public var isWord: Bool { kind == .word }
    public var length: Int { Int(end - start) }
}

/// A sentence: its prose units, its tokens (indices into `Document.tokens`) and its paragraph.
public struct Sentence: Sendable {
    public var units: Range<Int>
    public var tokens: Range<Int>
    public var paragraph: Int
}

/// A paragraph: its prose units, tokens and sentences.
public struct Paragraph: Sendable {
    public var units: Range<Int>
    public var tokens: Range<Int>
    public var sentences: Range<Int>
}

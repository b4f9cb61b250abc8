extension StringProtocol {
    /// The parts of the text between occurrences of an ASCII separator byte, split on UTF-8 bytes rather than
    /// Characters: the data files' separators (tab, space, "|", "-") are ASCII, and grapheme breaking is most
    /// of the cost of `split` when the data is read at start. Empty parts are kept unless `omittingEmpty`.
    func splitASCII(_ separator: UInt8, omittingEmpty: Bool = false) -> [String] {
        utf8.split(separator: separator, omittingEmptySubsequences: omittingEmpty).map { String(decoding: $0, as: UTF8.self) }
    }
}

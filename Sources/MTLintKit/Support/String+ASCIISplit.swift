extension StringProtocol {
    /// The parts of the text between occurrences of an ASCII separator byte, split on UTF-8 bytes rather than
    /// Characters: the data files' separators (tab, space, "|", "-") are ASCII, and grapheme breaking is most
    /// of the cost of `split` when the data is read at start. Empty parts are kept unless `omittingEmpty`.
    func splitASCII(_ separator: UInt8, omittingEmpty: Bool = false) -> [String] {
        // Over contiguous bytes (native strings): a plain loop; `Collection.split` walks String indices.
        if let parts = utf8.withContiguousStorageIfAvailable({ b -> [String] in
            var parts: [String] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == separator {
                if i > start || !omittingEmpty {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                }
                start = i + 1
            }
            return parts
        }) { return parts }
        return utf8.split(separator: separator, omittingEmptySubsequences: omittingEmpty).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The data lines of a `key<TAB>value` file read as bytes (the word list, the word classes): blank lines and
/// `#` comments skipped, a CR before the LF dropped.
enum DataLines {
    /// Calls `accept` with each data line's start, its first tab (`stop` when it has none) and its end;
    /// returns the 1-based number of the first line `accept` refuses, or nil.
    static func firstRefused(_ b: UnsafeBufferPointer<UInt8>, _ accept: (_ start: Int, _ tab: Int, _ stop: Int) -> Bool) -> Int? {
        var line = 0, i = 0
        let n = b.count
        while i < n {
            line += 1
            var end = i
            while end < n && b[end] != 0x0A { end += 1 }
            defer { i = end + 1 }
            var stop = end
            if stop > i && b[stop - 1] == 0x0D { stop -= 1 }
            if stop == i || b[i] == 0x23 { continue }
            var tab = i
            while tab < stop && b[tab] != 0x09 { tab += 1 }
            if !accept(i, tab, stop) { return line }
        }
        return nil
    }
}

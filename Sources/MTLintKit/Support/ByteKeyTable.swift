/// A read-only map from byte strings (UTF-8 keys) to a small number, as an open-addressing hash table over one
/// blob of key bytes: no String or dictionary node per entry, so a table of 300,000 words is five arrays that
/// the compiled image (`RuleImage`) stores and reads back as they are, and a lookup hashes the query's bytes.
struct ByteKeyTable: Sendable {
    // Owned, or in place in a mapped image.
    private let blob: FlatArray<UInt8>
    private let starts: FlatArray<UInt32>
    private let lengths: FlatArray<UInt16>
    private let values: FlatArray<UInt8>
    private let slots: FlatArray<UInt32>   // entry index + 1; 0 = empty
    private let mask: Int

    /// What a key given twice keeps.
    enum Duplicate { case lowest, last }

    /// The table of `entries` (key bytes, value), in order; keys longer than 65,535 bytes are not stored.
    init(_ entries: [(key: ArraySlice<UInt8>, value: UInt8)], duplicates: Duplicate) {
        var blob: [UInt8] = [], starts: [UInt32] = [], lengths: [UInt16] = [], values: [UInt8] = []
        blob.reserveCapacity(entries.reduce(0) { $0 + $1.key.count })
        for (key, value) in entries where key.count <= Int(UInt16.max) {
            starts.append(UInt32(blob.count)); lengths.append(UInt16(key.count)); values.append(value)
            blob += key
        }
        self.init(blob: blob, starts: starts, lengths: lengths, values: values, duplicates: duplicates)
    }

    /// The table over entries already laid out in `blob` (the word list's file bytes, indexed in place).
    init(blob: [UInt8], starts: [UInt32], lengths: [UInt16], values: [UInt8], duplicates: Duplicate) {
        var values = values
        var capacity = 16
        while capacity < starts.count * 2 { capacity <<= 1 }
        var slots = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        blob.withUnsafeBufferPointer { b in
            for e in 0..<starts.count {
                let s = Int(starts[e]), len = Int(lengths[e])
                let key = UnsafeBufferPointer(rebasing: b[s..<(s + len)])
                var h = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while true {
                    let slot = slots[h]
                    if slot == 0 { slots[h] = UInt32(e + 1); break }
                    let o = Int(slot - 1)
                    if Int(lengths[o]) == len && b[Int(starts[o])..<(Int(starts[o]) + len)].elementsEqual(key) {
                        values[o] = duplicates == .lowest ? min(values[o], values[e]) : values[e]
                        break
                    }
                    h = (h + 1) & mask
                }
            }
        }
        self.init(blob: FlatArray(blob), starts: FlatArray(starts), lengths: FlatArray(lengths), values: FlatArray(values),
                  slots: FlatArray(slots))
    }

    private init(blob: FlatArray<UInt8>, starts: FlatArray<UInt32>, lengths: FlatArray<UInt16>, values: FlatArray<UInt8>,
                 slots: FlatArray<UInt32>) {
        self.blob = blob; self.starts = starts; self.lengths = lengths; self.values = values; self.slots = slots
        mask = slots.count - 1
    }

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return h
    }

    /// The value of a key, or nil.
    func value(_ key: UnsafeBufferPointer<UInt8>) -> UInt8? {
        blob.withUnsafeBufferPointer { b in
            var h = Int(truncatingIfNeeded: Self.hash(key)) & mask
            while true {
                let slot = slots[h]
                if slot == 0 { return nil }
                let e = Int(slot - 1)
                if Int(lengths[e]) == key.count {
                    let s = Int(starts[e])
                    var same = true
                    for j in 0..<key.count where b[s + j] != key[j] { same = false; break }
                    if same { return values[e] }
                }
                h = (h + 1) & mask
            }
        }
    }

    func value(_ key: String) -> UInt8? {
        var k = key
        return k.withUTF8 { value($0) }
    }

    func contains(_ key: String) -> Bool { value(key) != nil }

    var count: Int { starts.count }

    /// Calls `body` with every entry's bytes and value, in the order given.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, UInt8) -> Void) {
        blob.withUnsafeBufferPointer { b in
            for e in starts.indices {
                body(UnsafeBufferPointer(rebasing: b[Int(starts[e])..<(Int(starts[e]) + Int(lengths[e]))]), values[e])
            }
        }
    }

    /// The compiled form (`RuleImage`): the arrays as they are.
    func encode(_ w: inout ImageWriter) {
        w.array(blob); w.array(starts); w.array(lengths); w.array(values); w.array(slots)
    }

    static func decode(_ r: inout ImageReader) -> ByteKeyTable? {
        guard let blob = r.flat(UInt8.self), let starts = r.flat(UInt32.self), let lengths = r.flat(UInt16.self),
              let values = r.flat(UInt8.self), let slots = r.flat(UInt32.self),
              starts.count == lengths.count, starts.count == values.count,
              slots.count >= 16, slots.count & (slots.count - 1) == 0, slots.count > starts.count else { return nil }
        // Every entry and slot must point inside the arrays: lookups index them without further checks.
        for e in starts.indices where Int(starts[e]) + Int(lengths[e]) > blob.count { return nil }
        for slot in slots where Int(slot) > starts.count { return nil }
        return ByteKeyTable(blob: blob, starts: starts, lengths: lengths, values: values, slots: slots)
    }
}

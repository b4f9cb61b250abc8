import Foundation

/// Compiled rule data: what a component (gazetteer, literalism packs, word list, …) builds from its text files,
/// stored in binary so a later start reads arrays instead of parsing TSV and YAML.
///
/// One format for every component, one file per component in the cache folder (`NameIndex.defaultCacheDirectory`):
/// a component is compiled when first needed, and a change to one file rebuilds only what was built from it.
/// A file is named by its component and the content hash of its sources (and the settings that shape it), so
/// an edited source never meets a stale image. The header carries a format version, the source hash, the
/// payload's length and a checksum: a truncated, corrupt or foreign file is ignored and rebuilt, never trusted.
public enum RuleImage {
    /// Bumped whenever any component's layout changes, so files written by another build are never read.
    public static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("MTLIMAGE".utf8)
    static let headerSize = 8 + 4 + 4 + 8 + 8 + 8

    /// When set (`MTLINT_NO_IMAGE=1`), components are always built from their sources (benchmarks of the cold path).
    static let disabled: Bool = ProcessInfo.processInfo.environment["MTLINT_NO_IMAGE"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// Whether images are read and written here (a cache folder can be named and they are not switched off).
    static var isAvailable: Bool { !disabled && NameIndex.defaultCacheDirectory != nil }

    /// The hash that names an image: the bytes of every source file (a missing file hashes as absent) and any
    /// settings that change what is built.
    public static func sourceHash(files: [URL], settings: [String] = []) -> UInt64 {
        var h: UInt64 = UInt64(formatVersion)
        for url in files {
            if let data = try? Data(contentsOf: url, options: .alwaysMapped) {
                h = data.withUnsafeBytes { checksum($0, seed: h &+ 1) }
            } else {
                h = NameIndex.fmix(h ^ 0xA5A5_0000_0000_0001)
            }
        }
        for s in settings { h = Array(s.utf8).withUnsafeBytes { checksum($0, seed: h &+ 2) } }
        return h
    }

    /// A fast 64-bit hash of bytes, for source hashes and payload checksums (not against an adversary: against
    /// edits, truncation and disk corruption). Four independent lanes of multiply–rotate over 8-byte words keep
    /// it near half an instruction per byte: every start hashes the sources it compiles from.
    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a = seed ^ 0x243F_6A88_85A3_08D3, b = seed &+ k, c = ~seed, d = seed ^ 0x1319_8A2E_0370_7344
        let n = bytes.count
        var i = 0
        if let p = bytes.baseAddress {
            @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            @inline(__always) func mix(_ h: UInt64, _ v: UInt64) -> UInt64 { let x = h ^ v; return ((x << 31) | (x >> 33)) &* k }
            while i + 32 <= n {
                a = mix(a, word(i)); b = mix(b, word(i + 8)); c = mix(c, word(i + 16)); d = mix(d, word(i + 24))
                i += 32
            }
            while i + 8 <= n { a = mix(a, word(i)); i += 8 }
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < n { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
            b = mix(b, tail ^ shift)
        }
        var h = NameIndex.fmix(a) ^ (NameIndex.fmix(b) &* 3) ^ (NameIndex.fmix(c) &* 5) ^ (NameIndex.fmix(d) &* 7)
        h ^= UInt64(n) &* k
        return NameIndex.fmix(h)
    }

    /// The component as compiled, or as built by `build` (then written to the cache for the next start).
    /// `decode` returning nil (an image that does not fit) also falls back to building.
    static func cached<T, E: Error>(_ component: String, version: UInt32, sourceHash: UInt64,
                                    cacheDirectory: URL? = NameIndex.defaultCacheDirectory,
                                    decode: (inout ImageReader) -> T?, encode: (T, inout ImageWriter) -> Void,
                                    build: () throws(E) -> T) throws(E) -> T {
        guard !disabled, let dir = cacheDirectory else { return try build() }
        let url = dir.appendingPathComponent(fileName(component, version: version, sourceHash: sourceHash))
        if let file = MappedFile(url), let payload = payload(file.bytes, version: version, sourceHash: sourceHash) {
            // Mapped, not read: large arrays stay in the page cache (`FlatArray`), and nothing is copied that
            // a lookup does not touch.
            var reader = ImageReader(payload, owner: file)
            if let value = decode(&reader), reader.atEnd {
                releaseResidency(file.bytes)
                return value
            }
        }
        let value = try build()
        var writer = ImageWriter()
        encode(value, &writer)
        write(writer.bytes, to: url, version: version, sourceHash: sourceHash, component: component)
        return value
    }

    static func fileName(_ component: String, version: UInt32, sourceHash: UInt64) -> String {
        let hex = String(sourceHash, radix: 16)
        return "\(component)-\(String(repeating: "0", count: 16 - hex.count))\(hex)-v\(formatVersion).\(version).img"
    }

    /// The payload of a valid image file's bytes, or nil (short, another version or source, bad checksum).
    static func payload(_ raw: UnsafeRawBufferPointer, version: UInt32, sourceHash: UInt64) -> UnsafeRawBufferPointer? {
        guard raw.count >= headerSize else { return nil }
        var r = ImageReader(raw)
        guard let m = r.rawBytes(8), m.elementsEqual(magic),
              r.u32() == formatVersion, r.u32() == version, r.u64() == sourceHash,
              let length = r.u64(), let sum = r.u64(),
              length == UInt64(raw.count - headerSize) else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
        return checksum(payload) == sum ? payload : nil
    }

    /// Writes atomically (a temporary file renamed over the name) and removes the component's older images.
    /// Failure to write only costs the next start a rebuild.
    static func write(_ payload: [UInt8], to url: URL, version: UInt32, sourceHash: UInt64, component: String) {
        var header = ImageWriter()
        header.raw(magic)
        header.u32(formatVersion); header.u32(version); header.u64(sourceHash)
        header.u64(UInt64(payload.count))
        header.u64(payload.withUnsafeBytes { checksum($0) })
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        guard (try? fm.createDirectory(at: dir, withIntermediateDirectories: true)) != nil else { return }
        // Unique per writer (threads of one process may compile the same component at once).
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        // Header and payload written as they are (no joined copy of a 10 MB payload), then renamed over the name.
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        func writeAll(_ b: UnsafeRawBufferPointer) -> Bool {
            var done = 0
            while done < b.count {
                let n = Foundation.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        let written = header.bytes.withUnsafeBytes(writeAll) && (payload.isEmpty || payload.withUnsafeBytes(writeAll))
        close(fd)
        guard written, rename(temp.path, url.path) == 0 else { try? fm.removeItem(at: temp); return }
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
        where name != url.lastPathComponent && name.hasPrefix(component + "-") && name.hasSuffix(".img") {
            try? fm.removeItem(at: dir.appendingPathComponent(name))
        }
    }
}

/// Appends values in the image's little-endian layout.
struct ImageWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ b: [UInt8]) { bytes += b }
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func double(_ v: Double) { u64(v.bitPattern) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { b in u32(UInt32(b.count)); bytes += b }
    }
    mutating func strings(_ list: [String]) { u32(UInt32(list.count)); for s in list { string(s) } }
    mutating func optionalString(_ s: String?) { bool(s != nil); if let s { string(s) } }
    mutating func ints(_ list: [Int]) { u32(UInt32(list.count)); for v in list { int(v) } }
    /// An array of plain values, copied as their bytes, starting at a multiple of 8 bytes into the payload
    /// (so a mapped image can be read in place: `ImageReader.flat`).
    mutating func array<T: BitwiseCopyable>(_ a: [T]) {
        u64(UInt64(a.count))
        while bytes.count % 8 != 0 { bytes.append(0) }
        a.withUnsafeBytes { bytes += $0 }
    }

    mutating func array<T: BitwiseCopyable>(_ a: FlatArray<T>) {
        u64(UInt64(a.count))
        while bytes.count % 8 != 0 { bytes.append(0) }
        a.withUnsafeBufferPointer { bytes += UnsafeRawBufferPointer($0) }
    }
}

/// Reads what `ImageWriter` wrote; every read is bounds-checked and returns nil past the end, so a damaged
/// payload that passed the checksum still cannot read out of bounds.
struct ImageReader {
    private let raw: UnsafeRawBufferPointer
    private var at = 0
    /// What keeps `raw` alive beyond the read (a mapped file), so arrays can be used in place; nil: copy them.
    private let owner: AnyObject?

    init(_ raw: UnsafeRawBufferPointer, owner: AnyObject? = nil) { self.raw = raw; self.owner = owner }

    var atEnd: Bool { at == raw.count }

    mutating func rawBytes(_ n: Int) -> UnsafeRawBufferPointer? {
        guard n >= 0, n <= raw.count - at else { return nil }
        defer { at += n }
        return UnsafeRawBufferPointer(rebasing: raw[at..<at + n])
    }
    mutating func u8() -> UInt8? { rawBytes(1).map { $0[0] } }
    mutating func bool() -> Bool? { u8().flatMap { $0 <= 1 ? $0 == 1 : nil } }
    mutating func u32() -> UInt32? { rawBytes(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } }
    mutating func u64() -> UInt64? { rawBytes(8).map { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } }
    mutating func int() -> Int? { u64().map { Int(Int64(bitPattern: $0)) } }
    mutating func double() -> Double? { u64().map { Double(bitPattern: $0) } }
    mutating func string() -> String? {
        guard let n = u32(), let b = rawBytes(Int(n)) else { return nil }
        return String(decoding: b, as: UTF8.self)
    }
    mutating func strings() -> [String]? {
        guard let n = u32(), Int(n) <= raw.count - at else { return nil }
        var out: [String] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n { guard let s = string() else { return nil }; out.append(s) }
        return out
    }
    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        if !present { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }
    mutating func ints() -> [Int]? {
        guard let n = u32(), Int(n) <= (raw.count - at) / 8 else { return nil }
        var out: [Int] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n { guard let v = int() else { return nil }; out.append(v) }
        return out
    }
    /// The elements' bytes of an array (after its count and alignment padding).
    private mutating func elements<T: BitwiseCopyable>(_: T.Type) -> UnsafeRawBufferPointer? {
        guard let n = u64() else { return nil }
        while at % 8 != 0 { guard u8() == 0 else { return nil } }
        guard n <= UInt64(raw.count - at) / UInt64(MemoryLayout<T>.stride) else { return nil }
        return rawBytes(Int(n) * MemoryLayout<T>.stride)
    }

    mutating func array<T: BitwiseCopyable>(_: T.Type = T.self) -> [T]? {
        guard let b = elements(T.self) else { return nil }
        let n = b.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: n) { out, count in
            if n > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: b) }
            count = n
        }
    }

    /// An array used in place when the image is mapped and the elements are aligned, else copied.
    mutating func flat<T: BitwiseCopyable>(_: T.Type = T.self) -> FlatArray<T>? {
        guard let b = elements(T.self) else { return nil }
        let n = b.count / MemoryLayout<T>.stride
        if let owner, let base = b.baseAddress, Int(bitPattern: base) % MemoryLayout<T>.alignment == 0 {
            return FlatArray(borrowing: base.assumingMemoryBound(to: T.self), count: n, owner: owner)
        }
        return FlatArray([T](unsafeUninitializedCapacity: n) { out, count in
            if n > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: b) }
            count = n
        })
    }
}

import Foundation

/// A read-only array of plain values that either owns its memory or lies inside a memory-mapped compiled image
/// (`RuleImage`), so a large table is used where the page cache holds it: no copy, and only the pages a lookup
/// touches are ever faulted in. Indices are checked when the image is decoded, not on every access.
struct FlatArray<Element: BitwiseCopyable>: @unchecked Sendable, RandomAccessCollection {
    /// Keeps the memory alive: the mapping, or the buffer this array allocated.
    private let owner: AnyObject?
    private let base: UnsafePointer<Element>?
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    init() { owner = nil; base = nil; count = 0 }

    /// A copy of `array` in memory the value owns.
    init(_ array: [Element]) {
        let box = OwnedBuffer<Element>(array)
        owner = box
        base = UnsafePointer(box.pointer)
        count = array.count
    }

    /// Elements inside memory that `owner` keeps alive (a mapped image).
    init(borrowing base: UnsafePointer<Element>, count: Int, owner: AnyObject) {
        self.owner = owner
        self.base = base
        self.count = count
    }

    @inline(__always) subscript(i: Int) -> Element {
        assert(i >= 0 && i < count)
        return base.unsafelyUnwrapped[i]
    }

    @inline(__always) func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }
}

/// Memory allocated for a `FlatArray` copy, freed with it.
private final class OwnedBuffer<Element: BitwiseCopyable> {
    let pointer: UnsafeMutablePointer<Element>

    init(_ array: [Element]) {
        pointer = .allocate(capacity: max(array.count, 1))
        array.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: $0.count) }
    }

    deinit { pointer.deallocate() }
}

/// A file mapped read-only into memory, unmapped when the last value using it is gone.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// The file's bytes, or nil when it cannot be opened or mapped (or is empty).
    init?(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size <= Int.max else { return nil }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}

extension RuleImage {
    /// Drops this process's claim on the pages of a read-only file mapping that were read once from end to end
    /// (to hash or verify it): they stay in the page cache, and later lookups map back only the pages they
    /// touch, so resident memory follows what is used rather than what was checked.
    static func releaseResidency(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + bytes.count) / page * page
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_DONTNEED)
    }
}

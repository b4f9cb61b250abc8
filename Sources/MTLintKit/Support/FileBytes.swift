import Foundation

/// Reads whole files with POSIX calls. `FileManager.contents(atPath:)` leaks a 4 KiB buffer on every
/// empty file it reads (found by the fuzzers: an empty `.mtlint.yml` or baseline), and a long-running
/// server or a corpus run must not.
public enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read (a folder, permissions, a link loop).
    /// At most `limit` + 1 bytes are read, so a device or a pipe without end (`/dev/zero`) cannot exhaust
    /// memory: a caller that gets more than `limit` bytes knows the file is too large.
    public static func read(_ path: String, limit: Int = .max - 1) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return read(fileDescriptor: fd, limit: limit, sizeHint: Int(st.st_size))
    }

    /// What is left of an open file descriptor (standard input, a pipe), at most `limit` + 1 bytes.
    public static func read(fileDescriptor fd: Int32, limit: Int = .max - 1, sizeHint: Int = 0) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(0, sizeHint), limit + 1))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, want) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The file's bytes as Data (for JSONSerialization and String(data:)).
    public static func data(_ path: String) -> Data? { read(path).map { Data($0) } }
}

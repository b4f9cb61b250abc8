import Foundation

/// Why a file could not be read as text.
public enum FileLoadError: Error, CustomStringConvertible, Sendable {
    case unreadable(String)
    case tooLarge(bytes: Int, limit: Int)
    case decoding(DecodingError)
    /// A fault at a place in the file (malformed XML in a TMX or XLIFF file).
    case located(line: Int, column: Int, String)

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case let .tooLarge(bytes, limit):
            return "file too large (\(bytes) bytes; limit \(limit)); raise --max-file-size or stream it with 'mtlint corpus --input-format lines'"
        case .decoding(let e): return e.description
        case let .located(line, column, why): return "line \(line), column \(column): \(why)"
        }
    }

    /// Binary files are skipped with a notice, not counted as errors.
    public var isBinary: Bool { if case .decoding(.binary) = self { return true }; return false }

    /// The message shown after a file's name: "path:LINE:COLUMN: why" for located faults, "path: why" otherwise.
    public func message(path: String) -> String {
        if case let .located(line, column, why) = self { return "\(path):\(line):\(column): \(why)" }
        return "\(path): \(description)"
    }
}

/// How a file was encoded, so that `--fix` writes it back the same way.
public enum TextEncoding: Sendable, Equatable {
    case utf8(bom: Bool)
    case utf16(littleEndian: Bool)

    init(bytes: [UInt8]) {
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { self = .utf16(littleEndian: true) }
        else if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { self = .utf16(littleEndian: false) }
        else { self = .utf8(bom: bytes.starts(with: [0xEF, 0xBB, 0xBF])) }
    }

    /// The bytes of a text (without BOM) in this encoding, BOM included when the original had one.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8(let bom): return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16(let le):
            var out: [UInt8] = le ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for u in text.utf16 { out += le ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
            return out
        }
    }
}

public enum FileLoader {
    /// Why a path cannot be opened, in the system's words ("no such file or directory", "too many levels
    /// of symbolic links" for a link loop, "permission denied").
    public static func missingReason(_ path: String) -> String {
        var st = stat()
        if stat(path, &st) == 0 { return "cannot read" }
        return String(cString: strerror(errno)).lowercased()
    }

    /// Reads and decodes a file ("-" reads standard input).
    public static func load(_ path: String, maxBytes: Int) throws(FileLoadError) -> String {
        try loadWithEncoding(path, maxBytes: maxBytes).text
    }

    /// Reads and decodes a file, telling how it was encoded.
    public static func loadWithEncoding(_ path: String, maxBytes: Int) throws(FileLoadError) -> (text: String, encoding: TextEncoding) {
        let bytes: [UInt8]
        if path == "-" {
            guard let input = FileBytes.read(fileDescriptor: STDIN_FILENO, limit: maxBytes) else { throw .unreadable("cannot read standard input") }
            bytes = input
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .unreadable(missingReason(path))
            }
            guard !isDir.boolValue else { throw .unreadable("is a directory") }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
                throw .tooLarge(bytes: size, limit: maxBytes)
            }
            // Read at most one byte past the limit: a device or FIFO has no size to check beforehand.
            guard let read = FileBytes.read(path, limit: maxBytes) else { throw .unreadable(missingReason(path)) }
            bytes = read
        }
        if bytes.count > maxBytes { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        do { return (try TextDecoding.decode(bytes), TextEncoding(bytes: bytes)) } catch { throw .decoding(error) }
    }
}

/// Writes files atomically: a temporary file beside the target, the target's permissions, then a rename,
/// so an interrupted run leaves either the old or the new file, never a truncated one.
public enum AtomicWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).mtlint-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        // The new file keeps the old one's permissions. Plain POSIX calls, so that the only file a kill can
        // leave behind is this hidden one (FileManager.createFile writes through a temporary file of its own).
        var st = stat()
        let mode = stat(path, &st) == 0 ? mode_t(st.st_mode & 0o7777) : 0o644
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let e = errno
                close(fd); unlink(temp)
                throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
            }
            written += n
        }
        // umask may have narrowed the mode given to open.
        fchmod(fd, mode)
        guard fsync(fd) == 0, close(fd) == 0 else {
            let e = errno
            unlink(temp)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
        if rename(temp, path) != 0 {
            let e = errno
            unlink(temp)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
    }
}

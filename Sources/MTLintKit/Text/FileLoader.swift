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
    /// Reads and decodes a file ("-" reads standard input).
    public static func load(_ path: String, maxBytes: Int) throws(FileLoadError) -> String {
        try loadWithEncoding(path, maxBytes: maxBytes).text
    }

    /// Reads and decodes a file, telling how it was encoded.
    public static func loadWithEncoding(_ path: String, maxBytes: Int) throws(FileLoadError) -> (text: String, encoding: TextEncoding) {
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .unreadable("no such file or directory")
            }
            guard !isDir.boolValue else { throw .unreadable("is a directory") }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
                throw .tooLarge(bytes: size, limit: maxBytes)
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable("cannot read (permission denied?)") }
            bytes = Array(data)
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
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).mtlint-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard FileManager.default.createFile(atPath: temp.path, contents: Data(bytes),
                                             attributes: attributes.flatMap { a in (a[.posixPermissions]).map { [.posixPermissions: $0] } }) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temp.path])
        }
        let fd = open(temp.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if rename(temp.path, path) != 0 {
            let e = errno
            unlink(temp.path)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
    }
}

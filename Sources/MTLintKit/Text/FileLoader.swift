import Foundation

/// Why a file could not be read as text.
public enum FileLoadError: Error, CustomStringConvertible, Sendable {
    case unreadable(String)
    case tooLarge(bytes: Int, limit: Int)
    case decoding(DecodingError)

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case let .tooLarge(bytes, limit):
            return "file too large (\(bytes) bytes; limit \(limit)); raise --max-file-size or stream it with 'mtlint corpus --input-format lines'"
        case .decoding(let e): return e.description
        }
    }

    /// Binary files are skipped with a notice, not counted as errors.
    public var isBinary: Bool { if case .decoding(.binary) = self { return true }; return false }
}

public enum FileLoader {
    /// Reads and decodes a file ("-" reads standard input).
    public static func load(_ path: String, maxBytes: Int) throws(FileLoadError) -> String {
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
        do { return try TextDecoding.decode(bytes) } catch { throw .decoding(error) }
    }
}

import Foundation

/// The layout of a corpus stream: one record per line.
public enum CorpusFormat: String, Sendable, CaseIterable {
    /// JSON objects with an id and a text field.
    case jsonl
    /// `id<TAB>text`, with \n, \t, \r and \\ escapes in the text.
    case tsv
    /// `id<TAB>source<TAB>target` (bitext), with the same escapes as `tsv`.
    case tsv3
    /// Each line is a record; its id is the 1-based line number.
    case lines
}

/// One input record, or the reason it could not be read (reported in place so that output stays aligned
/// with input and nothing is lost).
public struct CorpusRecord: Sendable {
    /// JSON-encoded id (a string, a number or null).
    public var idJSON: String
    public var text: String?
    public var line: Int
    public var error: String?
    /// The source the text translates (a JSON record's source field, or a `tsv3` line's middle column).
    public var bitext: Bitext?

    public init(idJSON: String, text: String?, line: Int, error: String? = nil, bitext: Bitext? = nil) {
        self.idJSON = idJSON
        self.text = text
        self.line = line
        self.error = error
        self.bitext = bitext
    }

    /// The id as text (a baseline's path for the record), nil when the record has none.
    public var id: String? {
        guard idJSON != "null", let value = try? JSONSerialization.jsonObject(with: Data(idJSON.utf8), options: [.fragmentsAllowed]) else { return nil }
        if let s = value as? String { return s }
        return idJSON
    }
}

/// Reads records from a file descriptor line by line, in constant memory.
public struct CorpusReader {
    public let format: CorpusFormat
    public var idField = "id"
    public var textField = "text"
    /// JSON fields of a record's source and languages (absent: the record is checked on its own).
    public var sourceField = "source"
    public var sourceLanguageField = "source_lang"
    public var targetLanguageField = "target_lang"
    private var lines: LineReader
    private var lineNumber = 0

    /// Longest record line kept; a longer one is skipped in constant memory and reported as an error record.
    public let maxRecordBytes: Int

    public init(fileDescriptor: Int32, format: CorpusFormat, maxRecordBytes: Int = 64 << 20) {
        self.format = format
        self.maxRecordBytes = maxRecordBytes
        self.lines = LineReader(fileDescriptor: fileDescriptor, maxLineBytes: maxRecordBytes)
    }

    /// Whether `next()` can answer without waiting for the input (always for a file; for a pipe or a
    /// terminal, when a whole line is buffered or more input is there), so a caller can lint what it has
    /// instead of blocking a batch on a slow producer.
    public var canReadWithoutWaiting: Bool { lines.canReadWithoutWaiting }

    public mutating func next() -> CorpusRecord? {
        while let next = lines.next() {
            lineNumber += 1
            guard case .bytes(var bytes) = next else {
                guard case .tooLong(let length) = next else { continue }
                return CorpusRecord(idJSON: idFallback, text: nil, line: lineNumber,
                                    error: "record of \(length) bytes is longer than the limit of \(maxRecordBytes) bytes; it was skipped (raise --max-record-size)")
            }
            if bytes.last == 0x0D { bytes.removeLast() }
            if lineNumber == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let line = String(validating: bytes, as: UTF8.self) else {
                let at = TextDecoding.firstInvalidUTF8Offset(bytes)
                return CorpusRecord(idJSON: idFallback, text: nil, line: lineNumber,
                                    error: "invalid UTF-8 at byte \(at) of the line")
            }
            switch format {
            case .lines:
                return CorpusRecord(idJSON: String(lineNumber), text: line, line: lineNumber)
            case .tsv:
                if line.isEmpty { continue }
                if lineNumber == 1 && line == "\(idField)\t\(textField)" { continue }
                guard let tab = line.firstIndex(of: "\t") else {
                    return CorpusRecord(idJSON: JSON.quoted(line), text: nil, line: lineNumber, error: "no TAB between id and text")
                }
                return CorpusRecord(idJSON: JSON.quoted(String(line[..<tab])),
                                    text: Self.unescapeTSV(line[line.index(after: tab)...]), line: lineNumber)
            case .tsv3:
                if line.isEmpty { continue }
                if lineNumber == 1 && line == "\(idField)\t\(sourceField)\t\(textField)" { continue }
                let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3 else {
                    return CorpusRecord(idJSON: JSON.quoted(String(parts[0])), text: nil, line: lineNumber,
                                        error: "expected id<TAB>source<TAB>target")
                }
                return CorpusRecord(idJSON: JSON.quoted(String(parts[0])), text: Self.unescapeTSV(parts[2]), line: lineNumber,
                                    bitext: Bitext(source: Self.unescapeTSV(parts[1])))
            case .jsonl:
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                return parseJSON(line)
            }
        }
        return nil
    }

    private var idFallback: String { format == .lines ? String(lineNumber) : "null" }

    private func parseJSON(_ line: String) -> CorpusRecord {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            return CorpusRecord(idJSON: "null", text: nil, line: lineNumber, error: "invalid JSON")
        }
        guard let map = object as? [String: Any] else {
            return CorpusRecord(idJSON: "null", text: nil, line: lineNumber, error: "expected a JSON object")
        }
        var id = "null"
        switch map[idField] {
        case let s as String: id = JSON.quoted(s)
        case let n as NSNumber: id = n.stringValue
        default: break
        }
        guard let text = map[textField] as? String else {
            return CorpusRecord(idJSON: id, text: nil, line: lineNumber, error: "no string field '\(textField)'")
        }
        var bitext: Bitext?
        switch map[sourceField] {
        case nil, is NSNull: break
        case let source as String:
            bitext = Bitext(source: source, sourceLanguage: map[sourceLanguageField] as? String,
                            targetLanguage: map[targetLanguageField] as? String)
            for (field, tag) in [(sourceLanguageField, bitext?.sourceLanguage), (targetLanguageField, bitext?.targetLanguage)] {
                if let tag, !BitextFileReader.isKnownLanguage(tag) {
                    return CorpusRecord(idJSON: id, text: nil, line: lineNumber, error: "unknown language code \"\(tag)\" in field '\(field)'")
                }
            }
        default:
            return CorpusRecord(idJSON: id, text: nil, line: lineNumber, error: "field '\(sourceField)' is not a string")
        }
        return CorpusRecord(idJSON: id, text: text, line: lineNumber, bitext: bitext)
    }

    static func unescapeTSV(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                default: out.append("\\"); out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}

/// Splits a byte stream into lines (without the LF), reading 64 KiB at a time.
struct LineReader {
    /// A line, or the length of one longer than the limit (its bytes were skipped, not kept).
    enum Line { case bytes([UInt8]), tooLong(Int) }

    private let fd: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next line break resumes: bytes before it hold none.
    private var scanned = 0
    /// Bytes of an overlong line dropped so far (0: not skipping).
    private var skipped = 0
    private var eof = false

    init(fileDescriptor: Int32, maxLineBytes: Int = .max) {
        fd = fileDescriptor
        self.maxLineBytes = maxLineBytes
    }

    var canReadWithoutWaiting: Bool {
        if eof || buffer[max(start, scanned)...].contains(0x0A) { return true }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) != 0
    }

    /// The next line without its line break. Each byte is searched once, so a line of any length is read
    /// in linear time; one longer than `maxLineBytes` is skipped to its end in constant memory.
    mutating func next() -> Line? {
        while true {
            if let nl = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                defer { start = nl + 1; scanned = start }
                if skipped > 0 {
                    let length = skipped + nl - start
                    skipped = 0
                    return .tooLong(length)
                }
                return .bytes(Array(buffer[start..<nl]))
            }
            scanned = buffer.count
            if eof {
                guard start < buffer.count || skipped > 0 else { return nil }
                defer { start = buffer.count; scanned = start }
                if skipped > 0 {
                    let length = skipped + buffer.count - start
                    skipped = 0
                    return .tooLong(length)
                }
                return .bytes(Array(buffer[start...]))
            }
            if buffer.count - start > maxLineBytes {
                // Too long to keep: count it and drop what is buffered.
                skipped += buffer.count - start
                start = buffer.count
            }
            if start > 0 { buffer.removeSubrange(0..<start); scanned -= start; start = 0 }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var n = 0
            repeat { n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } } while n < 0 && errno == EINTR
            if n <= 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}

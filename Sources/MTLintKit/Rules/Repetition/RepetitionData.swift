import Foundation

/// Lists of legitimate repetition (`Rules/repetition/allowed.yml`) shared by the repetition rules.
public struct RepetitionData: Sendable {
    public var doubledWords: Set<String> = []
    public var emphaticWords: Set<String> = []
    public var reduplications: Set<String> = []
    /// Doubled names, as lower-case "w w".
    public var names: Set<String> = []
    public var xOfX: Set<String> = []
    public var lyAdjectives: Set<String> = []

    public init() {}

    public static func load(rules: URL) throws(DataError) -> RepetitionData {
        let url = rules.appendingPathComponent("repetition/allowed.yml")
        return try RuleImage.cached("repetition", version: 1, sourceHash: RuleImage.sourceHash(files: [url]),
                                    decode: decode, encode: { $0.encode(&$1) }) { () throws(DataError) in try parse(url) }
    }

    /// The compiled form (`RuleImage`): the six lists, sorted.
    func encode(_ w: inout ImageWriter) {
        for set in [doubledWords, emphaticWords, reduplications, names, xOfX, lyAdjectives] { w.strings(set.sorted()) }
    }

    static func decode(_ r: inout ImageReader) -> RepetitionData? {
        var sets: [Set<String>] = []
        for _ in 0..<6 { guard let list = r.strings() else { return nil }; sets.append(Set(list)) }
        var d = RepetitionData()
        d.doubledWords = sets[0]; d.emphaticWords = sets[1]; d.reduplications = sets[2]
        d.names = sets[3]; d.xOfX = sets[4]; d.lyAdjectives = sets[5]
        return d
    }

    private static func parse(_ url: URL) throws(DataError) -> RepetitionData {
        guard let map = try YAMLFile.load(url) as? [String: Any] else {
            throw .invalid(path: url.path, line: 1, detail: "expected a mapping of lists")
        }
        let known = ["doubled_words", "emphatic_words", "reduplications", "names", "x_of_x", "ly_adjectives"]
        for key in map.keys where !known.contains(key) {
            throw .invalid(path: url.path, line: nil, detail: "unknown key '\(key)' (known: \(known.joined(separator: ", ")))")
        }
        func set(_ key: String) throws(DataError) -> Set<String> {
            Set(try YAMLFile.strings(map, key, path: url.path).map { $0.lowercased() })
        }
        var d = RepetitionData()
        d.doubledWords = try set("doubled_words")
        d.emphaticWords = try set("emphatic_words")
        d.reduplications = try set("reduplications")
        d.names = Set(try set("names").map { $0.replacingOccurrences(of: "-", with: " ") })
        d.xOfX = try set("x_of_x")
        d.lyAdjectives = try set("ly_adjectives")
        return d
    }
}

extension Document {
    /// Whether token `t` is a quotation mark, bracket or similar mark that may separate a repeated phrase
    /// from its copy ("ready for “ready for").
    func isQuoteOrBracket(_ t: Int) -> Bool {
        guard tokens[t].kind == .punctuation, tokens[t].length == 1 else { return false }
        switch prose.units[Int(tokens[t].start)] {
        case 0x22, 0x27, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB, 0x2039, 0x203A,
             0x28, 0x29, 0x5B, 0x5D: return true
        default: return false
        }
    }

    /// The surface text of tokens first...last with their original spacing, as prose.
    func phrase(_ first: Int, _ last: Int) -> String { text(units: units(from: first, through: last)) }
}

import Foundation

/// A named entity of the correction set (`Rules/gazetteer/gazetteer.tsv`; format in Rules/gazetteer/README.md).
public struct GazetteerEntity: Sendable {
    public enum Kind: String, Sendable { case person, place, organisation, other }

    public var id: String
    public var type: Kind
    public var canonical: String
    /// The form used alone in running text (a person's surname).
    public var short: String
    /// House-style spelling of `short`, if any.
    public var house: String
    public var variants: [String]
    public var alternates: [String]
    public var given: [String]
    public var titles: [String]
    public var country: String
    public var lowercaseWords: [String]

    /// The spelling to suggest.
    public var preferred: String { house.isEmpty ? short : house }

    /// Every correct Latin-script spelling (canonical, short, house, variants).
    public var forms: [String] {
        var out = [canonical, short]
        if !house.isEmpty { out.append(house) }
        return out + variants
    }
}

/// The curated correction set plus the large known-name guard and house-style rules.
public final class Gazetteer: @unchecked Sendable {
    public let entities: [GazetteerEntity]
    /// Matching key of a form (one or more words, space-separated keys) → entities.
    let byForm: [String: [Int]]
    /// Single-word forms of people and places, for fuzzy matching: (key scalars, entity).
    let singleWordForms: [(key: String, entity: Int)]
    let byGivenName: [String: [Int]]
    /// Lower-case words of titles ("president", "minister").
    let titleWords: Set<String>
    /// Lower-case spellings that are English words when not names ("trump", "pope").
    let lowercaseWords: Set<String>
    /// wrong spelling (exact) → (right, note).
    public let style: [String: (String, String)]
    /// Entities with a configured house spelling: `name-style` reports their other spellings, so
    /// `inconsistent-name` leaves them alone.
    let houseStyled: Set<Int>
    private let knownURL: URL?
    /// The hash of the sources the tables came from, when they came from files (names the fuzzy index's image).
    private let imageHash: UInt64?
    private let knownLazy: Lazy<KnownNames?>
    private let namesLazy: Lazy<NameList?>
    private let channelLazy: Lazy<NameChannel?>

    convenience init(entities: [GazetteerEntity], style: [String: (String, String)], known: URL?, names: URL? = nil,
                     channel: NameChannel.Parameters = NameChannel.Parameters(), houseStyled: Set<Int> = []) {
        self.init(tables: Tables(entities: entities, style: style, houseStyled: houseStyled),
                  known: known, names: names, channel: channel, imageHash: nil)
    }

    init(tables t: Tables, known: URL?, names: URL?, channel: NameChannel.Parameters, imageHash: UInt64?) {
        self.imageHash = imageHash
        self.entities = t.entities
        self.houseStyled = t.houseStyled
        self.byForm = t.byForm
        self.singleWordForms = t.singleWordForms
        self.byGivenName = t.byGivenName
        self.titleWords = t.titleWords
        self.lowercaseWords = t.lowercaseWords
        self.style = t.style
        self.knownURL = known
        self.knownLazy = Lazy { known.flatMap { try? KnownNames.load($0) } }
        let namesLazy = Lazy { names.flatMap { try? NameList.load($0) } }
        self.namesLazy = namesLazy
        self.channelLazy = Lazy { namesLazy.get.map { NameChannel.open(list: $0, parameters: channel) } }
    }

    /// What the gazetteer holds in memory: the entities and their lookup tables, built from the entity list or
    /// read from the compiled image (`RuleImage`).
    struct Tables {
        var entities: [GazetteerEntity]
        var byForm: [String: [Int]] = [:]
        var singleWordForms: [(key: String, entity: Int)] = []
        var byGivenName: [String: [Int]] = [:]
        var titleWords: Set<String> = []
        var lowercaseWords: Set<String> = []
        var style: [String: (String, String)]
        var houseStyled: Set<Int>

        init(entities: [GazetteerEntity], style: [String: (String, String)], houseStyled: Set<Int>) {
            self.entities = entities
            self.style = style
            self.houseStyled = houseStyled
            for (i, e) in entities.enumerated() {
                for f in Set(e.forms.map(Gazetteer.formKey)) where !f.isEmpty {
                    byForm[f, default: []].append(i)
                    if !f.utf8.contains(0x20) && e.type != .organisation { singleWordForms.append((f, i)) }
                }
                for a in e.alternates { byForm[Gazetteer.formKey(a), default: []].append(i) }
                for g in e.given { byGivenName[Document.key(g), default: []].append(i) }
                for t in e.titles { for w in t.splitASCII(0x20, omittingEmpty: true) { titleWords.insert(Document.key(w)) } }
                for w in e.lowercaseWords { lowercaseWords.insert(Document.key(w)) }
            }
        }

        private init(entities: [GazetteerEntity], byForm: [String: [Int]], singleWordForms: [(key: String, entity: Int)],
                     byGivenName: [String: [Int]], titleWords: Set<String>, lowercaseWords: Set<String>,
                     style: [String: (String, String)], houseStyled: Set<Int>) {
            self.entities = entities; self.byForm = byForm; self.singleWordForms = singleWordForms
            self.byGivenName = byGivenName; self.titleWords = titleWords; self.lowercaseWords = lowercaseWords
            self.style = style; self.houseStyled = houseStyled
        }

        // Dictionaries are written in sorted key order, so the same sources give the same image bytes.
        func encode(_ w: inout ImageWriter) {
            w.u32(UInt32(entities.count))
            for e in entities {
                w.string(e.id); w.string(e.type.rawValue); w.string(e.canonical); w.string(e.short); w.string(e.house)
                w.strings(e.variants); w.strings(e.alternates); w.strings(e.given); w.strings(e.titles)
                w.string(e.country); w.strings(e.lowercaseWords)
            }
            for table in [byForm, byGivenName] {
                w.u32(UInt32(table.count))
                for key in table.keys.sorted() { w.string(key); w.ints(table[key]!) }
            }
            w.strings(singleWordForms.map(\.key)); w.ints(singleWordForms.map(\.entity))
            w.strings(titleWords.sorted()); w.strings(lowercaseWords.sorted())
            w.u32(UInt32(style.count))
            for key in style.keys.sorted() { w.string(key); w.string(style[key]!.0); w.string(style[key]!.1) }
            w.ints(houseStyled.sorted())
        }

        static func decode(_ r: inout ImageReader) -> Tables? {
            guard let n = r.u32() else { return nil }
            var entities: [GazetteerEntity] = []
            entities.reserveCapacity(Int(min(n, 1 << 20)))
            for _ in 0..<n {
                guard let id = r.string(), let type = r.string().flatMap(GazetteerEntity.Kind.init(rawValue:)),
                      let canonical = r.string(), let short = r.string(), let house = r.string(),
                      let variants = r.strings(), let alternates = r.strings(), let given = r.strings(),
                      let titles = r.strings(), let country = r.string(), let lower = r.strings() else { return nil }
                entities.append(GazetteerEntity(id: id, type: type, canonical: canonical, short: short, house: house,
                                                variants: variants, alternates: alternates, given: given, titles: titles,
                                                country: country, lowercaseWords: lower))
            }
            var tables: [[String: [Int]]] = []
            for _ in 0..<2 {
                guard let count = r.u32() else { return nil }
                var table: [String: [Int]] = [:]
                table.reserveCapacity(Int(min(count, 1 << 22)))
                for _ in 0..<count {
                    guard let key = r.string(), let ids = r.ints(), ids.allSatisfy({ $0 >= 0 && $0 < entities.count }) else { return nil }
                    table[key] = ids
                }
                tables.append(table)
            }
            guard let singleKeys = r.strings(), let singleIDs = r.ints(), singleKeys.count == singleIDs.count,
                  singleIDs.allSatisfy({ $0 >= 0 && $0 < entities.count }),
                  let titles = r.strings(), let lower = r.strings(), let styleCount = r.u32() else { return nil }
            var style: [String: (String, String)] = [:]
            for _ in 0..<styleCount {
                guard let key = r.string(), let right = r.string(), let note = r.string() else { return nil }
                style[key] = (right, note)
            }
            guard let styled = r.ints(), styled.allSatisfy({ $0 >= 0 && $0 < entities.count }) else { return nil }
            return Tables(entities: entities, byForm: tables[0],
                          singleWordForms: zip(singleKeys, singleIDs).map { (key: $0, entity: $1) },
                          byGivenName: tables[1], titleWords: Set(titles), lowercaseWords: Set(lower),
                          style: style, houseStyled: Set(styled))
        }
    }

    /// Suggestions from the large name list, its fuzzy index opened (or built and cached) on first use.
    public var channel: NameChannel? { channelLazy.get }

    /// The large name list with priors, read on first use.
    public var names: NameList? { namesLazy.get }

    /// The known-name guard, read on first use.
    public var known: KnownNames? { knownLazy.get }

    private lazy var fuzzyIndex: FuzzyIndex = {
        let build = { FuzzyIndex(words: self.singleWordForms.map(\.key), maxDistance: 2, prefix: 7) }
        guard let imageHash else { return build() }
        // Compiled beside the gazetteer's tables, from the same sources.
        return RuleImage.cached("fuzzy", version: 1, sourceHash: imageHash, decode: FuzzyIndex.decode,
                                encode: { $0.encode(&$1) }, build: build)
    }()
    private let fuzzyLock = NSLock()

    /// Fuzzy index over the single-word forms of people and places (entries in `singleWordForms` order).
    var fuzzy: FuzzyIndex {
        fuzzyLock.lock(); defer { fuzzyLock.unlock() }
        return fuzzyIndex
    }

    /// Key of a form: its words' keys joined by single spaces (hyphens kept inside words).
    static func formKey(_ form: String) -> String {
        // Most forms are ASCII with single spaces: their key is the lower-cased form, with no splitting.
        if Self.isPlainASCII(form) { return Document.key(form) }
        return form.splitASCII(0x20, omittingEmpty: true).map(Document.key).joined(separator: " ")
    }

    /// ASCII words separated by single spaces (checked on bytes: `String.contains` goes through Foundation).
    private static func isPlainASCII(_ form: String) -> Bool {
        var previous: UInt8 = 0x20
        for b in form.utf8 {
            if b >= 0x80 || (b == 0x20 && previous == 0x20) { return false }
            previous = b
        }
        return previous != 0x20
    }

    public func entities(forForm form: String) -> [Int] { byForm[Self.formKey(form)] ?? [] }
    func entities(forKey key: String) -> [Int] { byForm[key] ?? [] }

    static func load(rules: URL, extra: [URL] = [], houseStyle: [String] = []) throws(DataError) -> Gazetteer {
        let dir = rules.appendingPathComponent("gazetteer")
        let tsv = dir.appendingPathComponent("gazetteer.tsv")
        let styleURL = dir.appendingPathComponent("style.tsv")
        let hash = RuleImage.sourceHash(files: [tsv, styleURL] + extra, settings: houseStyle)
        let tables = try RuleImage.cached("gazetteer", version: 1, sourceHash: hash,
                                          decode: Tables.decode, encode: { $0.encode(&$1) }) { () throws(DataError) in
            try loadTables(tsv: tsv, style: styleURL, extra: extra, houseStyle: houseStyle)
        }
        let known = dir.appendingPathComponent("known-names.txt")
        let names = dir.appendingPathComponent("names.tsv")
        var channel = NameChannel.Parameters()
        let channelURL = dir.appendingPathComponent("channel.tsv")
        if let d = FileBytes.data(channelURL.path) {
            channel = try NameChannel.Parameters.parse(String(decoding: d, as: UTF8.self), path: channelURL.path)
        }
        return Gazetteer(tables: tables,
                         known: FileManager.default.fileExists(atPath: known.path) ? known : nil,
                         names: FileManager.default.fileExists(atPath: names.path) ? names : nil,
                         channel: channel, imageHash: hash)
    }

    /// The tables from the text files: the entity list, a newsroom's extra lists, style rules and house style.
    private static func loadTables(tsv: URL, style styleURL: URL, extra: [URL], houseStyle: [String]) throws(DataError) -> Tables {
        guard let data = FileBytes.data(tsv.path) else { throw .missing(path: tsv.path, detail: "gazetteer not found") }
        var entities = try parseEntities(String(decoding: data, as: UTF8.self), path: tsv.path)
        for url in extra {
            guard let d = FileBytes.data(url.path) else { throw .missing(path: url.path, detail: "cannot read gazetteer") }
            // A newsroom's list may give names in their own script: add the Latin spellings news uses.
            entities += try parseEntities(String(decoding: d, as: UTF8.self), path: url.path).map(romanized)
        }
        var style: [String: (String, String)] = [:]
        if let s = FileBytes.data(styleURL.path) {
            var n = 0
            for line in String(decoding: s, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                n += 1
                if line.isEmpty || line.hasPrefix("#") { continue }
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 2 else { throw .invalid(path: styleURL.path, line: n, detail: "expected 'wrong<TAB>right<TAB>note'") }
                style[f[0]] = (f[1], f.count > 2 ? f[2] : "")
            }
        }
        let houseStyled = try applyHouseStyle(houseStyle, to: &entities, style: &style)
        return Tables(entities: entities, style: style, houseStyled: houseStyled)
    }

    /// A newsroom's preferred spellings ("Zelenskyy", "Kyiv"): each becomes the suggested form of the entity
    /// it spells, and the entity's other one-word spellings become style rules pointing at it. A spelling
    /// that names no entity is an error, so a typo in the configuration does not pass silently.
    static func applyHouseStyle(_ preferred: [String], to entities: inout [GazetteerEntity],
                                style: inout [String: (String, String)]) throws(DataError) -> Set<Int> {
        var styled = Set<Int>()
        for p in preferred {
            let key = formKey(p)
            let matches = entities.indices.filter { i in entities[i].forms.contains { formKey($0) == key } }
            guard !matches.isEmpty else {
                throw .invalid(path: "house style", line: nil,
                               detail: "“\(p)” is not a spelling of any name in the gazetteer; add the name with --gazetteer first")
            }
            for i in matches {
                if !p.contains(" ") {
                    // The built-in house spelling stays a known spelling of the entity.
                    let old = entities[i].house
                    if !old.isEmpty && old != p { entities[i].variants.append(old) }
                    entities[i].house = p
                }
                styled.insert(i)
                for f in entities[i].forms where !f.contains(" ") && formKey(f) != key && f != entities[i].canonical {
                    // Only other spellings of the same word (Zelensky, Zelenskiy), not other names of the entity
                    // (USA for United States) unless the house form is that short.
                    let a = NameSimilarity.scalars(formKey(f)), b = NameSimilarity.scalars(key)
                    guard a.first == b.first, NameSimilarity.osa(a, b, limit: 3) <= 3 else { continue }
                    style[f] = (p, "house style")
                }
            }
        }
        return styled
    }

    /// The entity with Latin spellings for its names in other scripts (which move to `alternates`) and
    /// ASCII foldings of Latin names with diacritics, through `NameTransliteration`.
    static func romanized(_ entity: GazetteerEntity) -> GazetteerEntity {
        var e = entity
        func latin(_ name: String) -> (primary: String, extra: [String]) {
            let v = NameTransliteration.latinVariants(name)
            guard let first = v.first else { return (name, []) }
            let isLatin = name.unicodeScalars.allSatisfy { $0.value < 0x250 || !$0.properties.isAlphabetic }
            if isLatin { return (name, v) }
            e.alternates.append(name)
            return (first, Array(v.dropFirst()))
        }
        var extra: [String] = []
        let c = latin(e.canonical); e.canonical = c.primary; extra += c.extra
        let sh = latin(e.short); e.short = sh.primary; extra += sh.extra
        if !e.house.isEmpty { e.house = latin(e.house).primary }
        var variants: [String] = []
        for v in e.variants {
            let r = latin(v)
            variants.append(r.primary); variants += r.extra
        }
        var given: [String] = []
        for g in e.given {
            let r = latin(g)
            given.append(r.primary); given += r.extra
        }
        var seenGiven = Set<String>()
        e.given = given.filter { seenGiven.insert($0).inserted }
        var seen: Set<String> = [e.canonical, e.short, e.house]
        e.variants = []
        for v in variants + extra where !v.isEmpty && !seen.contains(v) {
            seen.insert(v)
            e.variants.append(v)
        }
        return e
    }

    static func parseEntities(_ text: String, path: String) throws(DataError) -> [GazetteerEntity] {
        var columns: [String: Int] = [:]
        var out: [GazetteerEntity] = []
        var n = 0
        // Split on bytes, not Characters: a tab, a newline and "|" are ASCII, and grapheme breaking over half a
        // megabyte was most of the start-up cost.
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            n += 1
            let line = raw.last == 0x0D ? raw.dropLast() : raw[...]
            if line.isEmpty { continue }
            if line.first == 0x23 {
                if columns.isEmpty && line.starts(with: "#id".utf8) {
                    for (i, c) in Substring(line.dropFirst()).splitASCII(0x09).enumerated() { columns[c] = i }
                }
                continue
            }
            if columns.isEmpty {
                throw .invalid(path: path, line: n, detail: "missing header line '#id<TAB>type<TAB>kind<TAB>canonical<TAB>short…'")
            }
            let f = Substring(line).splitASCII(0x09)
            func col(_ name: String) -> String { columns[name].flatMap { $0 < f.count ? f[$0] : nil } ?? "" }
            func list(_ name: String) -> [String] { col(name).splitASCII(0x7C, omittingEmpty: true) }
            guard let type = GazetteerEntity.Kind(rawValue: col("type")) else {
                throw .invalid(path: path, line: n, detail: "type must be person, place, organisation or other")
            }
            let canonical = col("canonical")
            guard !canonical.isEmpty else { throw .invalid(path: path, line: n, detail: "empty canonical name") }
            out.append(GazetteerEntity(
                id: col("id"), type: type, canonical: canonical,
                short: col("short").isEmpty ? canonical : col("short"), house: col("house"),
                variants: list("variants"), alternates: list("alt"), given: list("given"), titles: list("titles"),
                country: col("country"), lowercaseWords: list("lcwords")))
        }
        return out
    }

}

// mtlint-bench: throughput, cold start, memory and index benchmarks, all reported in one run.
//
//     swift build -c release && swift run -c release mtlint-bench [--mb 100] [--skip-cold]
//
// Figures are wall-clock on this machine; run on an idle machine and compare ratios within one run.
import Foundation
import MTLintKit

struct Args {
    var megabytes = 100
    var skipCold = false
    var only: Set<String> = []
    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--mb": megabytes = Int(it.next() ?? "") ?? megabytes
            case "--skip-cold": skipCold = true
            case "--only": only = Set((it.next() ?? "").split(separator: ",").map(String.init))
            default: print("usage: mtlint-bench [--mb N] [--skip-cold] [--only pipeline,families,cold,english,gazetteer,fuzzy,nameindex,names,literalism]"); exit(2)
            }
        }
    }
    func wants(_ s: String) -> Bool { only.isEmpty || only.contains(s) }
}

let args = Args()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let rulesDir = root.appendingPathComponent("Rules")

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func rssMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = Double(s.split(separator: " ")[1]) ?? 0
    return pages * 4096 / 1_048_576
}
func peakMB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}
func line(_ s: String) { print(s); fflush(nil) }

/// Lookups per second over `queries` (each at its own distance), after a warm-up pass, and the mean number of
/// results: one scratch buffer, no allocation per lookup.
func lookupRate(_ index: NameIndex, _ queries: [[UInt8]], _ distances: [Int]) -> (perSecond: Double, results: Double) {
    let scratch = NameIndex.Scratch()
    var results: [NameIndex.Match] = []
    for (q, d) in zip(queries, distances).prefix(1000) {
        q.withUnsafeBufferPointer { index.lookup($0, maxDistance: d, scratch: scratch, into: &results) }
    }
    let t = now()
    var found = 0
    for (q, d) in zip(queries, distances) {
        q.withUnsafeBufferPointer { index.lookup($0, maxDistance: d, scratch: scratch, into: &results) }
        found += results.count
    }
    let seconds = now() - t
    return (Double(queries.count) / seconds, Double(found) / Double(max(queries.count, 1)))
}

/// News-like paragraphs: the samples and, when present beside the repository, the clean dev sets.
func paragraphs() -> [String] {
    var out: [String] = []
    let samples = root.appendingPathComponent("Samples")
    for name in (try? FileManager.default.contentsOfDirectory(atPath: samples.path))?.sorted() ?? [] where name.hasSuffix(".txt") {
        let text = (try? String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)) ?? ""
        out += text.components(separatedBy: "\n\n").flatMap { $0.split(separator: "\n").map(String.init) }.filter { $0.count > 40 }
    }
    for name in ["clean-news-en.jsonl", "clean-ted-en.jsonl"] {
        let dev = root.deletingLastPathComponent().appendingPathComponent("shared/devdata/" + name)
        for l in ((try? String(contentsOf: dev, encoding: .utf8)) ?? "").split(separator: "\n") {
            if let o = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any], let t = o["text"] as? String { out.append(t) }
        }
    }
    return out
}

func corpus(megabytes: Int) -> [String] {
    let base = paragraphs()
    var out: [String] = []
    var bytes = 0
    var i = 0
    while bytes < megabytes * 1_000_000 {
        let p = base[i % base.count]
        out.append(p)
        bytes += p.utf8.count
        i += 1
    }
    return out
}

func mbps(_ bytes: Int, _ seconds: Double) -> String { String(format: "%.1f MB/s", Double(bytes) / 1e6 / seconds) }

let rules = try RuleRegistry.builtin(rules: rulesDir)
let linter = Linter(rules: rules)
// The whole pipeline as every front end runs it (an empty configuration: nothing allowed or suppressed).
let session = LintSession(linter: linter)
line("mtlint-bench: \(linter.ruleInfos.count) rules, ICU \(ICU.version), \(ProcessInfo.processInfo.activeProcessorCount) cores")

if args.wants("pipeline") || args.wants("families") {
    let records = corpus(megabytes: args.megabytes)
    let bytes = records.reduce(0) { $0 + $1.utf8.count }
    line("corpus: \(records.count) paragraphs, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
    // Warm up lazily loaded data (word list, gazetteer guard).
    _ = linter.lint(text: records.prefix(50).joined(separator: "\n\n"))

    if args.wants("pipeline") {
        var t = now()
        for r in records {
            let units = Array(r.utf16)
            units.withUnsafeBufferPointer { _ = ICU.benchmarkWordBreaks($0) }
        }
        let icu = now() - t
        line("bare ICU word segmentation, 1 core: \(mbps(bytes, icu))")
        t = now()
        var findings = 0
        for r in records { findings += session.lint(text: r).diagnostics.count }
        let one = now() - t
        line("full pipeline, all rules, 1 core:   \(mbps(bytes, one))  (\(findings) findings; \(String(format: "%.3f", icu / one)) of ICU's speed)")
        t = now()
        let counts = Parallel.map(records, jobs: 2) { session.lint(text: $0).diagnostics.count }
        let two = now() - t
        line("full pipeline, all rules, 2 cores:  \(mbps(bytes, two))  (speed-up \(String(format: "%.2f", one / two))×; \(counts.reduce(0, +)) findings)")
        if let spell = codespellSeconds(records) {
            line("codespell, 1 process, same text:    \(mbps(bytes, spell))  (mtlint on 1 core: \(String(format: "%.2f", spell / one))× its speed)")
        } else {
            line("codespell: not found on PATH; column skipped (scripts/bench.sh installs it with pip)")
        }
    }
    if args.wants("families") {
        // Each family alone over segmentation and scoring, in ns per byte and as a share of all rules' cost.
        let sample = Array(records.prefix(records.count / 5))
        let sampleBytes = Double(sample.reduce(0) { $0 + $1.utf8.count })
        func nsPerByte(_ l: Linter) -> Double {
            let t = now()
            for r in sample { _ = l.lint(text: r) }
            return (now() - t) / sampleBytes * 1e9
        }
        let base = nsPerByte(Linter(rules: rules, enabled: []))
        let all = nsPerByte(linter)
        line("per family (\(String(format: "%.1f", sampleBytes / 1e6)) MB): all rules \(String(format: "%.0f", all)) ns/byte; "
             + "document, segmentation and garble score alone \(String(format: "%.0f", base)) ns/byte (\(String(format: "%.0f", 100 * base / all))%)")
        let byCategory = Dictionary(grouping: linter.ruleInfos, by: \.category)
        for (category, infos) in byCategory.sorted(by: { $0.key < $1.key }) {
            let cost = max(0, nsPerByte(Linter(rules: rules, enabled: Set(infos.map(\.id)))) - base)
            line("  family \(category.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%3d", infos.count)) rules: "
                 + "+\(String(format: "%4.0f", cost)) ns/byte (\(String(format: "%2.0f", 100 * cost / all))% of all)")
        }
    }
}

/// Seconds codespell takes over the same paragraphs (one file), or nil when it is not installed.
func codespellSeconds(_ records: [String]) -> Double? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    guard let exe = path.split(separator: ":").map({ "\($0)/codespell" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { return nil }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-bench-\(getpid()).txt")
    defer { try? FileManager.default.removeItem(at: file) }
    guard (try? records.joined(separator: "\n\n").write(to: file, atomically: true, encoding: .utf8)) != nil else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = [file.path]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let t = now()
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    return now() - t
}

if args.wants("english") {
    // The English model's cost: a word lookup per word and a pair lookup per adjacent pair, as the garble
    // scorer makes them, over the corpus (keys prepared outside the timing).
    var t = now()
    let english = try EnglishModel.load(rules: rulesDir)
    let load = now() - t
    let records = corpus(megabytes: max(1, args.megabytes / 4))
    let bytes = records.reduce(0) { $0 + $1.utf8.count }
    let keyed = records.map { r in r.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init) }
    func pass() -> (Double, Int, Int) {
        let t = now()
        var known = 0, listed = 0
        for words in keyed {
            var previous: String?
            for w in words {
                if english.zipf(w) > 0 { known += 1 }
                if let p = previous, english.pairLogP(p, w) != nil { listed += 1 }
                previous = w
            }
        }
        return (now() - t, known, listed)
    }
    let n = keyed.reduce(0) { $0 + $1.count }
    let early = pass()
    t = now()
    english.waitForIndex()
    let wait = now() - t
    let (s, known, listed) = pass()
    line("english model: opened in \(String(format: "%.1f", load * 1000)) ms, hash index ready \(String(format: "%.0f", wait * 1000)) ms after a first pass; \(n) words (\(known) known), \(listed) listed pairs")
    line("  first pass (binary search until the index is ready): \(String(format: "%.0f", early.0 / Double(bytes) * 1e9)) ms per MB")
    line("  hashed: \(String(format: "%.0f", s / Double(bytes) * 1e9)) ms per MB (\(mbps(bytes, s)) alone)")
}

if args.wants("gazetteer") {
    let before = rssMB()
    var t = now()
    let g = try Gazetteer.loadForBenchmark(rules: rulesDir)
    let load = now() - t
    t = now()
    _ = g.known?.contains("Zelensky")
    let guardLoad = now() - t
    t = now()
    _ = g.fuzzyIndexForBenchmark.count
    let fuzzy = now() - t
    line("gazetteer: \(g.entities.count) entities loaded in \(String(format: "%.1f", load * 1000)) ms; guard of \(g.known?.count ?? 0) names in \(String(format: "%.1f", guardLoad * 1000)) ms; fuzzy index in \(String(format: "%.1f", fuzzy * 1000)) ms; +\(String(format: "%.0f", rssMB() - before)) MB")
}

if args.wants("fuzzy") {
    let known = root.appendingPathComponent("Rules/gazetteer/known-names.txt")
    var names = ((try? String(contentsOf: known, encoding: .utf8)) ?? "").split(separator: "\n").map { $0.lowercased() }
    var rng = SystemRandomNumberGenerator()
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    while names.count < 1_000_000 {
        // Pad with synthetic name-like strings to reach a million entries.
        names.append(String((0..<Int.random(in: 5...10, using: &rng)).map { _ in letters.randomElement(using: &rng)! }))
    }
    names.shuffle(using: &rng)
    for size in [100_000, 1_000_000] {
        let subset = Array(names.prefix(size))
        let before = rssMB()
        var t = now()
        let index = FuzzyIndex(words: subset, maxDistance: 2, prefix: 7)
        let build = now() - t
        let memory = rssMB() - before
        var queries: [String] = []
        for _ in 0..<2000 {
            var s = Array(subset.randomElement(using: &rng)!)
            if s.count > 3 {
                let i = Int.random(in: 0..<s.count, using: &rng)
                if Bool.random(using: &rng) { s.remove(at: i) } else { s[i] = letters.randomElement(using: &rng)! }
            }
            queries.append(String(s))
        }
        t = now()
        var hits = 0
        for q in queries { hits += index.lookup(q).isEmpty ? 0 : 1 }
        let lookup = now() - t
        line("fuzzy index \(size) entries: build \(String(format: "%.1f", build)) s, +\(String(format: "%.0f", memory)) MB, \(String(format: "%.0f", Double(queries.count) / lookup)) lookups/s (\(hits)/\(queries.count) with a candidate)")
    }
}

if args.wants("nameindex") {
    // NameIndex (symmetric delete in flat arrays, memory-mapped cache file) at 100k and 1M names: build, size,
    // resident memory, lookups/s on one core, and recall of edited names. Seeded, so runs are comparable.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
    var rng = SplitMix64(state: 42)
    // Keys: the first column of names.tsv when there is one, else the known-name guard; lower-cased UTF-8.
    var source = "Rules/gazetteer/names.tsv"
    var text = (try? String(contentsOf: root.appendingPathComponent(source), encoding: .utf8)) ?? ""
    if text.isEmpty {
        source = "Rules/gazetteer/known-names.txt"
        text = (try? String(contentsOf: root.appendingPathComponent(source), encoding: .utf8)) ?? ""
    }
    var seen = Set<[UInt8]>()
    var names: [[UInt8]] = []
    for l in text.split(separator: "\n") where !l.hasPrefix("#") {
        let key = Array((l.split(separator: "\t", maxSplits: 1).first ?? "").lowercased().utf8)
        if !key.isEmpty && seen.insert(key).inserted { names.append(key) }
    }
    let real = names.count
    // Pad to a million with name-like keys: syllables (consonants then vowels) of real names, recombined.
    func isVowel(_ c: UInt8) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121 }
    var initial: [[UInt8]] = [], middle: [[UInt8]] = [], final: [[UInt8]] = []
    for n in names where n.count >= 4 && n.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
        var syllables: [[UInt8]] = [], current: [UInt8] = []
        var vowel = false
        for c in n {
            if !isVowel(c) && vowel { syllables.append(current); current = []; vowel = false }
            current.append(c)
            if isVowel(c) { vowel = true }
        }
        if vowel || syllables.isEmpty { syllables.append(current) } else { syllables[syllables.count - 1] += current }
        guard syllables.count >= 2 else { continue }
        initial.append(syllables[0]); final.append(syllables[syllables.count - 1])
        middle += syllables.dropFirst().dropLast()
    }
    while names.count < 1_000_000 && !initial.isEmpty {
        var key = initial.randomElement(using: &rng)!
        for _ in 0..<Int.random(in: 0...2, using: &rng) where !middle.isEmpty { key += middle.randomElement(using: &rng)! }
        key += final.randomElement(using: &rng)!
        if key.count <= 20 && seen.insert(key).inserted { names.append(key) }
    }
    names.shuffle(using: &rng)
    line("name index: \(real) names from \(source) + \(names.count - real) synthetic, \(ProcessInfo.processInfo.activeProcessorCount) cores (lookups on one)")

    let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    for size in [100_000, 1_000_000] where size <= names.count {
        let subset = Array(names.prefix(size))
        var builder = NameIndex.Builder(capacity: size)
        for (i, key) in subset.enumerated() { builder.add(key, payload: UInt32(i)) }
        var t = now()
        var built: NameIndex? = builder.build()
        let buildTime = now() - t
        builder = NameIndex.Builder()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-bench-names-\(size).idx")
        try built!.write(to: url)
        let bytes = built!.byteCount
        built = nil
        let before = rssMB()
        guard let index = NameIndex.open(url) else { line("name index: cannot open \(url.path)"); continue }
        let openRSS = rssMB() - before

        // Queries: 10,000 entries with 1–2 byte edits (substitution, insertion, deletion, transposition), half
        // inside the prefix and half after it, plus 1,000 random strings.
        struct Query { var bytes: [UInt8]; var original: Int; var edits: Int; var inside: Bool }
        var queries: [Query] = []
        let prefix = index.prefixLength
        while queries.count < 10_000 {
            let original = Int.random(in: 0..<size, using: &rng)
            var s = subset[original]
            let edits = queries.count % 4 < 2 ? 1 : 2
            let inside = queries.count % 2 == 0
            if !inside && s.count < prefix + 2 { continue }
            for _ in 0..<edits {
                let region = inside ? 0..<min(prefix, s.count) : prefix..<s.count
                guard region.count >= 2 else { break }
                let i = Int.random(in: region.lowerBound..<(region.upperBound - 1), using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: s[i] = letters.randomElement(using: &rng)!
                case 1: s.insert(letters.randomElement(using: &rng)!, at: i)
                case 2: s.remove(at: i)
                default: s.swapAt(i, i + 1)
                }
            }
            if s != subset[original] { queries.append(Query(bytes: s, original: original, edits: edits, inside: inside)) }
        }
        for _ in 0..<1_000 {
            queries.append(Query(bytes: (0..<Int.random(in: 4...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! },
                                 original: -1, edits: 0, inside: false))
        }
        func rate(_ qs: [Query], _ d: (Query) -> Int) -> String {
            let r = lookupRate(index, qs.map(\.bytes), qs.map(d))
            return "\(String(format: "%.0f", r.perSecond))/s (\(String(format: "%.1f", r.results)) results)"
        }
        let long = queries.filter { $0.bytes.count >= 8 }
        let d2 = rate(queries) { _ in 2 }, d1 = rate(queries) { _ in 1 }, d2long = rate(long) { _ in 2 }
        let adaptive = rate(queries) { $0.bytes.count >= 8 ? 2 : 1 }
        var recall: [String] = []
        for edits in [1, 2] {
            for inside in [true, false] {
                let group = queries.filter { $0.edits == edits && $0.inside == inside }
                let hits = group.filter { q in index.lookup(q.bytes).contains { Int(index.payload($0.id)) == q.original } }.count
                recall.append("\(edits) edit\(edits == 1 ? "" : "s") \(inside ? "in" : "after") prefix \(String(format: "%.1f", 100 * Double(hits) / Double(max(group.count, 1))))%")
            }
        }
        line("name index \(size) entries: build \(String(format: "%.2f", buildTime)) s, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB file, RSS +\(String(format: "%.0f", openRSS)) MB after open (+\(String(format: "%.0f", rssMB() - before)) MB after lookups, mapped)")
        line("  lookups on one core: d=2 \(d2); d=1 \(d1); d=2 on the \(long.count) queries of ≥ 8 bytes \(d2long); d=2 from 8 bytes, else 1: \(adaptive)")
        line("  recall at d=2 (original entry among the results): \(recall.joined(separator: ", "))")
        try? FileManager.default.removeItem(at: url)
    }
}

if args.wants("names") {
    // The document name model per article: name rules alone against segmentation alone, over articles of
    // about 5 KB made of consecutive news-like paragraphs; and the large list's channel on first use.
    let paragraphsList = paragraphs()
    var articles: [String] = []
    var current = ""
    for p in paragraphsList {
        current += (current.isEmpty ? "" : "\n\n") + p
        if current.utf8.count >= 5_000 { articles.append(current); current = "" }
    }
    let articleBytes = articles.reduce(0) { $0 + $1.utf8.count }
    let g = try Gazetteer.loadForBenchmark(rules: rulesDir)
    var t = now()
    _ = g.channel
    let channelOpen = now() - t
    let nameIDs: Set<String> = ["garbled-name", "lowercase-name", "inconsistent-name", "name-style", "possessive-without-apostrophe"]
    let names = Linter(rules: rules, enabled: nameIDs)
    let none = Linter(rules: rules, enabled: [])
    for a in articles.prefix(3) { _ = names.lint(text: a) }
    t = now()
    for _ in 0..<3 { for a in articles { _ = none.lint(text: a) } }
    let base = (now() - t) / 3
    t = now()
    var flagged = 0
    for _ in 0..<3 { for a in articles { flagged += names.lint(text: a).diagnostics.count } }
    let withNames = (now() - t) / 3
    let perDoc = (withNames - base) / Double(max(articles.count, 1))
    line("name model: \(articles.count) articles of ~5 KB: +\(String(format: "%.2f", perDoc * 1000)) ms per article over segmentation (+\(String(format: "%.0f", (withNames - base) / Double(articleBytes) * 1e9)) ns/byte; \(flagged / 3) findings); large-list channel ready in \(String(format: "%.0f", channelOpen * 1000)) ms (cached index opened, or built on a first run)")
}

if args.wants("literalism") {
    let words = ((try? String(contentsOf: root.appendingPathComponent("Rules/lexicon/english-words.tsv"), encoding: .utf8)) ?? "")
        .split(separator: "\n").compactMap { l -> String? in
            let f = l.split(separator: "\t"); return f.count == 2 && Int(f[1]) ?? 99 <= 50 && f[0].allSatisfy(\.isLowercase) ? String(f[0]) : nil
        }
    let text = corpus(megabytes: 10)
    let bytes = text.reduce(0) { $0 + $1.utf8.count }
    for count in [300, 3000] {
        var yaml = "pack: bench\ndescription: synthetic\nentries:\n"
        var rng = SystemRandomNumberGenerator()
        for i in 0..<count {
            yaml += "  - id: bench-\(i)\n    pattern: \"\(words.randomElement(using: &rng)!) \(words.randomElement(using: &rng)!)\"\n    suggest: [\"x\"]\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-bench-\(count).yml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        let packRules = try RuleRegistry.builtin(rules: rulesDir, extraPacks: [url])
        let ids = Set(packRules.flatMap(\.infos).map(\.id).filter { $0.hasPrefix("bench-") })
        let l = Linter(rules: packRules, enabled: ids)
        let t = now()
        var n = 0
        for r in text { n += l.lint(text: r).diagnostics.count }
        let s = now() - t
        line("literalism matcher, \(count) synthetic entries: \(mbps(bytes, s)) (\(n) matches)")
        try? FileManager.default.removeItem(at: url)
    }
}

if args.wants("cold") && !args.skipCold {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mtlint")
    if FileManager.default.isExecutableFile(atPath: exe.path) {
        let article = String(paragraphs().joined(separator: "\n\n").prefix(5000))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-bench-article.txt")
        try article.write(to: file, atomically: true, encoding: .utf8)
        var times: [Double] = []
        for _ in 0..<15 {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["--quiet", "--color", "never", "--jobs", "1", file.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let t = now()
            try p.run()
            p.waitUntilExit()
            times.append(now() - t)
        }
        times.sort()
        line("cold start, 5 KB article (process start to exit, median of 15): \(String(format: "%.1f", times[times.count / 2] * 1000)) ms")
    } else {
        line("cold start: build the mtlint executable in the same configuration first")
    }
}
line("peak memory of this process: \(String(format: "%.0f", peakMB())) MB")

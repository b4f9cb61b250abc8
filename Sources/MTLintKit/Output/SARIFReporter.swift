/// SARIF 2.1.0 for GitHub code scanning and other consumers. Columns and character offsets are UTF-16
/// code units, stated in `columnKind`; fixes carry the suggestions.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    public static let summary = "SARIF 2.1.0 (GitHub code scanning, IDEs)"

    public init(color: Bool = false) {}

    public func report(_ report: Report) -> String {
        Self.report(report.files.map { FileResult(path: $0.path, result: $0.result) }, rules: report.rules, version: report.version)
    }

    public struct FileResult {
        public var path: String
        public var result: LintResult
        public init(path: String, result: LintResult) { self.path = path; self.result = result }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// URIs are relative, with '/' separators and percent-encoding of what a URI cannot hold.
    static func uri(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        var out = ""
        for b in p.utf8 {
            let c = Character(Unicode.Scalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/".contains(c)) { out.append(c) }
            else { out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
        }
        return out
    }

    public static func report(_ files: [FileResult], rules: [RuleInfo], version: String) -> String {
        var ruleIndex: [String: Int] = [:]
        for (i, r) in rules.enumerated() { ruleIndex[r.id] = i }
        let driverRules = rules.map { r in
            JSON.object([
                ("id", JSON.quoted(r.id)),
                ("name", JSON.quoted(r.id)),
                ("shortDescription", JSON.object([("text", JSON.quoted(r.summary))])),
                ("fullDescription", JSON.object([("text", JSON.quoted(r.summary))])),
                ("help", JSON.object([("text", JSON.quoted(helpText(r))), ("markdown", JSON.quoted(helpMarkdown(r)))])),
                ("defaultConfiguration", JSON.object([("level", JSON.quoted(level(r.severity)))])),
                ("properties", JSON.object([("tags", JSON.array([JSON.quoted(r.category.rawValue)])), ("category", JSON.quoted(r.category.rawValue))])),
            ])
        }
        var results: [String] = []
        for f in files {
            let source = f.result.source
            for d in f.result.diagnostics {
                let region = regionJSON(d, source)
                var pairs: [(String, String)] = [
                    ("ruleId", JSON.quoted(d.ruleID)),
                    ("level", JSON.quoted(level(d.severity))),
                    ("message", JSON.object([("text", JSON.quoted(d.message))])),
                    ("locations", JSON.array([JSON.object([("physicalLocation", JSON.object([
                        ("artifactLocation", JSON.object([("uri", JSON.quoted(uri(f.path)))])),
                        ("region", region),
                    ]))])])),
                    ("partialFingerprints", JSON.object([("mtlint/v1", JSON.quoted(Fingerprint.hash(d, in: source)))])),
                ]
                if let i = ruleIndex[d.ruleID] { pairs.insert(("ruleIndex", String(i)), at: 1) }
                if !d.suggestions.isEmpty {
                    let fixes = d.suggestions.map { s in
                        JSON.object([
                            ("description", JSON.object([("text", JSON.quoted(s.isEmpty ? "Delete “\(d.text)”" : "Replace with “\(s)”"))])),
                            ("artifactChanges", JSON.array([JSON.object([
                                ("artifactLocation", JSON.object([("uri", JSON.quoted(uri(f.path)))])),
                                ("replacements", JSON.array([JSON.object([
                                    ("deletedRegion", region),
                                    ("insertedContent", JSON.object([("text", JSON.quoted(s))])),
                                ])])),
                            ])])),
                        ])
                    }
                    pairs.append(("fixes", JSON.array(fixes)))
                }
                results.append(JSON.object(pairs))
            }
        }
        let run = JSON.object([
            ("tool", JSON.object([("driver", JSON.object([
                ("name", JSON.quoted("mtlint")),
                ("semanticVersion", JSON.quoted(version)),
                ("informationUri", JSON.quoted("https://github.com/mtlint/mtlint")),
                ("rules", "[\n" + driverRules.joined(separator: ",\n") + "\n]"),
            ]))])),
            ("columnKind", JSON.quoted("utf16CodeUnits")),
            ("results", "[\n" + results.joined(separator: ",\n") + "\n]"),
        ])
        return JSON.object([
            ("$schema", JSON.quoted("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", JSON.quoted("2.1.0")),
            ("runs", "[\n" + run + "\n]"),
        ]) + "\n"
    }

    static func regionJSON(_ d: Diagnostic, _ source: SourceText) -> String {
        let startOffset = source.utf16Offset(of: d.start)
        let length = source.utf16Offset(of: d.end) - startOffset
        return JSON.object([
            ("startLine", String(d.line)),
            ("startColumn", String(source.utf16Column(of: d.start))),
            ("endLine", String(d.endLine)),
            ("endColumn", String(source.utf16Column(of: d.end))),
            ("charOffset", String(startOffset)),
            ("charLength", String(length)),
            ("snippet", JSON.object([("text", JSON.quoted(d.text))])),
        ])
    }

    static func helpText(_ r: RuleInfo) -> String {
        var s = r.summary + "\n\nFlags:\n"
        for e in r.triggers.prefix(3) { s += "  " + e.text.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "") + "\n" }
        if !r.quiet.isEmpty { s += "Leaves alone:\n" + r.quiet.prefix(3).map { "  " + $0 }.joined(separator: "\n") }
        return s
    }

    static func helpMarkdown(_ r: RuleInfo) -> String {
        var s = "**\(r.id)** (\(r.category.rawValue)): \(r.summary)\n\nFlags:\n"
        for e in r.triggers.prefix(3) { s += "- " + e.text.replacingOccurrences(of: "«", with: "**").replacingOccurrences(of: "»", with: "**") + "\n" }
        if !r.quiet.isEmpty { s += "\nLeaves alone:\n" + r.quiet.prefix(3).map { "- " + $0 }.joined(separator: "\n") }
        return s
    }
}

import Foundation

/// A TMX or XLIFF file read for linting: the prose of its target segments, one paragraph each with positions
/// in the file, and the source of each.
public struct BitextFile: Sendable {
    public var prose: ProseBuffer
    public var bitext: Bitext
    /// Faults that leave the rest of the file lintable (a unit without a target, an unknown language code),
    /// in file order.
    public var problems: [BitextFileProblem]
}

/// A fault in a bitext file, at a code-point offset of the file.
public struct BitextFileProblem: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String
}

/// Reads TMX 1.4 and XLIFF 1.2 and 2.x files. The target of every translation unit is prose; inline codes
/// (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>`, `<x/>`, `<bx/>`, `<ex/>`, `<sc/>`, `<ec/>`…) are markup and
/// vanish without splitting words, as in HTML; `<g>`, `<pc>`, `<mrk>` and `<hi>` keep their text; entity
/// references and CDATA sections map back to the file exactly. Languages come from the file's attributes
/// unless given.
public enum BitextFileReader {
    /// Inline elements whose content is native code, not text.
    static let codeElements: Set<Substring> = ["bpt", "ept", "it", "ph", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em", "sub"]

    public static func read(_ source: SourceText, format: MarkupFormat, sourceLanguage: String? = nil,
                            targetLanguage: String? = nil) -> Result<BitextFile, BitextFileProblem> {
        let tree: XMLTree
        do { tree = try XMLTree(source.scalars) } catch { return .failure(BitextFileProblem(offset: error.offset, message: "malformed XML: " + error.message)) }
        var reader = Reader(tree: tree, sourceOverride: sourceLanguage, targetOverride: targetLanguage)
        let root = tree.elements[tree.root]
        switch root.localName {
        case "tmx": reader.readTMX()
        case "xliff": reader.readXLIFF()
        default:
            let expected = format == .tmx ? "<tmx>" : format == .xliff ? "<xliff>" : "<tmx> or <xliff>"
            return .failure(BitextFileProblem(offset: root.start, message: "the root element is <\(root.name)>, not \(expected)"))
        }
        if format == .tmx && root.localName != "tmx" || format == .xliff && root.localName != "xliff" {
            reader.problems.insert(BitextFileProblem(offset: root.start, message: "read as \(root.localName.uppercased()): the root element is <\(root.name)>"), at: 0)
        }
        var bitext = Bitext(source: reader.spans.map(\.source).joined(separator: "\n"),
                            sourceLanguage: sourceLanguage ?? reader.firstSourceLanguage,
                            targetLanguage: targetLanguage ?? reader.firstTargetLanguage)
        bitext.spans = reader.spans
        reader.out.endParagraph()
        return .success(BitextFile(prose: reader.out, bitext: bitext, problems: reader.problems))
    }

    /// Whether a language tag is well formed (BCP 47 syntax) and names a language ICU knows; private-use and
    /// special codes (`x-…`, `qaa`–`qtz`, `und`, `mul`, `zxx`) pass.
    public static func isKnownLanguage(_ tag: String) -> Bool {
        let parts = tag.lowercased().split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let primary = parts.first, !primary.isEmpty else { return false }
        for p in parts where p.isEmpty || p.count > 8 || !p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return false }
        if primary == "x" || primary == "i" { return true }
        guard primary.allSatisfy({ $0.isLetter }), (2...3).contains(primary.count) else { return false }
        if ["und", "mul", "zxx", "mis"].contains(primary) { return true }
        if primary.count == 3, primary.first == "q", primary.dropFirst().first.map({ $0 >= "a" && $0 <= "t" }) == true { return true }
        return knownLanguages.contains(String(primary))
    }

    private static let knownLanguages: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// Whether two language tags name the same language: equal, or one is the other with a region or script.
    static func sameLanguage(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased().replacingOccurrences(of: "_", with: "-"), y = b.lowercased().replacingOccurrences(of: "_", with: "-")
        return x == y || x.hasPrefix(y + "-") || y.hasPrefix(x + "-")
    }

    static func isEnglish(_ tag: String) -> Bool { sameLanguage(tag, "en") }

    struct Reader {
        let tree: XMLTree
        let sourceOverride: String?
        let targetOverride: String?
        var out = ProseBuffer()
        var spans: [BitextSpan] = []
        var problems: [BitextFileProblem] = []
        var firstSourceLanguage: String?
        var firstTargetLanguage: String?
        private var checkedLanguages: Set<String> = []

        init(tree: XMLTree, sourceOverride: String?, targetOverride: String?) {
            self.tree = tree
            self.sourceOverride = sourceOverride
            self.targetOverride = targetOverride
        }

        func children(_ e: Int, named name: String) -> [Int] {
            tree.elements[e].children.compactMap { c in
                if case .element(let k) = c, tree.elements[k].localName == name { return k }
                return nil
            }
        }

        /// How a unit is named in messages: `<tu>`, `<trans-unit id="7">`.
        func describe(_ e: Int) -> String {
            let el = tree.elements[e]
            if let id = el.attribute("id") ?? el.attribute("tuid") { return "<\(el.name) \(el.attribute("id") != nil ? "id" : "tuid")=\"\(id)\">" }
            return "<\(el.name)>"
        }

        mutating func problem(_ offset: Int, _ message: String) {
            problems.append(BitextFileProblem(offset: offset, message: message))
        }

        /// Reports an unknown language code once per code.
        mutating func check(language: String?, at element: Int, attribute: String) {
            guard let language, !language.isEmpty, !checkedLanguages.contains(language) else { return }
            checkedLanguages.insert(language)
            if language == "*all*" && attribute == "srclang" { return }
            if !BitextFileReader.isKnownLanguage(language) {
                let offset = tree.elements[element].attributes.first { $0.name == attribute }?.offset ?? tree.elements[element].start
                problem(offset, "unknown language code \"\(language)\" in \(attribute)")
            }
        }

        // MARK: TMX

        mutating func readTMX() {
            let root = tree.root
            let header = children(root, named: "header").first
            let headerSource = header.flatMap { tree.elements[$0].attribute("srclang") }
            if let header { check(language: headerSource, at: header, attribute: "srclang") }
            guard let body = children(root, named: "body").first else {
                problem(tree.elements[root].start, "<tmx> has no <body>")
                return
            }
            for tu in children(body, named: "tu") {
                var tuvs: [(element: Int, language: String?)] = []
                for tuv in children(tu, named: "tuv") {
                    let attribute = tree.elements[tuv].attribute("xml:lang") != nil ? "xml:lang" : "lang"
                    let language = tree.elements[tuv].attribute(attribute)
                    check(language: language, at: tuv, attribute: attribute)
                    tuvs.append((tuv, language))
                }
                if let s = tree.elements[tu].attribute("srclang") { check(language: s, at: tu, attribute: "srclang") }
                let wanted = sourceOverride ?? tree.elements[tu].attribute("srclang").flatMap { $0 == "*all*" ? nil : $0 }
                    ?? headerSource.flatMap { $0 == "*all*" ? nil : $0 }
                let sourceTUV: Int?
                if let wanted {
                    sourceTUV = tuvs.firstIndex { $0.language.map { BitextFileReader.sameLanguage($0, wanted) } ?? false }
                } else {
                    sourceTUV = tuvs.firstIndex { !($0.language.map(BitextFileReader.isEnglish) ?? false) }
                }
                guard let sourceTUV else {
                    problem(tree.elements[tu].start, "\(describe(tu)) has no <tuv> in the source language\(wanted.map { " (\($0))" } ?? "")")
                    continue
                }
                let others = tuvs.indices.filter { $0 != sourceTUV }
                let targetTUV = targetOverride.map { t in others.first { tuvs[$0].language.map { BitextFileReader.sameLanguage($0, t) } ?? false } }
                    ?? others.first { tuvs[$0].language.map(BitextFileReader.isEnglish) ?? false } ?? others.first
                guard let targetTUV else {
                    problem(tree.elements[tu].start, "\(describe(tu)) has no translation (no <tuv> \(targetOverride.map { "in \($0)" } ?? "besides the source"))")
                    continue
                }
                guard let sourceSeg = children(tuvs[sourceTUV].element, named: "seg").first,
                      let targetSeg = children(tuvs[targetTUV].element, named: "seg").first else {
                    problem(tree.elements[tu].start, "\(describe(tu)) has a <tuv> without <seg>")
                    continue
                }
                add(source: sourceSeg, target: targetSeg, sourceLanguage: tuvs[sourceTUV].language, targetLanguage: tuvs[targetTUV].language)
            }
        }

        // MARK: XLIFF

        mutating func readXLIFF() {
            let root = tree.root
            let r = tree.elements[root]
            let version2 = r.attribute("version")?.hasPrefix("2") ?? (r.attribute("xmlns")?.contains(":2.") ?? false)
            check(language: r.attribute("srcLang"), at: root, attribute: "srcLang")
            check(language: r.attribute("trgLang"), at: root, attribute: "trgLang")
            walkXLIFF(root, version2: version2, source: r.attribute("srcLang"), target: r.attribute("trgLang"))
        }

        static let skippedXLIFF: Set<Substring> = ["header", "notes", "note", "originalData", "skeleton", "ignorable", "alt-trans", "seg-source", "context-group", "count-group", "prop-group", "phase-group"]

        mutating func walkXLIFF(_ e: Int, version2: Bool, source: String?, target: String?) {
            var source = source, target = target
            let el = tree.elements[e]
            if el.attribute("translate") == "no" { return }
            if el.localName == "file" {
                if let s = el.attribute("source-language") { check(language: s, at: e, attribute: "source-language"); source = s }
                if let t = el.attribute("target-language") { check(language: t, at: e, attribute: "target-language"); target = t }
            }
            if el.localName == (version2 ? "segment" : "trans-unit") {
                readUnit(e, source: source, target: target)
                return
            }
            for c in el.children {
                if case .element(let k) = c, !Self.skippedXLIFF.contains(tree.elements[k].localName) {
                    walkXLIFF(k, version2: version2, source: source, target: target)
                }
            }
        }

        mutating func readUnit(_ unit: Int, source: String?, target: String?) {
            guard let s = children(unit, named: "source").first else {
                problem(tree.elements[unit].start, "\(describe(unit)) has no <source>")
                return
            }
            guard let t = children(unit, named: "target").first else {
                // A unit with an empty source has nothing to translate.
                if !text(of: s).isEmpty { problem(tree.elements[unit].start, "\(describe(unit)) has no <target>") }
                return
            }
            let sl = tree.elements[s].attribute("xml:lang"), tl = tree.elements[t].attribute("xml:lang")
            check(language: sl, at: s, attribute: "xml:lang")
            check(language: tl, at: t, attribute: "xml:lang")
            add(source: s, target: t, sourceLanguage: sl ?? source, targetLanguage: tl ?? target)
        }

        // MARK: Text

        mutating func add(source: Int, target: Int, sourceLanguage: String?, targetLanguage: String?) {
            if firstSourceLanguage == nil { firstSourceLanguage = sourceLanguage }
            if firstTargetLanguage == nil { firstTargetLanguage = targetLanguage }
            let el = tree.elements[target]
            out.endParagraph()
            emit(target)
            out.endParagraph()
            spans.append(BitextSpan(target: el.contentStart..<el.contentEnd, source: text(of: source)))
        }

        /// The target's prose into `out`, mapped to the file.
        mutating func emit(_ e: Int) {
            let s = tree.s
            for c in tree.elements[e].children {
                switch c {
                case .element(let k):
                    let child = tree.elements[k]
                    if child.localName == "cp", let hex = child.attribute("hex"), let v = UInt32(hex, radix: 16), Unicode.Scalar(v) != nil {
                        out.append(v, from: child.start, to: child.end)
                    } else if !BitextFileReader.codeElements.contains(child.localName) {
                        emit(k)
                    }
                case .text(let r):
                    var i = r.lowerBound
                    while i < r.upperBound {
                        let u = s[i]
                        if u == 0x26, let (cp, end) = XMLTree.reference(s, at: i, limit: r.upperBound) {
                            if XMLTree.isSpace(cp) { out.appendSpace(from: i, to: end) } else { out.append(cp, from: i, to: end) }
                            i = end
                        } else if XMLTree.isSpace(u) {
                            out.appendSpace(from: i, to: i + 1)
                            i += 1
                        } else {
                            out.append(u, from: i, to: i + 1)
                            i += 1
                        }
                    }
                case .cdata(let r):
                    for i in r {
                        if XMLTree.isSpace(s[i]) { out.appendSpace(from: i, to: i + 1) } else { out.append(s[i], from: i, to: i + 1) }
                    }
                }
            }
        }

        /// The text of an element (a source segment): inline codes left out, white space runs as one space.
        func text(of e: Int) -> String {
            var out = String.UnicodeScalarView()
            func add(_ cp: UInt32) {
                if XMLTree.isSpace(cp) {
                    if let last = out.last, last != " " { out.append(" ") }
                } else if let u = Unicode.Scalar(cp) {
                    out.append(u)
                }
            }
            func walk(_ e: Int) {
                for c in tree.elements[e].children {
                    switch c {
                    case .element(let k):
                        let child = tree.elements[k]
                        if child.localName == "cp", let hex = child.attribute("hex"), let v = UInt32(hex, radix: 16) { add(v) }
                        else if !BitextFileReader.codeElements.contains(child.localName) { walk(k) }
                    case .text(let r):
                        var i = r.lowerBound
                        while i < r.upperBound {
                            if tree.s[i] == 0x26, let (cp, end) = XMLTree.reference(tree.s, at: i, limit: r.upperBound) { add(cp); i = end }
                            else { add(tree.s[i]); i += 1 }
                        }
                    case .cdata(let r):
                        for i in r { add(tree.s[i]) }
                    }
                }
            }
            walk(e)
            var text = String(out)
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
    }
}

import Foundation
import Testing
@testable import MTLintKit
@testable import MTLintServer

/// `mtlint serve` over real HTTP on 127.0.0.1: the page, the JSON API, the LanguageTool API, limits,
/// a bounded soak, and SIGTERM. Requests go through a small blocking socket client on its own threads,
/// so the server's tasks are never starved by the test's.
@Suite(.serialized)
struct ServerTests {
    static let setup = LintSetup(rules: TestSupport.rules)
    static let seed = TestSupport.sample("001").text
    /// The rules load their tables on first use; loading them before the first server starts keeps that
    /// (slow under the sanitizers) out of the first request's time limit.
    static let warmedUp: Void = { _ = TestSupport.linter.lint(text: seed) }()

    // MARK: Plumbing

    /// Runs a server on a free loopback port for the duration of `body`.
    static func withServer<T: Sendable>(_ options: ServerOptions = ServerOptions(port: 0), setup: LintSetup = setup,
                                        _ body: @escaping @Sendable (Int) async throws -> T) async throws -> T {
        // Hummingbird reads its log level here; cancelling the server at the end of a test is not an error.
        setenv("LOG_LEVEL", "critical", 0)
        _ = Self.warmedUp
        var options = options
        options.host = "127.0.0.1"
        options.port = 0
        let server = MTLintHTTPServer(setup: setup, options: options)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                do {
                    try await server.run { port in continuation.yield(port); continuation.finish() }
                } catch {
                    continuation.finish()
                    if Task.isCancelled { return nil }
                    throw error
                }
                return nil
            }
            var port = 0
            for await p in ports { port = p }
            #expect(port > 0)
            let result = try await body(port)
            group.cancelAll()
            while let _ = try await group.next() {}
            return result
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var array: [Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [Any] ?? [] }
        var errorCode: String? { object["error"] as? String }
    }

    enum ClientError: Error { case connect(Int32), timeout, malformed(String) }

    /// One request on a new connection (blocking; call through `onThread`).
    static func exchange(port: Int, _ request: [UInt8], timeout: Int = 300) throws -> Reply {
        let fd = try connectSocket(port, timeout: timeout)
        defer { close(fd) }
        // The server may answer (413) and close before reading everything: write errors are not fatal.
        var sent = 0
        request.withUnsafeBytes { raw in
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var needed: Int?
        while true {
            if let h = headerEnd, let n = needed, data.count >= h + n { break }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { break }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { throw ClientError.timeout }
                if errno == ECONNRESET && headerEnd != nil { break }
                if errno == ECONNRESET { throw ClientError.malformed("connection reset") }
                if errno == EINTR { continue }
                break
            }
            data += buffer[0..<n]
            if headerEnd == nil, let r = find(data, [13, 10, 13, 10]) {
                headerEnd = r + 4
                let head = String(decoding: data[0..<r], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    needed = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        guard let h = headerEnd else { throw ClientError.malformed(String(decoding: data, as: UTF8.self)) }
        let lines = String(decoding: data[0..<(h - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ClientError.malformed(lines[0]) }
        var headers: [String: String] = [:]
        for l in lines.dropFirst() {
            guard let c = l.firstIndex(of: ":") else { continue }
            headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[h...])
        if let n = needed, body.count > n { body = Array(body[0..<n]) }
        return Reply(status: status, headers: headers, body: body)
    }

    static func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    static func raw(_ method: String, _ path: String, body: [UInt8]? = nil, contentType: String? = nil,
                    extraHeaders: [String] = []) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        for h in extraHeaders { head += h + "\r\n" }
        return Array((head + "\r\n").utf8) + (body ?? [])
    }

    /// Runs blocking work on a thread of its own.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            let t = Thread {
                do { c.resume(returning: try work()) } catch { c.resume(throwing: error) }
            }
            t.stackSize = 1 << 20
            t.start()
        }
    }

    static func get(_ port: Int, _ path: String) async throws -> Reply {
        try await onThread { try exchange(port: port, raw("GET", path)) }
    }

    static func post(_ port: Int, _ path: String, json: Any) async throws -> Reply {
        let body = Array(try JSONSerialization.data(withJSONObject: json))
        return try await onThread { try exchange(port: port, raw("POST", path, body: body, contentType: "application/json")) }
    }

    static func post(_ port: Int, _ path: String, bytes: [UInt8], contentType: String) async throws -> Reply {
        try await onThread { try exchange(port: port, raw("POST", path, body: bytes, contentType: contentType)) }
    }

    static func form(_ pairs: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(pairs.map { k, v in
            k.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + v.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&").utf8)
    }

    static func check(_ port: Int, _ pairs: [(String, String)]) async throws -> Reply {
        try await post(port, "/v2/check", bytes: form(pairs), contentType: "application/x-www-form-urlencoded")
    }

    /// The UTF-16 slice of a string, as LanguageTool clients cut it.
    static func utf16Slice(_ s: String, _ offset: Int, _ length: Int) -> String {
        let u = Array(s.utf16)
        guard offset >= 0, length >= 0, offset + length <= u.count else { return "<out of range>" }
        return String(decoding: u[offset..<(offset + length)], as: UTF16.self)
    }

    // MARK: Tests

    @Test func healthRulesAndPage() async throws {
        try await Self.withServer { port in
            let health = try await Self.get(port, "/health")
            #expect(health.status == 200)
            #expect(health.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(health.object["status"] as? String == "ok")

            let rules = try await Self.get(port, "/v1/rules")
            #expect(rules.status == 200)
            let list = rules.object["rules"] as? [[String: Any]] ?? []
            #expect(list.contains { $0["id"] as? String == "repeated-word" && $0["fixIsSafe"] as? Bool != nil })
            #expect(list.count == Set(TestSupport.rules.flatMap { $0.infos.map(\.id) }).count)

            let page = try await Self.get(port, "/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            // Self-contained: no external scripts, styles, fonts or images.
            #expect(!page.text.contains("src=\"http"))
            #expect(!page.text.contains("href=\"http"))
            #expect(!page.text.contains("@import"))
            #expect(page.text.contains("/v1/lint"))
            // Served as it is on disk.
            let onDisk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/MTLintServer/Resources/page.html")
            #expect(page.text == (try String(contentsOf: onDisk, encoding: .utf8)))

            let missing = try await Self.get(port, "/nope")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "not-found")
            let method = try await Self.get(port, "/v1/lint")
            #expect(method.status == 405)
            #expect(method.headers["allow"] == "POST")
        }
    }

    @Test func lintGivesTheCLIsDiagnostics() async throws {
        let expected = TestSupport.linter.lint(text: Self.seed).diagnostics
        try await Self.withServer { port in
            let r = try await Self.post(port, "/v1/lint", json: ["text": Self.seed])
            #expect(r.status == 200)
            let object = r.object
            #expect(object["version"] as? Int == 1)
            #expect(object["score"] is NSNumber)
            #expect(object["summary"] is [String: Any])
            #expect(object["safeFixes"] is [Any])
            let got = object["diagnostics"] as? [[String: Any]] ?? []
            #expect(got.count == expected.count)
            for (g, e) in zip(got, expected) {
                #expect(g["rule"] as? String == e.ruleID)
                #expect(g["start"] as? Int == e.start)
                #expect(g["end"] as? Int == e.end)
                #expect(g["line"] as? Int == e.line)
                #expect(g["text"] as? String == e.text)
                #expect(g["suggestions"] as? [String] == e.suggestions)
                #expect(g["fixIsSafe"] as? Bool == e.fixIsSafe)
            }
            // The same body shape as one file of `--format json`, without the path.
            let cli = JSONReporter.file(path: "x", result: TestSupport.linter.lint(text: Self.seed))
            let cliObject = try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? [String: Any] ?? [:]
            for key in cliObject.keys where key != "path" { #expect(object[key] != nil, "missing \(key)") }
            let fixes = Fixer.safeEdits(expected)
            #expect((object["safeFixes"] as? [Any])?.count == fixes.count)

            // Options: only, disable, format; plain text bodies with query options.
            let only = try await Self.post(port, "/v1/lint", json: ["text": Self.seed, "only": ["repeated-word"]])
            let onlyRules = Set((only.object["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
            #expect(onlyRules == ["repeated-word"])
            let disabled = try await Self.post(port, "/v1/lint", json: ["text": "The Planning Planning committee.", "disable": "repeated-word"])
            #expect(!disabled.text.contains("\"repeated-word\""))
            let html = try await Self.post(port, "/v1/lint", json: ["text": "<p>The <b>Planning</b> Planning committee met.</p>", "format": "html"])
            let htmlDiag = (html.object["diagnostics"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "repeated-word" }
            #expect(htmlDiag?["text"] as? String == "Planning</b> Planning")
            let plain = try await Self.onThread {
                try Self.exchange(port: port, Self.raw("POST", "/v1/lint?only=repeated-word", body: Array("The Planning Planning committee.".utf8),
                                                       contentType: "text/plain; charset=utf-8"))
            }
            #expect(plain.status == 200)
            #expect((plain.object["diagnostics"] as? [[String: Any]])?.first?["start"] as? Int == 4)
        }
    }

    /// One `.mtlint.yml` (an allow list, a severity override, a disabled rule) and a suppression comment in
    /// the text: `mtlint FILE`, `mtlint corpus` and both APIs of `mtlint serve`, each started in that folder,
    /// report the same findings with the same severities.
    @Test func sameFindingsInEveryFrontEnd() async throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ("allow: [decallation]\nseverity: {repeated-word: info}\nrules:\n  disable: [same-stem-pair]\n"
             + "baseline: known.json\n")
            .write(to: dir.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        // The baseline knows the findings of one line, recorded before the rest was written.
        let known = "The Planning Planning office met the govemor on Friday.\n"
        let story = dir.appendingPathComponent("story.txt")
        try known.write(to: story, atomically: true, encoding: .utf8)
        let recorded = try TestSupport.run(["baseline", "story.txt"], in: dir)
        #expect(recorded.stdout.contains("repeated-word"), "\(recorded.stdout)")
        try recorded.stdout.write(to: dir.appendingPathComponent("known.json"), atomically: true, encoding: .utf8)
        let text = "The the talks on decallation failed. They were ready to directly direct talks.\n"
            + "<!-- mtlint-disable-next-line noun-of-same-noun -->\nThey met at the Palace of the Palace.\n"
            + "The Planning Planning office met the govemor on Friday.\n"
            + "The Budget Budget office met on Monday.\n"
        try text.write(to: story, atomically: true, encoding: .utf8)
        typealias Finding = [String]   // rule, start, end, severity
        func rows(_ list: [[String: Any]]) -> [Finding] {
            list.map { [$0["rule"] as? String ?? "?", "\($0["start"] ?? "?")", "\($0["end"] ?? "?")", $0["severity"] as? String ?? "?"] }
        }
        let cli = try TestSupport.run(["--format", "json", "story.txt"], in: dir)
        let cliFile = ((try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])?.first
        let fromCLI = rows(cliFile?["diagnostics"] as? [[String: Any]] ?? [])
        let record = String(decoding: try JSONSerialization.data(withJSONObject: ["id": "story.txt", "text": text]), as: UTF8.self)
        let corpus = try TestSupport.run(["corpus"], stdin: record + "\n", in: dir)
        let fromCorpus = rows((try JSONSerialization.jsonObject(with: Data(corpus.stdout.utf8)) as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? [])
        #expect(!fromCLI.isEmpty)
        #expect(fromCLI.contains { $0[0] == "repeated-word" && $0[3] == "info" }, "\(fromCLI)")
        #expect(!fromCLI.contains { $0[0] == "same-stem-pair" || $0[0] == "noun-of-same-noun" }, "\(fromCLI)")
        #expect(!cli.stdout.contains("“decallation”"))
        // The baseline's finding is known; the same finding on a new line is not.
        #expect(fromCLI.filter { $0[0] == "repeated-word" }.count == 2, "\(fromCLI)")
        #expect(!cli.stdout.contains("Planning Planning"))
        #expect(fromCorpus == fromCLI)

        let (server, port) = try await Self.startBinary(in: dir)
        defer { server.terminate(); server.waitUntilExit() }
        let v1 = try await Self.post(port, "/v1/lint", json: ["text": text])
        #expect(rows(v1.object["diagnostics"] as? [[String: Any]] ?? []) == fromCLI)
        let v2 = try await Self.check(port, [("text", text), ("language", "en-US")])
        let matches = (v2.object["matches"] as? [[String: Any]] ?? []).map { m -> [String] in
            let offset = m["offset"] as? Int ?? -1, length = m["length"] as? Int ?? -1
            return [(m["rule"] as? [String: Any])?["id"] as? String ?? "?", "\(offset)", "\(offset + length)"]
        }
        #expect(matches == fromCLI.map { Array($0.prefix(3)) })
    }

    @Test func offsetsAreCodePointsInV1AndUTF16InV2() async throws {
        let text = "😀🇺🇦 The Planning Planning committee met.\n"
        try await Self.withServer { port in
            let v1 = try await Self.post(port, "/v1/lint", json: ["text": text, "only": ["repeated-word"]])
            let d = (v1.object["diagnostics"] as? [[String: Any]])?.first
            #expect(d?["start"] as? Int == 8)           // 😀 + 🇺 + 🇦 + space + "The " in code points
            #expect(d?["end"] as? Int == 25)
            #expect(d?["column"] as? Int == 9)
            #expect(d?["text"] as? String == "Planning Planning")

            let v2 = try await Self.check(port, [("text", text), ("language", "en-US"), ("enabledOnly", "true"),
                                                 ("enabledRules", "repeated-word")])
            #expect(v2.status == 200)
            let m = (v2.object["matches"] as? [[String: Any]])?.first
            #expect(m?["offset"] as? Int == 11)          // UTF-16 units, as LanguageTool counts
            #expect(m?["length"] as? Int == 17)
            #expect(Self.utf16Slice(text, m?["offset"] as? Int ?? -1, m?["length"] as? Int ?? -1) == "Planning Planning")
            let context = m?["context"] as? [String: Any]
            #expect(Self.utf16Slice(context?["text"] as? String ?? "", context?["offset"] as? Int ?? -1,
                                    context?["length"] as? Int ?? -1) == "Planning Planning")
            #expect(m?["sentence"] as? String == "😀🇺🇦 The Planning Planning committee met.")
        }
    }

    @Test func languageToolShapeOnSeed001() async throws {
        try await Self.withServer { port in
            let v1 = try await Self.post(port, "/v1/lint", json: ["text": Self.seed])
            let diags = v1.object["diagnostics"] as? [[String: Any]] ?? []
            let r = try await Self.check(port, [("text", Self.seed), ("language", "en-US"), ("disabledRules", "WHITESPACE_RULE")])
            #expect(r.status == 200)
            let o = r.object
            #expect((o["software"] as? [String: Any])?["name"] as? String == "mtlint")
            #expect((o["software"] as? [String: Any])?["apiVersion"] as? Int == 1)
            #expect((o["language"] as? [String: Any])?["code"] as? String == "en-US")
            let matches = o["matches"] as? [[String: Any]] ?? []
            #expect(matches.count == diags.count)
            #expect(matches.count > 3)
            for (m, d) in zip(matches, diags) {
                for key in ["message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "rule", "type"] {
                    #expect(m[key] != nil, "match without \(key)")
                }
                // LanguageTool clients cut the text by UTF-16 offset and length.
                #expect(Self.utf16Slice(Self.seed, m["offset"] as? Int ?? -1, m["length"] as? Int ?? -1) == d["text"] as? String)
                let rule = m["rule"] as? [String: Any] ?? [:]
                #expect(rule["id"] as? String == d["rule"] as? String)
                #expect(rule["description"] as? String != nil)
                #expect(rule["issueType"] as? String != nil)
                #expect((rule["category"] as? [String: Any])?["id"] as? String == (d["category"] as? String)?.uppercased().replacingOccurrences(of: "-", with: "_"))
                #expect((m["type"] as? [String: Any])?["typeName"] as? String == "Other")
                let repl = (m["replacements"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
                #expect(repl == Array((d["suggestions"] as? [String] ?? []).prefix(15)))
            }
            let final = matches.first { ($0["rule"] as? [String: Any])?["id"] as? String == "repeated-word" && ($0["message"] as? String ?? "").contains("4 times") }
            #expect(Self.utf16Slice(Self.seed, final?["offset"] as? Int ?? -1, final?["length"] as? Int ?? -1) == "final final final final")

            let languages = try await Self.get(port, "/v2/languages")
            #expect(languages.status == 200)
            #expect(languages.array.contains { ($0 as? [String: Any])?["longCode"] as? String == "en-US" })
            // GET works as well, as in LanguageTool.
            let viaGet = try await Self.get(port, "/v2/check?language=auto&text=The%20Planning%20Planning%20committee.")
            #expect(viaGet.status == 200)
            #expect((viaGet.object["matches"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func languageToolAnnotatedData() async throws {
        let data: [String: Any] = ["annotation": [
            ["text": "😀 The "], ["markup": "<b>"], ["text": "Planning"], ["markup": "</b>"], ["text": " Planning committee met."],
            ["markup": "<p>", "interpretAs": "\n\n"], ["text": "Kyiv said said nothing."],
        ]]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data), as: UTF8.self)
        let original = "😀 The <b>Planning</b> Planning committee met.<p>Kyiv said said nothing."
        try await Self.withServer { port in
            let r = try await Self.check(port, [("data", json), ("language", "en"), ("enabledOnly", "true"), ("enabledRules", "repeated-word")])
            #expect(r.status == 200)
            let matches = r.object["matches"] as? [[String: Any]] ?? []
            let texts = matches.map { Self.utf16Slice(original, $0["offset"] as? Int ?? -1, $0["length"] as? Int ?? -1) }
            #expect(texts == ["Planning</b> Planning", "said said"])
            #expect(matches.first?["sentence"] as? String == "😀 The Planning Planning committee met.")

            let bad = try await Self.check(port, [("data", "{\"annotation\":[{\"txt\":\"x\"}]}"), ("language", "en")])
            #expect(bad.status == 400)
            #expect(bad.errorCode == "bad-data")
        }
    }

    @Test func languageToolOptions() async throws {
        let text = "The Planning Planning committee met at the Palace of the Palace."
        try await Self.withServer { port in
            func rules(_ r: Reply) -> Set<String> {
                Set((r.object["matches"] as? [[String: Any]] ?? []).compactMap { ($0["rule"] as? [String: Any])?["id"] as? String })
            }
            let all = try await Self.check(port, [("text", text), ("language", "en-GB")])
            #expect(rules(all).isSuperset(of: ["repeated-word", "noun-of-same-noun"]))
            let disabled = try await Self.check(port, [("text", text), ("language", "en-US"), ("disabledRules", "repeated-word,MORFOLOGIK_RULE_EN_US")])
            #expect(!rules(disabled).contains("repeated-word"))
            #expect(rules(disabled).contains("noun-of-same-noun"))
            let only = try await Self.check(port, [("text", text), ("language", "en-US"), ("enabledOnly", "true"), ("enabledRules", "noun-of-same-noun")])
            #expect(rules(only) == ["noun-of-same-noun"])
            let byCategory = try await Self.check(port, [("text", text), ("language", "en-US"), ("disabledCategories", "REPETITION")])
            #expect(rules(byCategory).isDisjoint(with: ["repeated-word", "noun-of-same-noun"]))

            let german = try await Self.check(port, [("text", text), ("language", "de-DE")])
            #expect(german.status == 400)
            #expect(german.errorCode == "unsupported-language")
            let unknown = try await Self.check(port, [("text", text), ("language", "en-US"), ("enabledRules", "no-such-rule")])
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "unknown-rule")
            let noText = try await Self.check(port, [("language", "en-US")])
            #expect(noText.status == 400)
            #expect(noText.errorCode == "missing-text")
            let badUTF8 = try await Self.post(port, "/v2/check", bytes: Array("language=en&text=caf%C3%28".utf8),
                                              contentType: "application/x-www-form-urlencoded")
            #expect(badUTF8.status == 400)
            #expect(badUTF8.errorCode == "invalid-utf8")
        }
    }

    @Test func badRequestsGetClearJSONErrors() async throws {
        try await Self.withServer { port in
            func expectError(_ r: Reply, _ status: Int, _ code: String, _ fragment: String) {
                #expect(r.status == status, "\(r.text)")
                #expect(r.errorCode == code, "\(r.text)")
                #expect((r.object["message"] as? String ?? "").contains(fragment), "\(r.text)")
                #expect(r.headers["content-type"]?.hasPrefix("application/json") == true)
            }
            expectError(try await Self.post(port, "/v1/lint", bytes: Array("{\"text\":\"caf".utf8) + [0xC3, 0x28] + Array("\"}".utf8),
                                            contentType: "application/json"), 400, "invalid-utf8", "byte 12")
            expectError(try await Self.post(port, "/v1/lint", bytes: [0x41, 0xFF], contentType: "text/plain"), 400, "invalid-utf8", "byte 1")
            expectError(try await Self.post(port, "/v1/lint", json: ["format": "plain"]), 400, "missing-text", "text")
            expectError(try await Self.post(port, "/v1/lint", json: ["text": 3]), 400, "missing-text", "string")
            expectError(try await Self.post(port, "/v1/lint", json: ["text": "x", "colour": "red"]), 400, "unknown-option", "colour")
            expectError(try await Self.post(port, "/v1/lint", json: ["text": "x", "only": ["repeated"]]), 400, "unknown-rule", "did you mean")
            expectError(try await Self.post(port, "/v1/lint", json: ["text": "x", "disable": ["nope-rule"]]), 400, "unknown-rule", "nope-rule")
            expectError(try await Self.post(port, "/v1/lint", json: ["text": "x", "format": "rtf"]), 400, "bad-option", "rtf")
            expectError(try await Self.post(port, "/v1/lint", bytes: Array("{\"text\": ".utf8), contentType: "application/json"),
                        400, "invalid-json", "JSON")
            expectError(try await Self.post(port, "/v1/lint", bytes: Array("[1]".utf8), contentType: "application/json"),
                        400, "invalid-json", "object")
            expectError(try await Self.post(port, "/v1/lint", bytes: Array("x".utf8), contentType: "image/png"),
                        415, "unsupported-media-type", "image/png")
            // An empty text is fine: no findings.
            let empty = try await Self.post(port, "/v1/lint", json: ["text": ""])
            #expect(empty.status == 200)
            #expect((empty.object["diagnostics"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func bodySizeLimit() async throws {
        try await Self.withServer(ServerOptions(maxBodyBytes: 1000)) { port in
            let big = Array(try JSONSerialization.data(withJSONObject: ["text": String(repeating: "word ", count: 1000)]))
            let r = try await Self.post(port, "/v1/lint", bytes: big, contentType: "application/json")
            #expect(r.status == 413)
            #expect(r.errorCode == "too-large")
            // Without a Content-Length (chunked), the limit holds while reading.
            var chunked = Array("POST /v1/lint HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            for _ in 0..<6 { chunked += Array("190\r\n".utf8) + [UInt8](repeating: 0x20, count: 400) + Array("\r\n".utf8) }
            chunked += Array("0\r\n\r\n".utf8)
            let chunkedRequest = chunked
            let c = try await Self.onThread { try Self.exchange(port: port, chunkedRequest) }
            #expect(c.status == 413)
            #expect(c.errorCode == "too-large")
            let form = try await Self.post(port, "/v2/check", bytes: Self.form([("text", String(repeating: "a ", count: 800))]),
                                           contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 413)
            // Small requests still work on the same server.
            let ok = try await Self.post(port, "/v1/lint", json: ["text": "Fine."])
            #expect(ok.status == 200)
        }
    }

    @Test func timeLimit() async throws {
        let long = String(repeating: Self.seed + "\n", count: 2)
        try await Self.withServer(ServerOptions(timeout: 0.001)) { port in
            let r = try await Self.post(port, "/v1/lint", json: ["text": long])
            #expect(r.status == 503)
            #expect(r.errorCode == "timeout")
            #expect(r.headers["retry-after"] != nil)
            // The server goes on answering.
            let health = try await Self.get(port, "/health")
            #expect(health.status == 200)
        }
    }

    /// A connected blocking socket to the server, with receive and send timeouts.
    static func connectSocket(_ port: Int, timeout: Int = 30) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError.connect(errno) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw ClientError.connect(errno) }
        return fd
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes the connection (nil: still open at the timeout).
    static func readUntilClosed(_ fd: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 || (n < 0 && errno == ECONNRESET) { return data }
            if n < 0 { return errno == EINTR ? nil : (errno == EAGAIN || errno == EWOULDBLOCK ? nil : data) }
            data += buffer[0..<n]
        }
    }

    /// Slow clients do not hold the server: a request that stops half-way is dropped after the idle
    /// timeout, and a body that trickles in slower than the body time limit is answered 408.
    @Test func slowClientsAreCutOff() async throws {
        try await Self.withServer(ServerOptions(bodyTimeout: 1, idleTimeout: 1)) { port in
            let stalled = try await Self.onThread { () -> [UInt8]? in
                let fd = try Self.connectSocket(port, timeout: 15)
                defer { close(fd) }
                Self.sendAll(fd, Array("POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Ty".utf8))
                return Self.readUntilClosed(fd)
            }
            #expect(stalled != nil, "a connection with half a request header stayed open")
            let trickled = try await Self.onThread { () -> String? in
                let fd = try Self.connectSocket(port, timeout: 15)
                defer { close(fd) }
                let body = Array(#"{"text": "The the cat sat on the mat, and then the dog did the same."}"#.utf8)
                Self.sendAll(fd, Array("POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8))
                // One byte every 0.3 s: never idle for a second, but the whole body would take 20 s.
                for b in body {
                    Self.sendAll(fd, [b])
                    var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&pfd, 1, 300) > 0 { break }   // the server answered early
                }
                return Self.readUntilClosed(fd).map { String(decoding: $0, as: UTF8.self) }
            }
            let answer = try #require(trickled)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            #expect(answer.contains("too-slow"))
            // The server goes on answering others.
            let health = try await Self.get(port, "/health")
            #expect(health.status == 200)
        }
    }

    @Test func listensOnLoopbackByDefault() {
        #expect(ServerOptions().host == "127.0.0.1")
    }

    /// The worker pool: at most `width` jobs run, at most `queueLimit` wait, the rest are refused at once;
    /// a job past its time limit is answered with `.timedOut`, and one that timed out waiting never runs.
    @Test func workPoolBoundsAndTimeouts() async throws {
        let pool = WorkPool(width: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        let ran = Counter()
        let first = Task { try await pool.run(timeout: 30) { gate.wait(); ran.add(); return 1 } }
        while pool.load < 1 { try await Task.sleep(for: .milliseconds(5)) }
        // Queued behind the blocked job, with a short limit: times out while waiting, and never runs.
        let second = Task { try await pool.run(timeout: 0.05) { ran.add(); return 2 } }
        while pool.load < 2 { try await Task.sleep(for: .milliseconds(5)) }
        do { _ = try await pool.run(timeout: 30) { 3 }; Issue.record("expected busy") } catch { #expect(error == .busy) }
        do { _ = try await second.value; Issue.record("expected a timeout") } catch { #expect(error as? WorkPool.Failure == .timedOut) }
        gate.signal()
        #expect(try await first.value == 1)
        while pool.load > 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(ran.value == 1)
        #expect(try await pool.run(timeout: 5) { 4 } == 4)
        // A running job past its limit: the caller gets .timedOut, the worker finishes and is free again.
        do { _ = try await pool.run(timeout: 0.02) { usleep(200_000); return 5 }; Issue.record("expected a timeout") } catch {
            #expect(error == .timedOut)
        }
        #expect(try await pool.run(timeout: 5) { 6 } == 6)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    /// Starts the built `mtlint serve` on a free port; returns the process and the port.
    static func startBinary(in directory: URL? = nil) async throws -> (Process, Int) {
        let p = Process()
        p.executableURL = TestSupport.executable
        // The first request loads every rule table; under the sanitizers that alone can pass the default
        // 10 s request limit, which these tests are not about (`timeLimit` is).
        p.arguments = ["serve", "--port", "0", "--timeout", "300"]
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let fd = out.fileHandleForReading.fileDescriptor
        let line = try await Self.onThread { () -> String in
            var collected: [UInt8] = []
            let deadline = Date().addingTimeInterval(60)
            var byte: UInt8 = 0
            while Date() < deadline {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&pfd, 1, 500) > 0 else { continue }
                guard read(fd, &byte, 1) == 1 else { break }
                if byte == 10 { break }
                collected.append(byte)
            }
            return String(decoding: collected, as: UTF8.self)
        }
        guard let range = line.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
              let port = Int(line[range].dropFirst("127.0.0.1:".count).dropLast()) else {
            p.terminate()
            throw ClientError.malformed("mtlint serve did not start: \(line)")
        }
        return (p, port)
    }

    static func residentKiB(of pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    static func stop(_ p: Process) async throws -> (exited: Bool, seconds: Double) {
        let started = Date()
        kill(p.processIdentifier, SIGTERM)
        let exited = try await Self.onThread { () -> Bool in
            while p.isRunning && Date().timeIntervalSince(started) < 15 { usleep(20_000) }
            return !p.isRunning
        }
        if !exited { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        return (exited, Date().timeIntervalSince(started))
    }

    /// A bounded soak of the real server: 2,000 requests (or 120 seconds) from 4 client threads, JSON and
    /// LanguageTool API mixed; no errors, and its resident memory grows by less than 32 MiB after warm-up.
    @Test func soakKeepsMemoryFlat() async throws {
        let text = String(Self.seed.prefix(600))
        let body = Array(try JSONSerialization.data(withJSONObject: ["text": text]))
        let check = Self.form([("text", text), ("language", "en-US")])
        let (p, port) = try await Self.startBinary()
        let v1 = Self.raw("POST", "/v1/lint", body: body, contentType: "application/json")
        let v2 = Self.raw("POST", "/v2/check", body: check, contentType: "application/x-www-form-urlencoded")
        for _ in 0..<100 { _ = try await Self.onThread { try Self.exchange(port: port, v1) } }
        let before = Self.residentKiB(of: p.processIdentifier)
        let started = Date()
        let clients = 4, perClient = 500
        let results = try await withThrowingTaskGroup(of: (ok: Int, failed: Int).self) { group in
            for c in 0..<clients {
                group.addTask {
                    try await Self.onThread {
                        var ok = 0, failed = 0
                        for k in 0..<perClient {
                            if Date().timeIntervalSince(started) > 120 { break }
                            let r = try Self.exchange(port: port, (k + c) % 4 == 0 ? v2 : v1)
                            if r.status == 200 && r.body.count > 20 { ok += 1 } else { failed += 1 }
                        }
                        return (ok, failed)
                    }
                }
            }
            var total = (ok: 0, failed: 0)
            for try await r in group { total.ok += r.ok; total.failed += r.failed }
            return total
        }
        let elapsed = Date().timeIntervalSince(started)
        let after = Self.residentKiB(of: p.processIdentifier)
        let stopped = try await Self.stop(p)
        print("soak: \(results.ok) ok, \(results.failed) failed in \(String(format: "%.1f", elapsed)) s "
              + "(\(Int(Double(results.ok) / elapsed)) requests/s); server RSS \(before / 1024) → \(after / 1024) MiB")
        #expect(results.failed == 0)
        #expect(results.ok >= 500)
        #expect(before > 0 && after - before < 32 * 1024, "RSS grew from \(before) KiB to \(after) KiB")
        #expect(stopped.exited && p.terminationStatus == 0)
    }

    /// The real binary: starts on a free port, answers, and exits 0 promptly on SIGTERM.
    @Test func binaryExitsCleanlyOnSIGTERM() async throws {
        let (p, port) = try await Self.startBinary()
        let health = try await Self.get(port, "/health")
        #expect(health.status == 200)
        let stopped = try await Self.stop(p)
        #expect(stopped.exited)
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 0)
        #expect(stopped.seconds < 5)
    }

    // MARK: Units

    @Test func formDecoding() throws {
        let pairs = try Decode.form(Array("a=1&b=x+y%21&empty=&flag&c=%E2%9C%93".utf8))
        #expect(pairs.map { $0.0 } == ["a", "b", "empty", "flag", "c"])
        #expect(pairs.map { $0.1 } == ["1", "x y!", "", "", "✓"])
        #expect(throws: APIError.self) { try Decode.form(Array("a=%ZZ".utf8)) }
        #expect(throws: APIError.self) { try Decode.form(Array("a=%FF".utf8)) }
        #expect(LanguageTool.utf16Offsets([0x41, 0x1F600, 0x42]) == [0, 1, 3, 4])
    }
}

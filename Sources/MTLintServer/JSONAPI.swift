import Foundation
import MTLintKit

/// mtlint's own API: `POST /v1/lint`, `GET /v1/rules`, `GET /health`.
enum JSONAPI {
    struct LintRequest {
        var text: String
        var format: MarkupFormat
        var enabled: Set<String>
    }

    static let lintKeys = ["text", "format", "only", "disable"]

    /// A JSON body `{"text", "format"?, "only"?, "disable"?}`.
    static func parse(json object: [String: Any], service: LintService) throws(APIError) -> LintRequest {
        for key in object.keys.sorted() where !lintKeys.contains(key) {
            throw .bad("unknown-option", "unknown option '\(key)' (known: \(lintKeys.joined(separator: ", ")))")
        }
        guard let raw = object["text"], !(raw is NSNull) else { throw .bad("missing-text", "missing \"text\"") }
        guard let text = raw as? String else { throw .bad("missing-text", "\"text\" must be a string") }
        var format = MarkupFormat.plain
        if let f = object["format"], !(f is NSNull) {
            guard let name = f as? String else { throw .bad("bad-option", "\"format\" must be a string: plain, html or markdown") }
            format = try markup(name)
        }
        let only = try Decode.list(object["only"], name: "only")
        let disable = try Decode.list(object["disable"], name: "disable")
        try service.validate(only, parameter: "only")
        try service.validate(disable, parameter: "disable")
        return LintRequest(text: text, format: format, enabled: service.enabled(only: only, disable: disable))
    }

    /// A `text/plain` body with the options in the query string (`?format=markdown&disable=a,b`).
    static func parse(text: String, query: [(String, String)], service: LintService) throws(APIError) -> LintRequest {
        var format = MarkupFormat.plain
        var only: [String] = [], disable: [String] = []
        for (k, v) in query {
            switch k {
            case "format": format = try markup(v)
            case "only": only += Decode.commaList(v)
            case "disable": disable += Decode.commaList(v)
            default:
                throw .bad("unknown-option", "unknown query parameter '\(k)' (known: format, only, disable)")
            }
        }
        try service.validate(only, parameter: "only")
        try service.validate(disable, parameter: "disable")
        return LintRequest(text: text, format: format, enabled: service.enabled(only: only, disable: disable))
    }

    static func markup(_ name: String) throws(APIError) -> MarkupFormat {
        guard let f = MarkupFormat(rawValue: name.lowercased()) else {
            throw .bad("bad-option", "unknown format '\(name)' (known: plain, html, markdown)")
        }
        return f
    }

    /// The response: the `--format json` entry of one file (score, diagnostics, paragraph scores when
    /// the engine has them) without its path, each diagnostic with `fixIsSafe`, plus the safe fixes
    /// (non-overlapping, as `mtlint --fix` applies them) and the counts.
    static func response(_ result: LintResult) -> String {
        var withoutDiagnostics = result
        withoutDiagnostics.diagnostics = []
        var file = JSONReporter.file(path: "-", result: withoutDiagnostics)
        let diagnostics = JSON.array(result.diagnostics.map { d in
            String(JSONReporter.diagnostic(d).dropLast()) + ",\"fixIsSafe\":\(d.fixIsSafe)}"
        })
        if let r = file.range(of: "\"diagnostics\":[]") {
            file.replaceSubrange(r, with: "\"diagnostics\":" + diagnostics)
        } else {
            file = JSON.object([("score", JSON.number(result.score)), ("diagnostics", diagnostics)])
        }
        let prefix = "{\"path\":\"-\","
        var body = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : String(file.dropFirst())
        body.removeLast()  // the closing brace
        var errors = 0, warnings = 0, infos = 0
        for d in result.diagnostics {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
        let fixes = Fixer.safeEdits(result.diagnostics).map {
            JSON.object([("start", String($0.start)), ("end", String($0.end)), ("replacement", JSON.quoted($0.replacement))])
        }
        return "{\"version\":1," + body
            + ",\"safeFixes\":" + JSON.array(fixes)
            + ",\"summary\":" + JSON.object([("errors", String(errors)), ("warnings", String(warnings)), ("info", String(infos))])
            + "}\n"
    }

    /// `GET /v1/rules`: every rule the server knows, whether it runs by default, and the categories.
    static func rules(_ service: LintService) -> String {
        let defaults = service.setup.defaultEnabled
        let items = service.infos.map { i in
            JSON.object([
                ("id", JSON.quoted(i.id)),
                ("category", JSON.quoted(i.category.rawValue)),
                ("severity", JSON.quoted(service.severity(of: i).rawValue)),
                ("description", JSON.quoted(i.summary)),
                ("enabled", defaults.contains(i.id) ? "true" : "false"),
                ("fixIsSafe", i.fixIsSafe ? "true" : "false"),
            ])
        }
        let categories = service.categories.map { c in
            JSON.object([("id", JSON.quoted(c.rawValue)), ("name", JSON.quoted(LanguageTool.categoryName(c)))])
        }
        return "{\"version\":1,\"rules\":[\n" + items.joined(separator: ",\n") + "\n],\"categories\":" + JSON.array(categories) + "}\n"
    }
}

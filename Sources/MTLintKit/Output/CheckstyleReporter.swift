import Foundation

/// Checkstyle XML (Jenkins, reviewdog `-f=checkstyle`). Columns in code points.
public struct CheckstyleReporter: Reporter {
    public static let identifier = "checkstyle"
    public static let summary = "Checkstyle XML (Jenkins, reviewdog -f=checkstyle)"

    public init(color: Bool = false) {}

    public func report(_ report: Report) -> String {
        Self.report(report.files.map { Self.file(path: $0.path, result: $0.result) })
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { out += " " }
                else if u.value == 0xFFFE || u.value == 0xFFFF { out += " " }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    public static func file(path: String, result: LintResult) -> String {
        var out = "<file name=\"\(xml(path))\">\n"
        for d in result.diagnostics {
            out += "<error line=\"\(d.line)\" column=\"\(d.column)\" severity=\"\(d.severity.rawValue)\" message=\"\(xml(d.message))\" source=\"mtlint.\(xml(d.ruleID))\"/>\n"
        }
        return out + "</file>\n"
    }

    public static func report(_ files: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<checkstyle version=\"4.3\">\n" + files.joined() + "</checkstyle>\n"
    }
}

import Foundation
import MTLintKit

/// The review page served at `/`: `Resources/page.html`, one self-contained document (inline CSS and
/// JavaScript, nothing loaded from elsewhere, so it works offline), served byte for byte as it is on disk.
///
/// Positions: the API reports code-point offsets; JavaScript strings are UTF-16, so the page maps every
/// code-point offset to a UTF-16 index (`cpMap`) before slicing or highlighting.
enum Page {
    static let fileName = "page.html"

    /// The page's bytes, or nil when it cannot be found (the APIs work without it).
    static let html: [UInt8]? = locate().flatMap { FileBytes.data($0.path) }.map { [UInt8]($0) }

    /// Where the page is: SwiftPM's resource folder beside the executable (`swift build`, `swift run`,
    /// tests), then the source checkout the server was built from. Looked up by hand rather than through
    /// `Bundle.module`, which ends the process when its folder is missing.
    static func locate() -> URL? {
        let bundle = "mtlint_MTLintServer.resources"
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        for base in [Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(), Bundle.main.bundleURL] {
            if let base, case let url = base.appendingPathComponent(bundle).appendingPathComponent(fileName), exists(url) { return url }
        }
        // Only when the usual places fail: Foundation's `Bundle.allBundles` leaks its array on Linux
        // (LeakSanitizer finds it at exit).
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(bundle) {
            let url = b.bundleURL.appendingPathComponent(fileName)
            if exists(url) { return url }
        }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources").appendingPathComponent(fileName)
        return exists(checkout) ? checkout : nil
    }

    /// Served in the page's place when it is missing: says what is wrong and that the APIs still work.
    static let missing = """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>mtlint</title>
        <p>The review page (<code>\(fileName)</code>) was not found beside the mtlint binary, in
        <code>mtlint_MTLintServer.resources/</code>. The APIs work: <code>POST /v1/lint</code>, <code>POST /v2/check</code>.</p>
        </html>
        """
}

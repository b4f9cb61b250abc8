import Foundation
import Hummingbird
import MTLintKit

/// How `mtlint serve` listens and how much it takes on.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Largest request body, in bytes (larger ones get 413).
    public var maxBodyBytes: Int
    /// Per-request time limit for linting, in seconds (waiting in the queue included).
    public var timeout: Double
    /// Requests linted at once.
    public var concurrency: Int
    /// Requests that may wait for a worker; more get 503 at once.
    public var queueLimit: Int
    /// A request body must arrive within this many seconds (slower ones get 408), so a client trickling
    /// bytes cannot hold a connection and its buffer for ever.
    public var bodyTimeout: Double
    /// Connections that send nothing for this many seconds are closed: idle keep-alive connections, and
    /// clients that stop half-way through a request.
    public var idleTimeout: Int64

    public init(host: String = "127.0.0.1", port: Int = 8081, maxBodyBytes: Int = 2 << 20, timeout: Double = 10,
                concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), queueLimit: Int? = nil,
                bodyTimeout: Double = 30, idleTimeout: Int64 = 60) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.timeout = timeout
        self.concurrency = concurrency
        self.queueLimit = queueLimit ?? max(64, concurrency * 32)
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
    }
}

/// The HTTP server behind `mtlint serve`: the page at `/`, mtlint's JSON API under `/v1`, `/health`,
/// and LanguageTool's API under `/v2`.
public final class MTLintHTTPServer: Sendable {
    /// Where the review page was found (nil: `/` answers with a note that it is missing; the APIs work).
    public static var pageLocation: URL? { Page.html == nil ? nil : Page.locate() }

    let service: LintService
    let options: ServerOptions
    let pool: WorkPool
    let started = Date()

    public init(setup: LintSetup, options: ServerOptions) {
        self.service = LintService(setup)
        self.options = options
        self.pool = WorkPool(width: options.concurrency, queueLimit: options.queueLimit)
    }

    deinit { pool.shutdown(timeout: 0) }

    /// Serves until the task is cancelled or, with `handleSignals`, until SIGTERM or SIGINT, after which
    /// it stops accepting connections, finishes the requests in flight and returns.
    /// `onReady` gets the bound port (useful with port 0).
    public func run(handleSignals: Bool = false, onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        router.add(middleware: ErrorMiddleware())
        routes(router)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(options.idleTimeout))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "mtlint"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) }
        )
        defer { pool.shutdown() }
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    // MARK: Routes

    func routes(_ router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in Self.page() }
        router.head("/") { _, _ in Self.page() }
        router.get("/health") { [self] _, _ in
            Self.json(.ok, JSON.object([
                ("status", JSON.quoted("ok")),
                ("version", JSON.quoted(service.setup.version)),
                ("rules", String(service.infos.count)),
                ("enabledRules", String(service.setup.defaultEnabled.count)),
                ("concurrency", String(pool.width)),
                ("load", String(pool.load)),
                ("uptimeSeconds", String(Int(Date().timeIntervalSince(started)))),
            ]) + "\n")
        }
        router.get("/v1/rules") { [self] _, _ in Self.json(.ok, JSONAPI.rules(service)) }
        router.post("/v1/lint") { [self] request, _ in try await lintV1(request) }
        router.get("/v2/languages") { _, _ in Self.crossOrigin(Self.json(.ok, LanguageTool.languages())) }
        router.post("/v2/check") { [self] request, _ in
            try await checkV2(try Decode.form(try await body(request)))
        }
        router.get("/v2/check") { [self] request, _ in
            try await checkV2(try Decode.form(Array((request.uri.query ?? "").utf8)))
        }
    }

    func lintV1(_ request: Request) async throws -> Response {
        let bytes = try await body(request)
        let type = request.headers[.contentType]?.lowercased() ?? "application/json"
        let parsed: JSONAPI.LintRequest
        if type.hasPrefix("text/plain") {
            let text = try Decode.utf8(bytes, what: "request body")
            parsed = try JSONAPI.parse(text: text, query: try Decode.form(Array((request.uri.query ?? "").utf8)), service: service)
        } else if type.hasPrefix("application/json") {
            if let q = request.uri.query, !q.isEmpty {
                throw APIError.bad("unknown-option", "put the options in the JSON body, not the query string")
            }
            parsed = try JSONAPI.parse(json: try Decode.jsonObject(bytes), service: service)
        } else {
            throw APIError(status: 415, code: "unsupported-media-type",
                           message: "send application/json ({\"text\": …}) or text/plain, not \(type)")
        }
        let service = self.service
        let out = try await lint { service.lint(parsed.text, format: parsed.format, enabled: parsed.enabled) }
            transform: { JSONAPI.response($0.result) }
        return Self.json(.ok, out)
    }

    func checkV2(_ pairs: [(String, String)]) async throws -> Response {
        let check = try LanguageTool.parse(pairs, service: service)
        let service = self.service
        let out = try await lint { service.lint(SourceText(scalars: check.linted), format: .plain, enabled: check.enabled) }
            transform: { LanguageTool.response(check, $0, service: service) }
        return Self.crossOrigin(Self.json(.ok, out))
    }

    /// Lints on the worker pool and renders there too, within the time limit.
    func lint(_ work: @escaping @Sendable () -> Linted, transform: @escaping @Sendable (Linted) -> String) async throws -> String {
        do {
            return try await pool.run(timeout: options.timeout) { transform(work()) }
        } catch .busy {
            throw APIError(status: 503, code: "busy", message: "the server is busy (\(pool.width) requests linting, "
                + "\(pool.queueLimit) waiting); retry shortly")
        } catch .timedOut {
            throw APIError(status: 503, code: "timeout", message: "linting took longer than \(options.timeout) s")
        } catch .stopped {
            throw APIError(status: 503, code: "shutting-down", message: "the server is shutting down")
        }
    }

    /// The request body, refusing more than `maxBodyBytes` with 413.
    func body(_ request: Request) async throws -> [UInt8] {
        let limit = options.maxBodyBytes
        let tooLarge = APIError(status: 413, code: "too-large", message: "request body is larger than \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + .milliseconds(Int(options.bodyTimeout * 1000))
        for try await chunk in request.body {
            if bytes.count + chunk.readableBytes > limit { throw tooLarge }
            if ContinuousClock.now > deadline {
                throw APIError(status: 408, code: "too-slow",
                               message: "request body arrived too slowly (limit \(options.bodyTimeout) s)")
            }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    // MARK: Responses

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status,
                 headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// LanguageTool's server lets any origin read its answers; browser-based LanguageTool clients expect it.
    static func crossOrigin(_ response: Response) -> Response {
        var r = response
        r.headers[.accessControlAllowOrigin] = "*"
        return r
    }

    static func error(_ status: Int, code: String, message: String) -> Response {
        var r = json(HTTPResponse.Status(code: status),
                     JSON.object([("error", JSON.quoted(code)), ("message", JSON.quoted(message)), ("status", String(status))]) + "\n")
        if status == 503 { r.headers[.retryAfter] = "1" }
        return r
    }

    static let pageBuffer = Page.html.map { ByteBuffer(bytes: $0) }

    static func page() -> Response {
        guard let pageBuffer else {
            return Response(status: .internalServerError, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: Page.missing)))
        }
        return Response(status: .ok, headers: [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-cache",
            // Nothing is loaded from anywhere else: the page works offline.
            .contentSecurityPolicy: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                + "connect-src 'self'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
        ], body: .init(byteBuffer: pageBuffer))
    }
}

/// Turns every failure into a JSON error: API errors with their status, unknown routes 404, methods
/// 405, anything unexpected 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    static var methods: [String: [String]] {
        ["/": ["GET", "HEAD"], "/health": ["GET"], "/v1/rules": ["GET"], "/v1/lint": ["POST"],
         "/v2/languages": ["GET"], "/v2/check": ["GET", "POST"]]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            return MTLintHTTPServer.error(e.status, code: e.code, message: e.message)
        } catch let e as HTTPError {
            if e.status.code == 404, let allowed = Self.methods[request.uri.path], !allowed.contains(request.method.rawValue) {
                var r = MTLintHTTPServer.error(405, code: "method-not-allowed",
                                               message: "\(request.uri.path) takes \(allowed.joined(separator: " or ")), not \(request.method.rawValue)")
                r.headers[.allow] = allowed.joined(separator: ", ")
                return r
            }
            let code = e.status.code
            let message = e.body ?? (code == 404 ? "no such endpoint: \(request.method.rawValue) \(request.uri.path)"
                                                 : e.status.reasonPhrase)
            return MTLintHTTPServer.error(code, code: code == 404 ? "not-found" : "http-\(code)", message: message)
        } catch let e as any HTTPResponseError {
            let code = e.status.code
            return MTLintHTTPServer.error(code, code: code == 413 ? "too-large" : "http-\(code)", message: e.status.reasonPhrase)
        } catch {
            return MTLintHTTPServer.error(500, code: "internal", message: "internal error: \(error)")
        }
    }
}

import DocCtlCore
import FlyingFox
import FlyingSocks
import Foundation

/// The open event streams of the served pages; a rebuild sends each of them a `reload` event.
public final class ReloadBroadcaster: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var finished = false

    public init() {}

    /// A new stream, starting with a comment line (so that the client knows it is connected).
    func subscribe() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        let id = UUID()
        continuation.yield(Data(": docctl serve\nretry: 500\n\n".utf8))
        lock.lock()
        if finished { continuation.finish() } else { streams[id] = continuation }
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.streams[id] = nil
            self.lock.unlock()
        }
        return stream
    }

    /// How many pages are listening.
    public var listeners: Int {
        lock.lock()
        defer { lock.unlock() }
        return streams.count
    }

    /// Sends `event` with `data` (one line) to every open stream.
    public func send(_ event: String, data: String) {
        let message = Data("event: \(event)\ndata: \(data)\n\n".utf8)
        lock.lock()
        let open = Array(streams.values)
        lock.unlock()
        for continuation in open { continuation.yield(message) }
    }

    /// Ends every stream (shutdown).
    public func finishAll() {
        lock.lock()
        finished = true
        let open = Array(streams.values)
        streams = [:]
        lock.unlock()
        for continuation in open { continuation.finish() }
    }
}

/// An `AsyncStream` of byte chunks as the body FlyingFox streams (chunked transfer encoding).
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            while pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = Array(data)
            }
            let chunk = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}

/// Answers the requests of `docctl serve`: the files of the build folder (see ``SiteFiles``), the
/// reload script and the event stream. Nothing else is served, and only GET and HEAD are answered.
struct PreviewHandler: HTTPHandler {
    let files: SiteFiles
    let broadcaster: ReloadBroadcaster
    let gate: SiteGate

    /// Headers on every answer: the serve policy, no sniffing, no caching (every save changes pages).
    /// `Connection: close`: FlyingFox writes the head and the body of an answer separately, and on a
    /// reused connection the second write waits for the client's delayed ACK (Nagle's algorithm):
    /// 40 ms an answer, measured; a new loopback connection per request costs ~0.1 ms (BENCHMARKS.md).
    static func headers(_ contentType: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.connection] = "close"
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("Content-Security-Policy")] = LiveReload.policy
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        headers[HTTPHeader("Referrer-Policy")] = "no-referrer"
        return headers
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: Self.headers("text/plain; charset=utf-8"),
                                body: Data("only GET and HEAD\n".utf8))
        }
        let path = request.target.path(percentEncoded: true)
        switch path {
        case LiveReload.eventsPath:
            var headers = Self.headers("text/event-stream; charset=utf-8")
            headers[.connection] = "keep-alive"
            if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
            return HTTPResponse(statusCode: .ok, headers: headers,
                                body: HTTPBodySequence(from: EventStreamBody(stream: broadcaster.subscribe())))
        case LiveReload.scriptPath:
            return HTTPResponse(statusCode: .ok, headers: Self.headers("text/javascript; charset=utf-8"), body: Data(LiveReload.script.utf8))
        default:
            // After a reload, a file the rebuild has not written yet is sent once it is.
            if let relative = SiteFiles.relativePath(path) { await gate.wait(for: relative) }
            guard let file = files.file(for: path), var data = FileManager.default.contents(atPath: file) else {
                return HTTPResponse(statusCode: .notFound, headers: Self.headers("text/plain; charset=utf-8"), body: Data("not found\n".utf8))
            }
            let type = SiteFiles.contentType(file)
            if type.hasPrefix("text/html") { data = LiveReload.inject(data) }
            return HTTPResponse(statusCode: .ok, headers: Self.headers(type), body: request.method == .HEAD ? Data() : data)
        }
    }
}

/// Runs the server's tasks on a thread of their own (a serial dispatch queue), not on Swift
/// concurrency's shared threads: there are as many of those as cores, and work that blocks them
/// (a build, a test) would leave the server unable to answer.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    let queue = DispatchQueue(label: "docctl-serve")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The HTTP server of `docctl serve` (FlyingFox): bound to one address, loopback unless asked otherwise.
public final class PreviewServer: Sendable {
    let server: HTTPServer
    public let broadcaster: ReloadBroadcaster
    /// Holds requests for the files a rebuild has not written yet (see ``SiteGate``).
    public let gate: SiteGate
    let executor = ServerExecutor()

    /// A server for the build folder `root` on `host` (an IPv4 or IPv6 address, or `localhost`) and `port` (0: any free port).
    public init(root: URL, host: String, port: UInt16, broadcaster: ReloadBroadcaster = ReloadBroadcaster(),
                gate: SiteGate = SiteGate()) throws {
        self.broadcaster = broadcaster
        self.gate = gate
        let handler = PreviewHandler(files: SiteFiles(root: root), broadcaster: broadcaster, gate: gate)
        let address: any SocketAddress
        if host == "localhost" {
            address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        } else if host.contains(":") {
            address = try sockaddr_in6.inet6(ip6: host, port: port)
        } else {
            address = try sockaddr_in.inet(ip4: host, port: port)
        }
        server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
    }

    /// Runs until ``stop()``; throws when the address cannot be bound.
    public func run() async throws {
        try await withTaskExecutorPreference(executor) { try await server.run() }
    }

    /// Starts ``run()`` in a task that begins on the server's own thread: a task started on the
    /// shared threads would not even begin while they are busy (a full test run keeps both cores
    /// on synchronous work for a minute).
    @discardableResult
    public func start() -> Task<Void, any Error> {
        Task(executorPreference: executor) { try await self.run() }
    }

    /// Waits until the server listens (at most `timeout` seconds) and returns its port.
    public func waitUntilListening(timeout: TimeInterval = 10) async throws -> UInt16 {
        let address = try await withTaskExecutorPreference(executor) {
            try await server.waitUntilListening(timeout: timeout)
            return await server.listeningAddress
        }
        switch address {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return 0
        }
    }

    /// Ends every event stream, then stops listening and closes the connections.
    public func stop() async {
        broadcaster.finishAll()
        await withTaskExecutorPreference(executor) { await server.stop(timeout: 1) }
    }

    /// Whether `host` is a loopback address (`serve` says so when it is not).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

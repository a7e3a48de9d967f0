import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 (a free port) for the sender tests: it records every
/// request and answers as told (a status, or nothing at all).
final class TestHTTPServer: Sendable {
    enum Answer: Sendable, Equatable {
        case status(Int)
        /// Read the request, never answer.
        case hang
    }

    struct Request: Sendable {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    let channel: any Channel
    let port: Int
    /// Every complete request, in arrival order.
    let requests: AsyncStream<Request>
    private let state: Mutex<(answer: Answer, connections: Int, children: [any Channel])>

    private init(channel: any Channel, port: Int, requests: AsyncStream<Request>, answer: Answer) {
        self.channel = channel
        self.port = port
        self.requests = requests
        self.state = Mutex((answer, 0, []))
    }

    static func start(answer: Answer = .status(200)) async throws -> TestHTTPServer {
        let (requests, continuation) = AsyncStream.makeStream(of: Request.self)
        let box = Box(answer: answer)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                box.accepted(child)
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(Handler(recorded: continuation, answer: { box.answer }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = TestHTTPServer(channel: channel, port: channel.localAddress?.port ?? 0, requests: requests, answer: answer)
        box.server = server
        return server
    }

    var answer: Answer {
        get { state.withLock { $0.answer } }
        set { state.withLock { $0.answer = newValue } }
    }

    /// Connections accepted so far.
    var connections: Int { state.withLock { $0.connections } }

    /// Closes every accepted connection (as a server closing idle keep-alive connections).
    func closeConnections() async {
        let children = state.withLock { state in
            defer { state.children = [] }
            return state.children
        }
        for child in children { try? await child.close() }
    }

    func stop() async {
        await closeConnections()
        try? await channel.close()
    }

    fileprivate func accepted(_ child: any Channel) {
        state.withLock {
            $0.connections += 1
            $0.children.append(child)
        }
    }

    /// Reaches the server (made after the bootstrap that needs it) from the child initializer.
    private final class Box: Sendable {
        let initial: Answer
        let serverBox = Mutex<TestHTTPServer?>(nil)
        init(answer: Answer) { initial = answer }
        var server: TestHTTPServer? {
            get { serverBox.withLock { $0 } }
            set { serverBox.withLock { $0 = newValue } }
        }
        var answer: Answer { server?.answer ?? initial }
        func accepted(_ child: any Channel) { server?.accepted(child) }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let recorded: AsyncStream<Request>.Continuation
        let answer: @Sendable () -> Answer
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(recorded: AsyncStream<Request>.Continuation, answer: @escaping @Sendable () -> Answer) {
            self.recorded = recorded
            self.answer = answer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                recorded.yield(Request(head: head, body: body))
                guard case .status(let code) = answer() else { return }
                let status = HTTPResponseStatus(statusCode: code)
                let text = Array("\(status.reasonPhrase)\n".utf8)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(text.count))
                headers.add(name: "Content-Type", value: "text/plain")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}

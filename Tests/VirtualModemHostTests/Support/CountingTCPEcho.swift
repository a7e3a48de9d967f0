import NIOCore
import NIOPosix
import Synchronization

/// A TCP echo server on 127.0.0.1 that counts every byte it received, over all connections,
/// so a test can check that what a socket's `send` acknowledged reached the far end.
final class CountingTCPEcho: Sendable {
    let channel: any Channel
    private let counter: Counter

    final class Counter: Sendable {
        private struct State {
            var bytes = 0
            var waiters: [(atLeast: Int, continuation: CheckedContinuation<Void, Never>)] = []
        }
        private let state = Mutex(State())

        var bytes: Int { state.withLock { $0.bytes } }

        func add(_ count: Int) {
            let ready = state.withLock { state in
                state.bytes += count
                let total = state.bytes
                let ready = state.waiters.filter { $0.atLeast <= total }.map(\.continuation)
                state.waiters.removeAll { $0.atLeast <= total }
                return ready
            }
            for continuation in ready { continuation.resume() }
        }

        /// Returns once `count` bytes were received in all, or when cancelled (so `bounded` can
        /// give up on it).
        func wait(atLeast count: Int) async {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let now = state.withLock { state in
                        if state.bytes >= count || Task.isCancelled { return true }
                        state.waiters.append((count, continuation))
                        return false
                    }
                    if now { continuation.resume() }
                }
            } onCancel: {
                let waiters = state.withLock { state in
                    defer { state.waiters.removeAll() }
                    return state.waiters.map(\.continuation)
                }
                for waiter in waiters { waiter.resume() }
            }
        }
    }

    private init(channel: any Channel, counter: Counter) {
        self.channel = channel
        self.counter = counter
    }

    /// Bytes received so far.
    var received: Int { counter.bytes }

    /// Returns once `count` bytes were received in all (wrap in `bounded`).
    func wait(atLeast count: Int) async {
        await counter.wait(atLeast: count)
    }
    var port: Int? { channel.localAddress?.port }

    static func start() async throws -> CountingTCPEcho {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler(counter: counter)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return CountingTCPEcho(channel: channel, counter: counter)
    }

    func close() async throws {
        try await channel.close()
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let counter: Counter

        init(counter: Counter) {
            self.counter = counter
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            counter.add(buffer.readableBytes)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }
}

import NIOCore
import NIOPosix

extension FleetBaseline {
    /// The baseline of a conversation workload: `count` host TCP connections to `port` on
    /// 127.0.0.1, all at once, each running `conversation(index)` (the same value a modem runs)
    /// straight over the socket, then closing. Returns the wall time and how many failed.
    ///
    ///     connect → CONNECT → CONNACK → PUBLISH ×K → PUBACK ×K → DISCONNECT → close
    public static func run(
        count: Int, port: Int, timeout: Duration = .seconds(60),
        conversation: @escaping @Sendable (_ index: Int) -> any FleetConversation,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async -> (seconds: Double, failed: Int, failures: [String]) {
        let clock = ContinuousClock()
        let start = clock.now
        var failed = 0
        var failures: [String] = []
        await withTaskGroup(of: String?.self) { tasks in
            for index in 0..<count {
                tasks.addTask {
                    do {
                        let eventLoop = group.next()
                        let finished = eventLoop.makePromise(of: Void.self)
                        let channel = try await ClientBootstrap(group: eventLoop)
                            .channelOption(.socketOption(.tcp_nodelay), value: 1)
                            .connectTimeout(.seconds(10))
                            .channelInitializer { channel in
                                channel.eventLoop.makeCompletedFuture {
                                    try channel.pipeline.syncOperations.addHandler(
                                        ConversationHandler(conversation(index), finished: finished))
                                }
                            }
                            .connect(host: "127.0.0.1", port: port)
                            .get()
                        let timer = eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)) {
                            // The handler then fails `finished` once, as for any early close.
                            channel.close(promise: nil)
                        }
                        defer { timer.cancel() }
                        do {
                            try await finished.futureResult.get()
                        } catch {
                            try? await channel.close()
                            throw error
                        }
                        try? await channel.close()
                        return nil
                    } catch {
                        return "connection \(index): \(error)"
                    }
                }
            }
            for await failure in tasks {
                guard let failure else { continue }
                failed += 1
                if failures.count < 20 { failures.append(failure) }
            }
        }
        let elapsed = start.duration(to: clock.now)
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, failed, failures)
    }
}

/// Why a baseline connection failed.
struct FleetBaselineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs one conversation on a channel: writes what it has, feeds it what arrives, and completes
/// `finished` when it is done (or fails it).
private final class ConversationHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var conversation: any FleetConversation
    private let finished: EventLoopPromise<Void>
    private var completed = false

    init(_ conversation: any FleetConversation, finished: EventLoopPromise<Void>) {
        self.conversation = conversation
        self.finished = finished
    }

    func channelActive(context: ChannelHandlerContext) {
        flushOutgoing(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        conversation.received(ArraySlice(buffer.readableBytesView))
        flushOutgoing(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        complete(.failure(FleetBaselineError("the connection closed before the conversation ended (or it took longer than the timeout)")))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        complete(.failure(error))
        context.close(promise: nil)
    }

    private func flushOutgoing(_ context: ChannelHandlerContext) {
        var wrote = false
        while let bytes = conversation.nextOutgoing() {
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            wrote = true
        }
        if wrote { context.flush() }
        switch conversation.outcome {
        case .running: break
        case .done: complete(.success(()))
        case .failed(let why): complete(.failure(FleetBaselineError(why)))
        }
    }

    private func complete(_ result: Result<Void, any Error>) {
        guard !completed else { return }
        completed = true
        finished.completeWith(result)
    }
}

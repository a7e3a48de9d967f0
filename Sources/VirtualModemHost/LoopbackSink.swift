import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP server on loopback that takes connections and counts what arrives: the far end of
/// the fleet benchmark and of tests.
///
///     let sink = try await LoopbackSink.start()
///     // AT+QIOPEN=1,0,"TCP","127.0.0.1",<sink.port>,0,1 ... AT+QISEND=0,100 ...
///     sink.totals   // (connections: 1, bytes: 100)
public final class LoopbackSink: Sendable {
    public let port: Int
    private let channel: any Channel
    private let counters: NIOLockedValueBox<(connections: Int, bytes: Int)>

    private init(port: Int, channel: any Channel, counters: NIOLockedValueBox<(connections: Int, bytes: Int)>) {
        self.port = port
        self.channel = channel
        self.counters = counters
    }

    /// Listens on 127.0.0.1 on a free port.
    public static func start(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> LoopbackSink {
        let counters = NIOLockedValueBox((connections: 0, bytes: 0))
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                counters.withLockedValue { $0.connections += 1 }
                return child.pipeline.addHandler(Counter(counters: counters))
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return LoopbackSink(port: channel.localAddress?.port ?? 0, channel: channel, counters: counters)
    }

    /// Connections accepted and bytes received so far.
    public var totals: (connections: Int, bytes: Int) {
        counters.withLockedValue { $0 }
    }

    /// Waits until at least `connections` connections and `bytes` bytes have arrived, or until
    /// `bound` has passed, and returns the totals then. A modem reports `SEND OK` once its bytes
    /// are on the wire; the sink reads them a moment later, so a count taken right after a run
    /// can be short without this.
    public func totals(reaching connections: Int, bytes: Int, within bound: Duration) async -> (connections: Int, bytes: Int) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: bound)
        while true {
            let now = totals
            if (now.connections >= connections && now.bytes >= bytes) || clock.now >= deadline { return now }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    public func stop() async {
        try? await channel.close()
    }
}

private final class Counter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let counters: NIOLockedValueBox<(connections: Int, bytes: Int)>

    init(counters: NIOLockedValueBox<(connections: Int, bytes: Int)>) {
        self.counters = counters
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let count = unwrapInboundIn(data).readableBytes
        counters.withLockedValue { $0.bytes += count }
    }
}

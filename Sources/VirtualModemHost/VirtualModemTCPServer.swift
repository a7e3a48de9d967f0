import ModemCore
import ModemTransport
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Serves one virtual modem on a TCP port, as a serial-to-TCP adapter would: one client at a
/// time, the modem keeps running (and its state) between connections. A new client replaces
/// the old one.
///
///     let server = try await VirtualModemTCPServer.start(runnerFor: { transport in
///         VirtualModemRunner(modem: VirtualModem(), transport: transport)
///     }, host: "127.0.0.1", port: 0)
///     print(server.port)          // `modemkit at --tcp 127.0.0.1:<port> AT+CSQ`
public final class VirtualModemTCPServer: Sendable {
    public let runner: VirtualModemRunner
    public let host: String
    public let port: Int
    private let channel: any Channel
    private let link: InMemoryTransport
    private let current: NIOLockedValueBox<(any Channel)?>
    private let pump: Task<Void, Never>

    private init(runner: VirtualModemRunner, host: String, port: Int, channel: any Channel, link: InMemoryTransport, current: NIOLockedValueBox<(any Channel)?>, pump: Task<Void, Never>) {
        self.runner = runner
        self.host = host
        self.port = port
        self.channel = channel
        self.link = link
        self.current = current
        self.pump = pump
    }

    /// Starts the modem and listens; `port` 0 picks a free port (see ``port``).
    public static func start(
        runnerFor makeRunner: (any ByteTransport) -> VirtualModemRunner,
        host: String = "127.0.0.1",
        port: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> VirtualModemTCPServer {
        let (modemEnd, link) = InMemoryTransport.pair(label: "tcp-sim")
        let runner = makeRunner(modemEnd)
        let current = NIOLockedValueBox<(any Channel)?>(nil)
        // Client bytes go through one stream so they reach the modem in order.
        let (inbound, inboundContinuation) = AsyncStream.makeStream(of: [UInt8].self)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { child in
                let previous = current.withLockedValue { slot -> (any Channel)? in
                    let old = slot
                    slot = child
                    return old
                }
                previous?.close(promise: nil)
                return child.pipeline.addHandler(ClientToModem(sink: inboundContinuation))
            }
            .bind(host: host, port: port)
            .get()
        let boundPort = channel.localAddress?.port ?? port
        // The modem's output goes to whichever client is connected now (dropped when none).
        let pump = Task {
            let forward = Task {
                for await bytes in inbound {
                    do { try await link.write(bytes) } catch { return }
                }
            }
            defer { forward.cancel() }
            while true {
                let bytes: [UInt8]
                do { bytes = try await link.read() } catch { return }
                if let client = current.withLockedValue({ $0 }) {
                    client.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
                }
            }
        }
        await runner.start()
        return VirtualModemTCPServer(runner: runner, host: host, port: boundPort, channel: channel, link: link, current: current, pump: pump)
    }

    /// Stops listening, drops the client and stops the modem.
    public func stop() async {
        try? await channel.close()
        if let client = current.withLockedValue({ $0 }) { try? await client.close() }
        await runner.stop()
        await link.close()
        pump.cancel()
    }
}

/// Forwards a TCP client's bytes to the modem.
private final class ClientToModem: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let sink: AsyncStream<[UInt8]>.Continuation

    init(sink: AsyncStream<[UInt8]>.Continuation) {
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.yield(Array(unwrapInboundIn(data).readableBytesView))
    }
}

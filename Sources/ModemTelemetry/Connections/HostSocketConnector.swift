import NIOCore
import NIOPosix

/// Connections through the host's own network stack (SwiftNIO): for a gateway that also has
/// Ethernet, and for tests that talk to a broker or server without a modem in between.
///
///     let connector = HostSocketConnector()
///     let connection = try await connector.connect(host: "127.0.0.1", port: 1883, transport: .tcp)
public struct HostSocketConnector: TelemetryConnector {
    let group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    public func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let handler = ReceiveHandler(continuation: continuation)
        do {
            let channel: any Channel
            var datagramsTo: SocketAddress?
            switch transport {
            case .tcp:
                channel = try await ClientBootstrap(group: group)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connectTimeout(.seconds(10))
                    .channelInitializer { $0.pipeline.addHandler(handler) }
                    .connect(host: host, port: port)
                    .get()
            case .udp:
                let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
                datagramsTo = address
                channel = try await DatagramBootstrap(group: group)
                    .channelInitializer { $0.pipeline.addHandler(DatagramHandler(continuation: continuation)) }
                    .connect(to: address)
                    .get()
            }
            return HostSocketConnection(channel: channel, datagramsTo: datagramsTo, received: stream)
        } catch {
            continuation.finish()
            throw .connectFailed("\(host):\(port): \(error)")
        }
    }
}

/// A host socket used as a ``TelemetryConnection``.
final class HostSocketConnection: TelemetryConnection {
    let channel: any Channel
    /// Set for UDP: where each datagram goes.
    let datagramsTo: SocketAddress?
    let received: AsyncStream<[UInt8]>

    init(channel: any Channel, datagramsTo: SocketAddress?, received: AsyncStream<[UInt8]>) {
        self.channel = channel
        self.datagramsTo = datagramsTo
        self.received = received
    }

    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
        guard channel.isActive else { throw .closed }
        do {
            let buffer = channel.allocator.buffer(bytes: bytes)
            if let datagramsTo {
                try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: datagramsTo, data: buffer)).get()
            } else {
                try await channel.writeAndFlush(buffer).get()
            }
        } catch {
            throw .sendFailed("\(error)")
        }
    }

    func close() async {
        try? await channel.close().get()
    }
}

private final class ReceiveHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncStream<[UInt8]>.Continuation

    init(continuation: AsyncStream<[UInt8]>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        continuation.yield(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

private final class DatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let continuation: AsyncStream<[UInt8]>.Continuation

    init(continuation: AsyncStream<[UInt8]>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data).data
        continuation.yield(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A refused datagram (ICMP port unreachable) is not fatal for UDP.
    }
}

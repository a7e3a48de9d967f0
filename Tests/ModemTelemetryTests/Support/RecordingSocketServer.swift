import ModemKitTestSupport
import NIOCore
import NIOPosix

/// A TCP or UDP server on 127.0.0.1 (a free port) that records what arrives: TCP bytes as they
/// come (any chunking), UDP one element per datagram.
struct RecordingSocketServer: Sendable {
    let channel: any Channel
    let port: Int
    let received: AsyncStream<[UInt8]>

    static func tcp() async throws -> RecordingSocketServer {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Recorder<ByteBuffer>(continuation: continuation) { $0 }) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RecordingSocketServer(channel: channel, port: channel.localAddress?.port ?? 0, received: stream)
    }

    static func udp() async throws -> RecordingSocketServer {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Recorder<AddressedEnvelope<ByteBuffer>>(continuation: continuation) { $0.data }) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RecordingSocketServer(channel: channel, port: channel.localAddress?.port ?? 0, received: stream)
    }

    func stop() async {
        try? await channel.close()
    }

    /// Yields the bytes of every read; `bytes` takes them out of what the channel reads.
    private final class Recorder<Read>: ChannelInboundHandler {
        typealias InboundIn = Read
        let continuation: AsyncStream<[UInt8]>.Continuation
        let bytes: (Read) -> ByteBuffer
        init(continuation: AsyncStream<[UInt8]>.Continuation, bytes: @escaping (Read) -> ByteBuffer) {
            self.continuation = continuation
            self.bytes = bytes
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = bytes(unwrapInboundIn(data))
            continuation.yield(buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
    }
}

extension AsyncStream where Element: Sendable {
    /// The next `count` elements, within `limit`.
    func first(_ count: Int, within limit: Duration = .seconds(10)) async throws -> [Element] {
        let stream = self
        return try await bounded(limit) {
            var items: [Element] = []
            for await item in stream {
                items.append(item)
                if items.count == count { break }
            }
            return items
        }
    }
}

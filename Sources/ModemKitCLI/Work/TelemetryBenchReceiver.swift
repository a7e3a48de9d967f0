import ArgumentParser
import ModemTelemetry
import NIOCore
import NIOHTTP1
import NIOPosix
import Telemetry

/// The far end of one destination kind in `modemkit telemetry bench`, on 127.0.0.1: it counts
/// the readings that arrive (``TelemetryBenchTally``) and gives the URL the senders go to.
///
/// - `tcp`: a TCP server splitting what arrives into lines.
/// - `udp`: a UDP socket taking every datagram.
/// - `http`: an HTTP/1.1 server (NIOHTTP1) answering every request `200 OK`, kept alive.
/// - `mqtt`: a subscriber (``MQTTClient`` over ``HostSocketConnector``) on a mosquitto broker
///   the caller started; the senders publish to the broker.
final class TelemetryBenchReceiver: Sendable {
    /// A destination kind, as `--kind` names it.
    enum Kind: String, CaseIterable, ExpressibleByArgument, Sendable, Codable {
        case mqtt, http, tcp, udp
    }

    let kind: Kind
    /// Where the senders go: `tcp://127.0.0.1:40123`, `mqtt://127.0.0.1:40124/modemkit/bench`.
    let url: String
    let tally: TelemetryBenchTally
    private let close: @Sendable () async -> Void

    private init(kind: Kind, url: String, tally: TelemetryBenchTally, close: @escaping @Sendable () async -> Void) {
        self.kind = kind
        self.url = url
        self.tally = tally
        self.close = close
    }

    /// Starts the receiver of `kind`; `brokerPort` is the mosquitto port `mqtt` subscribes on.
    static func start(_ kind: Kind, brokerPort: Int?) async throws -> TelemetryBenchReceiver {
        let tally = TelemetryBenchTally()
        let group = MultiThreadedEventLoopGroup.singleton
        switch kind {
        case .tcp, .http:
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        if kind == .http {
                            try child.pipeline.syncOperations.configureHTTPServerPipeline()
                            try child.pipeline.syncOperations.addHandler(HTTPTallyHandler(tally: tally))
                        } else {
                            try child.pipeline.syncOperations.addHandler(LineTallyHandler(tally: tally))
                        }
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let port = channel.localAddress?.port ?? 0
            let url = kind == .http ? "http://127.0.0.1:\(port)/ingest" : "tcp://127.0.0.1:\(port)"
            return TelemetryBenchReceiver(kind: kind, url: url, tally: tally) { try? await channel.close() }
        case .udp:
            let channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(DatagramTallyHandler(tally: tally))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let url = "udp://127.0.0.1:\(channel.localAddress?.port ?? 0)"
            return TelemetryBenchReceiver(kind: kind, url: url, tally: tally) { try? await channel.close() }
        case .mqtt:
            guard let brokerPort else { throw CLIError("mqtt needs a broker", exitCode: CLIExit.transport) }
            let topic = "modemkit/bench"
            let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: brokerPort)
            try await client.connect(MQTTClientOptions(clientID: "modemkitbenchreceiver", cleanSession: true))
            _ = try await client.subscribe([MQTTSubscription(filter: topic, qos: .atLeastOnce)])
            let reader = Task {
                for await message in client.messages { tally.record(message.payload) }
            }
            return TelemetryBenchReceiver(kind: kind, url: "mqtt://127.0.0.1:\(brokerPort)/\(topic)", tally: tally) {
                await client.shutdown()
                reader.cancel()
            }
        }
    }

    func stop() async {
        await close()
    }
}

/// Splits a TCP stream into lines and records each complete one.
private final class LineTallyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let tally: TelemetryBenchTally
    private var pending: [UInt8] = []

    init(tally: TelemetryBenchTally) {
        self.tally = tally
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let end = pending.lastIndex(of: UInt8(ascii: "\n")) else { return }
        tally.record(Array(pending[...end]))
        pending.removeFirst(end + 1)
    }
}

/// Records every datagram (whole lines).
private final class DatagramTallyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let tally: TelemetryBenchTally

    init(tally: TelemetryBenchTally) {
        self.tally = tally
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data).data
        tally.record(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }
}

/// Records each request's body and answers `200 OK` with no body, keeping the connection.
private final class HTTPTallyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let tally: TelemetryBenchTally
    private var body: [UInt8] = []

    init(tally: TelemetryBenchTally) {
        self.tally = tally
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            tally.record(body)
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "0"])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

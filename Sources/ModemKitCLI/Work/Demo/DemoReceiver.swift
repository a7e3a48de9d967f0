import Foundation
import ModemTelemetry
import NIOCore
import NIOPosix
import Synchronization
import Telemetry

/// The far end of the demo: who counts what arrived, by reading ID, with its latency.
final class DemoArrivals: Sendable {
    struct Counts: Sendable {
        var unique = 0
        var duplicates = 0
        var latenciesMs: [Int64] = []
        var seen: Set<String> = []
    }

    private let counts = Mutex(Counts())
    private let watchers = Mutex<[(target: Int, continuation: CheckedContinuation<Void, Never>)]>([])

    /// Records one envelope (`{"id":…,"ts":…,"data":…}`) received now.
    func record(envelope bytes: some Collection<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let id = object["id"] as? String, let ts = (object["ts"] as? NSNumber)?.int64Value else { return }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let unique = counts.withLock { counts -> Int in
            if counts.seen.insert(id).inserted {
                counts.unique += 1
                counts.latenciesMs.append(max(0, now - ts))
            } else {
                counts.duplicates += 1
            }
            return counts.unique
        }
        let ready = watchers.withLock { watchers in
            let ready = watchers.filter { $0.target <= unique }.map(\.continuation)
            watchers.removeAll { $0.target <= unique }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    var snapshot: Counts { counts.withLock { $0 } }

    /// Returns once `target` different readings have arrived.
    func wait(forUnique target: Int) async {
        await withCheckedContinuation { continuation in
            let now = counts.withLock { $0.unique }
            if now >= target {
                continuation.resume()
            } else {
                watchers.withLock { $0.append((target, continuation)) }
            }
        }
    }

    /// Lets every waiter go (the demo gave up waiting).
    func releaseAll() {
        let all = watchers.withLock { watchers in
            defer { watchers.removeAll() }
            return watchers.map(\.continuation)
        }
        for continuation in all { continuation.resume() }
    }
}

/// A raw TCP receiver on loopback taking newline-delimited envelopes: the demo's stand-in when
/// no MQTT broker can be run.
final class DemoLineReceiver: Sendable {
    let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    static func start(recording arrivals: DemoArrivals) async throws -> DemoLineReceiver {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { $0.pipeline.addHandler(LineHandler(arrivals: arrivals)) }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return DemoLineReceiver(port: channel.localAddress?.port ?? 0, channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }

    private final class LineHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let arrivals: DemoArrivals
        /// Touched only on the channel's event loop.
        var pending: [UInt8] = []

        init(arrivals: DemoArrivals) {
            self.arrivals = arrivals
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                arrivals.record(envelope: pending[..<newline])
                pending.removeSubrange(...newline)
            }
            if pending.count > 1 << 20 { pending.removeAll() }
        }
    }
}

/// An MQTT subscriber on the broker (through the host's network, not the modem).
struct DemoSubscriber {
    let client: MQTTClient
    let task: Task<Void, Never>

    static func start(port: Int, filter: String, recording arrivals: DemoArrivals) async throws(MQTTError) -> DemoSubscriber {
        let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: port)
        _ = try await client.connect(MQTTClientOptions(clientID: "modemkit-demo-sub", cleanSession: true))
        _ = try await client.subscribe([MQTTSubscription(filter: filter, qos: .atLeastOnce)])
        let messages = client.messages
        let task = Task {
            for await message in messages { arrivals.record(envelope: message.payload) }
        }
        return DemoSubscriber(client: client, task: task)
    }

    func stop() async {
        await client.disconnect()
        task.cancel()
    }
}

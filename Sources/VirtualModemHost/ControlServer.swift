import Foundation
import NIOCore
import NIOPosix
import VirtualModem

/// One request to a running virtual modem, as a line of JSON on its control socket.
///
///     {"event": {"sms": {"from": "+447700900123", "text": "reboot"}}}
///     {"event": {"signal": 5}}
///     {"fault": {"dropNextResponse": {}}}
///     {"faults": {"urcInsideResponse": 0.2}}
///     {"status": {}}
///     {"modem": 17, "event": {"reboot": true}}        (in a fleet: which modem, from 0)
public struct ControlRequest: Sendable, Codable, Equatable {
    public var modem: Int?
    public var event: Scenario.Event?
    public var fault: Fault?
    public var faults: FaultPlan?
    public var status: [String: String]?

    public init(modem: Int? = nil, event: Scenario.Event? = nil, fault: Fault? = nil, faults: FaultPlan? = nil, status: Bool = false) {
        self.modem = modem
        self.event = event
        self.fault = fault
        self.faults = faults
        self.status = status ? [:] : nil
    }
}

/// The answer: `{"ok":true,"status":{...}}` or `{"ok":false,"error":"..."}`.
public struct ControlResponse: Sendable, Codable, Equatable {
    public var ok: Bool
    public var error: String?
    public var status: [VirtualModemStatus]?

    public init(ok: Bool, error: String? = nil, status: [VirtualModemStatus]? = nil) {
        self.ok = ok
        self.error = error
        self.status = status
    }
}

/// Carries control requests to the runners they name.
public struct ControlTarget: Sendable {
    public let runners: [VirtualModemRunner]

    public init(runners: [VirtualModemRunner]) {
        self.runners = runners
    }

    /// Applies one request.
    public func handle(_ request: ControlRequest) async -> ControlResponse {
        let selected: [VirtualModemRunner]
        if let index = request.modem {
            guard runners.indices.contains(index) else { return ControlResponse(ok: false, error: "no modem \(index) (0..<\(runners.count))") }
            selected = [runners[index]]
        } else {
            selected = runners
        }
        var events: [NetworkEvent] = []
        if let event = request.event {
            do {
                events = try Scenario.events(event, location: "event")
            } catch {
                return ControlResponse(ok: false, error: error.description)
            }
        }
        for runner in selected {
            for event in events { await runner.inject(event) }
            if let fault = request.fault { await runner.inject(fault) }
            if let plan = request.faults { await runner.setFaults(plan) }
        }
        guard request.status != nil || (events.isEmpty && request.fault == nil && request.faults == nil) else {
            return ControlResponse(ok: true)
        }
        var status: [VirtualModemStatus] = []
        for runner in selected { status.append(await runner.snapshot.status) }
        return ControlResponse(ok: true, status: status)
    }
}

/// Listens on a Unix domain socket for ``ControlRequest`` lines and answers each with a
/// ``ControlResponse`` line (`modemkit sim ctl` is its client).
public final class ControlServer: Sendable {
    public let path: String
    private let channel: any Channel

    private init(path: String, channel: any Channel) {
        self.path = path
        self.channel = channel
    }

    public static func start(path: String, target: ControlTarget, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> ControlServer {
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { child in
                child.pipeline.addHandler(ControlConnection(target: target))
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true)
            .get()
        return ControlServer(path: path, channel: channel)
    }

    public func stop() async {
        try? await channel.close()
        unlink(path)
    }
}

/// One control client: lines in, answers out, in order.
private final class ControlConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let target: ControlTarget
    // Touched only on the channel's event loop.
    private var pending: [UInt8] = []
    private var lines: AsyncStream<[UInt8]>.Continuation?

    init(target: ControlTarget) {
        self.target = target
    }

    func channelActive(context: ChannelHandlerContext) {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        lines = continuation
        let channel = context.channel
        let target = self.target
        Task {
            for await line in stream {
                let response: ControlResponse
                do {
                    let request = try JSONDecoder().decode(ControlRequest.self, from: Data(line))
                    response = await target.handle(request)
                } catch {
                    response = ControlResponse(ok: false, error: "not a control request: \(error)")
                }
                var data = (try? JSONEncoder().encode(response)) ?? Data("{\"ok\":false}".utf8)
                data.append(0x0A)
                try? await channel.writeAndFlush(ByteBuffer(bytes: data))
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += unwrapInboundIn(data).readableBytesView
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if !line.isEmpty { lines?.yield(line) }
        }
        if pending.count > 1 << 20 {
            pending.removeAll()
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lines?.finish()
    }
}

import ModemTelemetry
import Synchronization
import Telemetry

/// An in-memory ``TelemetryConnection`` standing in for a broker: the test reads the packets the
/// client sent (decoded) and answers with packets or raw bytes.
final class MQTTScriptedConnection: TelemetryConnection {
    private struct State {
        var decoder = MQTTPacketDecoder()
        var sent: [MQTTPacket] = []
        var waiter: CheckedContinuation<MQTTPacket?, Never>?
        var closed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let received: AsyncStream<[UInt8]>
    private let inbound: AsyncStream<[UInt8]>.Continuation
    private let state = Mutex(State())

    init() {
        (received, inbound) = AsyncStream.makeStream(of: [UInt8].self)
    }

    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
        let waiter = try state.withLock { state throws(TelemetryConnectionError) -> CheckedContinuation<MQTTPacket?, Never>? in
            guard !state.closed else { throw .closed }
            state.decoder.append(bytes)
            while let packet = try? state.decoder.next() { state.sent.append(packet) }
            guard let waiter = state.waiter, !state.sent.isEmpty else { return nil }
            state.waiter = nil
            return waiter
        }
        if let waiter { waiter.resume(returning: state.withLock { $0.sent.removeFirst() }) }
    }

    func close() async {
        let (waiter, closeWaiters) = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil; state.closeWaiters = [] }
            return (state.waiter, state.closeWaiters)
        }
        inbound.finish()
        waiter?.resume(returning: nil)
        for closeWaiter in closeWaiters { closeWaiter.resume() }
    }

    /// The next packet the client sent, in order; `nil` once closed (or when the task is cancelled).
    func nextSent() async -> MQTTPacket? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: MQTTPacket?? = state.withLock { state in
                    if !state.sent.isEmpty { return .some(state.sent.removeFirst()) }
                    if state.closed || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in defer { state.waiter = nil }; return state.waiter }
            waiter?.resume(returning: nil)
        }
    }

    /// Returns once the client closed the connection.
    func waitUntilClosed() async {
        await withCheckedContinuation { continuation in
            let closed = state.withLock { state in
                if !state.closed { state.closeWaiters.append(continuation) }
                return state.closed
            }
            if closed { continuation.resume() }
        }
    }

    func reply(_ packet: MQTTPacket) throws {
        inbound.yield(try packet.encoded())
    }

    func reply(bytes: [UInt8]) {
        inbound.yield(bytes)
    }

    /// The broker goes away: what the client reads ends.
    func drop() {
        inbound.finish()
    }
}

/// Hands out the given connections in turn, then refuses.
final class MQTTScriptedConnector: TelemetryConnector {
    private let connections: Mutex<[MQTTScriptedConnection]>

    init(_ connections: [MQTTScriptedConnection]) {
        self.connections = Mutex(connections)
    }

    func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        guard let next = connections.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { throw .connectFailed("\(host):\(port): connection refused") }
        return next
    }
}

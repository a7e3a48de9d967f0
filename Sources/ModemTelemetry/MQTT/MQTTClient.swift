import Logging
import ModemKit
import Telemetry

/// An MQTT 3.1.1 client over any ``TelemetryConnection``: a modem socket or a host socket.
///
///     let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: 1883)
///     try await client.connect(MQTTClientOptions(clientID: "meter-42", username: "meter", password: "…"))
///     // → 10 … CONNECT            ← 20 02 00 00 CONNACK accepted
///     try await client.publish(topic: "meters/42", payload: bytes)
///     // → 32 … PUBLISH QoS 1 id 1 ← 40 02 00 01 PUBACK: publish returns
///     _ = try await client.subscribe([MQTTSubscription(filter: "cmd/42/#")])
///     for await message in client.messages { … }
///     await client.disconnect()   // → E0 00 DISCONNECT, then the connection closes
///
/// Every change goes through ``MQTTSession``, one event at a time; time comes from the injected
/// clock (keep alive, CONNACK and PINGRESP timeouts). Packets are logged at `.trace` by their
/// description, which never holds a password. The client does not reconnect by itself: call
/// ``connect(_:)`` again; with clean session off, unacknowledged QoS 1 messages then go again
/// with DUP set.
public actor MQTTClient {
    public nonisolated let host: String
    public nonisolated let port: Int
    /// Inbound application messages of the subscriptions, in order; the oldest are dropped past
    /// 4096 unread. Finishes when the client is shut down with ``shutdown()``.
    public nonisolated let messages: AsyncStream<MQTTMessage>

    let connector: any TelemetryConnector
    let clock: any Clock<Duration>
    let logger: Logger
    let maximumPacketSize: Int
    private let messageContinuation: AsyncStream<MQTTMessage>.Continuation
    private var session: MQTTSession?
    private var link: Link?
    /// Bumped for each connection, so events of an old one are told apart and dropped.
    private var generation = 0
    private var isOpening = false
    private var timers = ClockTimers<MQTTSession.TimerID>()
    private var nextRequestID: UInt64 = 1
    private var connectWaiter: CheckedContinuation<Result<Bool, MQTTError>, Never>?
    private var waiters: [UInt64: CheckedContinuation<Result<MQTTSession.Completion, MQTTError>, Never>] = [:]
    /// Outcomes that came before their caller waited for them.
    private var outcomes: [UInt64: Result<MQTTSession.Completion, MQTTError>] = [:]

    /// The open connection: its decoder, its ordered writer and its reader.
    private struct Link {
        var decoder: MQTTPacketDecoder
        let writes: AsyncStream<[UInt8]>.Continuation
        let writer: Task<Void, Never>
        let reader: Task<Void, Never>
    }

    /// A QoS 1 publish that was handed to the session; ``MQTTClient/completion(of:)`` awaits its PUBACK.
    public struct PublishTicket: Sendable, Hashable {
        let id: UInt64
    }

    /// - Parameters:
    ///   - connector: opens the TCP connection (modem socket or host socket).
    ///   - clock: runs keep alive and the timeouts; tests pass a manual clock.
    ///   - maximumPacketSize: the largest packet accepted from the broker.
    public init(
        connector: any TelemetryConnector, host: String, port: Int = 1883,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "modemkit.mqtt"),
        maximumPacketSize: Int = 1 << 20
    ) {
        self.connector = connector
        self.host = host
        self.port = port
        self.clock = clock
        self.logger = logger
        self.maximumPacketSize = maximumPacketSize
        (messages, messageContinuation) = AsyncStream.makeStream(of: MQTTMessage.self, bufferingPolicy: .bufferingNewest(4096))
    }

    /// Whether CONNACK accepted the current connection and it has not ended since.
    public var isConnected: Bool {
        if case .connected = session?.state { true } else { false }
    }

    /// Opens the connection and sends CONNECT; returns CONNACK's session-present flag.
    ///
    /// Throws ``MQTTError/connectFailed(_:)`` when the broker cannot be reached,
    /// ``MQTTError/refused(_:)`` with CONNACK's code (`5 (not authorized)` for a wrong
    /// password), ``MQTTError/connectTimedOut(_:)`` when CONNACK does not come. Connected
    /// already, it returns at once.
    @discardableResult
    public func connect(_ options: MQTTClientOptions) async throws(MQTTError) -> Bool {
        if case .connected(let sessionPresent) = session?.state { return sessionPresent }
        guard !isOpening, connectWaiter == nil else { throw .connectFailed("a connect is already in progress") }
        if session == nil { session = MQTTSession(options: options) } else { session?.options = options }
        isOpening = true
        let connection: any TelemetryConnection
        do {
            connection = try await connector.connect(host: host, port: port, transport: .tcp)
        } catch {
            isOpening = false
            logger.notice("MQTT connect to \(host):\(port) failed: \(error)")
            throw .connectFailed(error.description)
        }
        isOpening = false
        open(connection)
        let outcome = await withCheckedContinuation { continuation in
            connectWaiter = continuation
            handle(.connectionOpened)
        }
        return try outcome.get()
    }

    /// Publishes and returns when it is done: for QoS 1 when PUBACK arrives, for QoS 0 once handed
    /// to the connection.
    ///
    ///     try await client.publish(topic: "a/b", payload: Array("hi".utf8))
    ///     // → 32 09 00 03 'a' '/' 'b' 00 01 'h' 'i'    ← 40 02 00 01
    public func publish(topic: String, payload: [UInt8], qos: MQTTQoS = .atLeastOnce, retain: Bool = false) async throws(MQTTError) {
        let ticket = startPublish(MQTTMessage(topic: topic, payload: payload, qos: qos, retain: retain))
        try await completion(of: ticket)
    }

    /// Hands a message to the session and returns at once, so several QoS 1 messages can be in
    /// flight; they go out in the order of these calls. Await each with ``completion(of:)``.
    public func startPublish(_ message: MQTTMessage) -> PublishTicket {
        PublishTicket(id: request { .publishRequested(id: $0, message) })
    }

    /// Waits for a publish started with ``startPublish(_:)``: its PUBACK, or why it failed
    /// (connection lost, not connected, invalid topic).
    public func completion(of ticket: PublishTicket) async throws(MQTTError) {
        _ = try await outcome(of: ticket.id).get()
    }

    /// Subscribes; returns SUBACK's return codes, one per subscription (`.failure` for a refused one).
    ///
    ///     try await client.subscribe([MQTTSubscription(filter: "a/#", qos: .atLeastOnce)])
    ///     // → 82 08 00 01 00 03 'a' '/' '#' 01     ← 90 03 00 01 01
    public func subscribe(_ subscriptions: [MQTTSubscription]) async throws(MQTTError) -> [MQTTSubAck.ReturnCode] {
        let id = request { .subscribeRequested(id: $0, subscriptions) }
        guard case .subscribed(let codes) = try await outcome(of: id).get() else { return [] }
        return codes
    }

    /// Unsubscribes; returns when UNSUBACK arrives.
    public func unsubscribe(_ filters: [String]) async throws(MQTTError) {
        let id = request { .unsubscribeRequested(id: $0, filters) }
        _ = try await outcome(of: id).get()
    }

    /// Sends DISCONNECT (so the broker drops the will) and closes the connection once it is written.
    public func disconnect() async {
        let writer = link?.writer
        handle(.disconnectRequested)
        await writer?.value
    }

    /// Disconnects and ends ``messages``.
    public func shutdown() async {
        await disconnect()
        messageContinuation.finish()
    }

    // MARK: - Requests

    private func request(_ event: (UInt64) -> MQTTSession.Event) -> UInt64 {
        let id = nextRequestID
        nextRequestID += 1
        if session == nil {
            outcomes[id] = .failure(.notConnected)
        } else {
            handle(event(id))
        }
        return id
    }

    private func outcome(of id: UInt64) async -> Result<MQTTSession.Completion, MQTTError> {
        if let early = outcomes.removeValue(forKey: id) { return early }
        return await withCheckedContinuation { waiters[id] = $0 }
    }

    private func finish(_ id: UInt64, _ result: Result<MQTTSession.Completion, MQTTError>) {
        if let waiter = waiters.removeValue(forKey: id) {
            waiter.resume(returning: result)
        } else {
            outcomes[id] = result
        }
    }

    // MARK: - The session

    private func handle(_ event: MQTTSession.Event) {
        guard var machine = session else { return }
        let actions = machine.handle(event)
        session = machine
        for action in actions { apply(action) }
    }

    private func apply(_ action: MQTTSession.Action) {
        switch action {
        case .send(let packet):
            do {
                let bytes = try packet.encoded()
                logger.trace("MQTT → \(packet)")
                link?.writes.yield(bytes)
            } catch {
                // The session checks every request, so this is a bug; say so rather than send it.
                logger.error("MQTT packet not sent, it would be malformed: \(error) (\(packet))")
            }
        case .startTimer(let timer, let duration):
            timers.start(timer, after: duration, on: clock) { [weak self] timer, generation in
                await self?.timerFired(timer, generation: generation)
            }
        case .cancelTimer(let timer):
            timers.cancel(timer)
        case .connected(let sessionPresent):
            logger.debug("MQTT connected to \(host):\(port), session present: \(sessionPresent)")
            connectWaiter?.resume(returning: .success(sessionPresent))
            connectWaiter = nil
        case .connectFailed(let error):
            logger.notice("MQTT connect to \(host):\(port) failed: \(error)")
            connectWaiter?.resume(returning: .failure(error))
            connectWaiter = nil
        case .completed(let id, let completion):
            finish(id, .success(completion))
        case .failed(let id, let error):
            finish(id, .failure(error))
        case .deliver(let message):
            messageContinuation.yield(message)
        case .closeConnection:
            closeLink()
        }
    }

    private func timerFired(_ timer: MQTTSession.TimerID, generation: Int) {
        guard timers.claim(timer, generation: generation) else { return }
        handle(.timerFired(timer))
    }

    // MARK: - The connection

    private func open(_ connection: any TelemetryConnection) {
        generation += 1
        let current = generation
        let (writes, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let writer = Task { [weak self] in
            for await bytes in writes {
                do {
                    try await connection.send(bytes)
                } catch {
                    await self?.connectionEnded(current, "\(error)")
                    break
                }
            }
            await connection.close()
        }
        let reader = Task { [weak self] in
            for await chunk in connection.received {
                await self?.received(chunk, connection: current)
            }
            await self?.connectionEnded(current, "the broker closed the connection")
        }
        link = Link(decoder: MQTTPacketDecoder(maximumPacketSize: maximumPacketSize), writes: continuation, writer: writer, reader: reader)
    }

    private func received(_ chunk: [UInt8], connection: Int) {
        guard connection == generation, link != nil else { return }
        link?.decoder.append(chunk)
        while connection == generation, let decoded = nextPacket() {
            switch decoded {
            case .success(let packet):
                logger.trace("MQTT ← \(packet)")
                handle(.packetReceived(packet))
            case .failure(let error):
                logger.notice("MQTT from \(host):\(port): \(error)")
                handle(.malformedInput(error))
                closeLink()
                return
            }
        }
    }

    private func nextPacket() -> Result<MQTTPacket, MQTTDecodingError>? {
        do {
            guard let packet = try link?.decoder.next() else { return nil }
            return .success(packet)
        } catch {
            return .failure(error)
        }
    }

    private func connectionEnded(_ connection: Int, _ why: String) {
        guard connection == generation, link != nil else { return }
        logger.notice("MQTT connection to \(host):\(port) ended: \(why)")
        handle(.connectionLost(why))
        closeLink()
    }

    /// Stops reading; the writer sends what is queued, then closes the connection.
    private func closeLink() {
        guard let link else { return }
        generation += 1
        link.writes.finish()
        link.reader.cancel()
        self.link = nil
    }
}

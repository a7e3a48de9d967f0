/// The client side of an MQTT 3.1.1 session as a pure state machine: events in, actions out;
/// no I/O, no clock (time arrives as ``Event/timerFired(_:)``).
///
///     var session = MQTTSession(options: MQTTClientOptions(clientID: "m1"))
///     session.handle(.connectionOpened)
///     // [.send(.connect(…)), .startTimer(.connack, 10 s)]
///     session.handle(.packetReceived(.connack(MQTTConnAck())))
///     // [.cancelTimer(.connack), .connected(sessionPresent: false), .startTimer(.keepAlive, 60 s)]
///     session.handle(.publishRequested(id: 1, MQTTMessage(topic: "a", payload: [1])))
///     // [.send(.publish(… qos 1, id 1)), .startTimer(.keepAlive, 60 s)]
///     session.handle(.packetReceived(.puback(packetID: 1)))
///     // [.completed(id: 1, .published)]
///
/// It allocates packet identifiers (1…65535, skipping those in use), keeps unacknowledged QoS 1
/// PUBLISHes in order and, with clean session off, sends them again with DUP after the next
/// CONNACK (§4.4). It answers inbound QoS 1 PUBLISH with PUBACK, sends PINGREQ when nothing was
/// sent for the keep-alive period, and gives the connection up when PINGRESP does not come.
public struct MQTTSession: Sendable {
    public private(set) var state: State = .disconnected
    /// Used for the next CONNECT; may change between connections.
    public var options: MQTTClientOptions
    /// Unacknowledged QoS 1 PUBLISHes, oldest first.
    private(set) var inFlight: [InFlight] = []
    /// SUBSCRIBE and UNSUBSCRIBE waiting for their acknowledgement: packet id → request id.
    private var pendingRequests: [UInt16: UInt64] = [:]
    private var packetIDsInUse: Set<UInt16> = []
    private var nextPacketID: UInt16 = 1
    private var pingOutstanding = false
    /// The actions of the event being handled.
    private var actions: [Action] = []
    private var sentPacket = false

    public init(options: MQTTClientOptions) {
        self.options = options
    }

    /// Packet identifiers of unacknowledged QoS 1 PUBLISHes, oldest first.
    public var inFlightPacketIDs: [UInt16] { inFlight.compactMap(\.publish.packetID) }

    public mutating func handle(_ event: Event) -> [Action] {
        actions = []
        sentPacket = false
        switch event {
        case .connectionOpened:
            state = .connecting
            pingOutstanding = false
            send(.connect(options.connect))
            actions.append(.startTimer(.connack, options.connectTimeout))
        case .packetReceived(let packet):
            received(packet)
        case .connectionLost(let why):
            if state != .disconnected { end(.connectionLost(why), close: false) }
        case .malformedInput(let error):
            if state != .disconnected { end(.protocolViolation(error.description), close: true) }
        case .publishRequested(let id, let message):
            publish(id: id, message)
        case .subscribeRequested(let id, let subscriptions):
            if let packetID = acknowledged(id: id, "SUBSCRIBE", filters: subscriptions.map(\.filter)) {
                send(.subscribe(MQTTSubscribe(packetID: packetID, subscriptions: subscriptions)))
            }
        case .unsubscribeRequested(let id, let filters):
            if let packetID = acknowledged(id: id, "UNSUBSCRIBE", filters: filters) {
                send(.unsubscribe(MQTTUnsubscribe(packetID: packetID, filters: filters)))
            }
        case .disconnectRequested:
            if case .connected = state { send(.disconnect) }
            if state != .disconnected { end(.disconnected, close: true) }
        case .timerFired(let timer):
            timerFired(timer)
        }
        if sentPacket, case .connected = state, options.keepAlive > 0 {
            actions.append(.startTimer(.keepAlive, .seconds(Int(options.keepAlive))))
        }
        return actions
    }

    private mutating func send(_ packet: MQTTPacket) {
        actions.append(.send(packet))
        sentPacket = true
    }

    // MARK: - Inbound

    private mutating func received(_ packet: MQTTPacket) {
        switch (state, packet) {
        case (.disconnected, _):
            break   // left over from a connection that is gone
        case (.connecting, .connack(let connack)):
            guard connack.returnCode == .accepted else {
                end(.refused(connack.returnCode), close: true)
                return
            }
            actions.append(.cancelTimer(.connack))
            state = .connected(sessionPresent: connack.sessionPresent)
            actions.append(.connected(sessionPresent: connack.sessionPresent))
            for index in inFlight.indices {
                inFlight[index].publish.dup = true
                send(.publish(inFlight[index].publish))
            }
            if options.keepAlive > 0 && !sentPacket {
                actions.append(.startTimer(.keepAlive, .seconds(Int(options.keepAlive))))
            }
        case (.connecting, _):
            end(.protocolViolation("\(MQTTPacket.name(ofType: packet.type)) before CONNACK"), close: true)
        case (.connected, .puback(let packetID)):
            guard let index = inFlight.firstIndex(where: { $0.publish.packetID == packetID }) else { return }
            let entry = inFlight.remove(at: index)
            packetIDsInUse.remove(packetID)
            if let id = entry.requestID { actions.append(.completed(id: id, .published)) }
        case (.connected, .suback(let suback)):
            if let id = takePending(suback.packetID) { actions.append(.completed(id: id, .subscribed(suback.returnCodes))) }
        case (.connected, .unsuback(let packetID)):
            if let id = takePending(packetID) { actions.append(.completed(id: id, .unsubscribed)) }
        case (.connected, .publish(let publish)):
            if publish.qos == .atLeastOnce, let packetID = publish.packetID { send(.puback(packetID: packetID)) }
            actions.append(.deliver(MQTTMessage(topic: publish.topic, payload: publish.payload, qos: publish.qos, retain: publish.retain)))
        case (.connected, .pingresp):
            if pingOutstanding {
                pingOutstanding = false
                actions.append(.cancelTimer(.pingResponse))
            }
        case (.connected, _):
            end(.protocolViolation("unexpected \(MQTTPacket.name(ofType: packet.type)) from the broker"), close: true)
        }
    }

    private mutating func takePending(_ packetID: UInt16) -> UInt64? {
        guard let id = pendingRequests.removeValue(forKey: packetID) else { return nil }
        packetIDsInUse.remove(packetID)
        return id
    }

    // MARK: - Requests

    private mutating func publish(id: UInt64, _ message: MQTTMessage) {
        guard case .connected = state else { return actions.append(.failed(id: id, .notConnected)) }
        do {
            try MQTTTopic.validateName(message.topic)
        } catch {
            return actions.append(.failed(id: id, .invalidRequest(error)))
        }
        var publish = MQTTPublish(topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain)
        if message.qos == .atMostOnce {
            send(.publish(publish))
            actions.append(.completed(id: id, .published))
            return
        }
        guard let packetID = allocatePacketID() else { return actions.append(.failed(id: id, .packetIDsExhausted)) }
        publish.packetID = packetID
        inFlight.append(InFlight(requestID: id, publish: publish))
        send(.publish(publish))
    }

    /// Checks a SUBSCRIBE or UNSUBSCRIBE and allocates its packet identifier, or fails the request.
    private mutating func acknowledged(id: UInt64, _ packet: String, filters: [String]) -> UInt16? {
        guard case .connected = state else {
            actions.append(.failed(id: id, .notConnected))
            return nil
        }
        do throws(MQTTViolation) {
            if filters.isEmpty { throw .noEntries(packet: packet) }
            for filter in filters { try MQTTTopic.validateFilter(filter) }
        } catch {
            actions.append(.failed(id: id, .invalidRequest(error)))
            return nil
        }
        guard let packetID = allocatePacketID() else {
            actions.append(.failed(id: id, .packetIDsExhausted))
            return nil
        }
        pendingRequests[packetID] = id
        return packetID
    }

    /// The next free identifier after the last one given, wrapping from 65535 to 1.
    private mutating func allocatePacketID() -> UInt16? {
        guard packetIDsInUse.count < Int(UInt16.max) else { return nil }
        while packetIDsInUse.contains(nextPacketID) {
            nextPacketID = nextPacketID == .max ? 1 : nextPacketID + 1
        }
        let id = nextPacketID
        nextPacketID = id == .max ? 1 : id + 1
        packetIDsInUse.insert(id)
        return id
    }

    // MARK: - Time and endings

    private mutating func timerFired(_ timer: TimerID) {
        switch (timer, state) {
        case (.connack, .connecting):
            end(.connectTimedOut(options.connectTimeout), close: true)
        case (.keepAlive, .connected):
            guard !pingOutstanding else { return }
            pingOutstanding = true
            send(.pingreq)
            actions.append(.startTimer(.pingResponse, options.pingTimeout))
        case (.pingResponse, .connected) where pingOutstanding:
            end(.pingTimedOut(options.pingTimeout), close: true)
        default:
            break   // a timer of a state already left
        }
    }

    /// The connection is over: every waiting request learns why. Unacknowledged PUBLISHes stay
    /// for the next connection unless the session is clean.
    private mutating func end(_ error: MQTTError, close: Bool) {
        if state == .connecting { actions.append(.connectFailed(error)) }
        state = .disconnected
        pingOutstanding = false
        actions += [.cancelTimer(.connack), .cancelTimer(.keepAlive), .cancelTimer(.pingResponse)]
        for index in inFlight.indices {
            if let id = inFlight[index].requestID { actions.append(.failed(id: id, error)) }
            inFlight[index].requestID = nil
        }
        for (packetID, id) in pendingRequests.sorted(by: { $0.value < $1.value }) {
            actions.append(.failed(id: id, error))
            packetIDsInUse.remove(packetID)
        }
        pendingRequests = [:]
        if options.cleanSession {
            for entry in inFlight { if let packetID = entry.publish.packetID { packetIDsInUse.remove(packetID) } }
            inFlight = []
        }
        if close { actions.append(.closeConnection) }
    }
}

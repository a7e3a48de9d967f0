extension MQTTSession {
    public enum State: Sendable, Hashable {
        /// No connection, or one that is being opened by the driver.
        case disconnected
        /// CONNECT sent, waiting for CONNACK.
        case connecting
        case connected(sessionPresent: Bool)
    }

    /// Timers the driver runs and reports back as ``Event/timerFired(_:)``.
    public enum TimerID: Sendable, Hashable {
        /// CONNACK must arrive before it fires.
        case connack
        /// Restarted by every packet sent; when it fires the client is idle: PINGREQ.
        case keepAlive
        /// PINGRESP must arrive before it fires.
        case pingResponse
    }

    /// Past-tense facts the driver reports.
    public enum Event: Sendable, Hashable {
        /// The network connection is open: time for CONNECT.
        case connectionOpened
        case packetReceived(MQTTPacket)
        /// The connection ended or a send failed; the text says which.
        case connectionLost(String)
        /// The broker's bytes do not decode: the connection is given up (§4.8).
        case malformedInput(MQTTDecodingError)
        /// The application asked; `id` comes back in ``Action/completed(id:_:)`` or ``Action/failed(id:_:)``.
        case publishRequested(id: UInt64, MQTTMessage)
        case subscribeRequested(id: UInt64, [MQTTSubscription])
        case unsubscribeRequested(id: UInt64, [String])
        case disconnectRequested
        case timerFired(TimerID)
    }

    /// What became of a request.
    public enum Completion: Sendable, Hashable {
        /// QoS 0: handed to the connection; QoS 1: PUBACK received.
        case published
        /// SUBACK's return codes, one per subscription, in order.
        case subscribed([MQTTSubAck.ReturnCode])
        case unsubscribed
    }

    /// Imperatives for the driver, in order.
    public enum Action: Sendable, Hashable {
        case send(MQTTPacket)
        case startTimer(TimerID, Duration)
        case cancelTimer(TimerID)
        /// CONNACK accepted.
        case connected(sessionPresent: Bool)
        /// The connection attempt failed (refused, timed out, lost).
        case connectFailed(MQTTError)
        case completed(id: UInt64, Completion)
        case failed(id: UInt64, MQTTError)
        /// An inbound application message for the subscribers.
        case deliver(MQTTMessage)
        /// Close the network connection (after sending what came before).
        case closeConnection
    }

    /// A QoS 1 PUBLISH waiting for its PUBACK. `requestID` is `nil` once its requester was told
    /// of a lost connection: it is still sent again after a reconnect (clean session off).
    struct InFlight: Sendable, Hashable {
        var requestID: UInt64?
        var publish: MQTTPublish
    }
}

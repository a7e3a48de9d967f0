/// What a fleet modem says over its socket once the socket is open: an application protocol
/// (MQTT, HTTP, a line protocol) as a pure value, bytes in and bytes out, no clock.
///
/// The modem's host asks for ``nextOutgoing()`` and sends each chunk with the dialect's send
/// command; what the dialect's receive command reads goes to ``received(_:)``. The same value can
/// run over a host socket without a modem (the fleet's baseline), so both do identical work.
///
///     var talk = FleetMQTTConversation(index: 7, topic: "fleet", readings: 2, timestamp: 0)
///     talk.nextOutgoing()            // CONNECT "fleet-7"        → AT+QISEND=0,21 "> " …  SEND OK
///     talk.nextOutgoing()            // nil: waits for CONNACK
///     talk.received([0x20, 0x02, 0x00, 0x00])   // +QIURC: "recv",0  AT+QIRD=0,1500  +QIRD: 4 …
///     talk.nextOutgoing()            // PUBLISH "fleet/7" id 1 …
public protocol FleetConversation: Sendable {
    /// The next bytes to send (one packet), or `nil` while the peer has to answer first.
    mutating func nextOutgoing() -> [UInt8]?
    /// Bytes from the peer, in order, cut anywhere.
    mutating func received(_ bytes: ArraySlice<UInt8>)
    /// Whether it is still going, has finished (the socket may close), or failed and why.
    var outcome: FleetConversationOutcome { get }
}

/// Where a ``FleetConversation`` stands.
public enum FleetConversationOutcome: Sendable, Equatable {
    case running
    /// Everything was sent and answered.
    case done
    case failed(String)
}

/// What the host side must do with a real socket on the modem's behalf. Hosts are already
/// resolved to a loopback address; the host side refuses anything else.
///
///     AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,1  → .open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000)
///
/// `id` names the real socket for the host side; the modem never reuses one, so events for a
/// socket it has forgotten are ignored.
public enum SocketRequest: Sendable, Equatable {
    /// Connect (TCP) or bind on loopback (UDP). A UDP socket with `port` 0 has no fixed peer
    /// and sends only with ``sendTo(id:bytes:host:port:)``; otherwise `.send` goes to the peer.
    case open(id: Int, kind: SocketKind, host: String, port: Int)
    case send(id: Int, bytes: [UInt8])
    /// A UDP datagram to a given address (`+USOST`, `+QISEND` on a UDP service socket).
    case sendTo(id: Int, bytes: [UInt8], host: String, port: Int)
    case close(id: Int)
}

public enum SocketKind: String, Sendable, Equatable, Codable {
    case tcp
    case udp
}

/// What happened to a real socket.
public enum SocketEvent: Sendable, Equatable {
    case opened(id: Int)
    case failed(id: Int, reason: String)
    case received(id: Int, bytes: [UInt8], host: String, port: Int)
    /// The remote end closed (TCP FIN or reset).
    case closed(id: Int)
}

/// Something that happens in the modem's world, injected by a scenario, a test or
/// `modemkit sim ctl`.
///
///     modem.inject(.incomingSMS(from: "+447700900123", text: "reboot"), at: now)
///     modem.inject(.signal(rssi: 5), at: now)
public enum NetworkEvent: Sendable, Codable, Equatable {
    /// An SMS arrives (split into parts when long). `parts` lists which parts to deliver and in
    /// what order (1-based), to simulate out-of-order and missing parts; `nil` delivers all.
    case incomingSMS(from: String, text: String, parts: [Int]? = nil)
    /// A class-0 (flash) SMS.
    case flashSMS(from: String, text: String)
    /// A network-initiated USSD message.
    case ussd(text: String)
    /// The signal changes to this `+CSQ` rssi (0–31, 99 unknown) and stays.
    case signal(rssi: Int)
    /// Registration is lost (searching, then back after `recoverAfter` if given).
    case registrationLost(recoverAfter: Duration?)
    /// Registration changes to this outcome.
    case register(NetworkConfiguration.Outcome)
    /// The network deactivates a PDP context (`+CGEV: NW PDN DEACT`, vendor URCs).
    case pdpDeactivated(cid: Int)
    /// The remote end of a modem socket closes (by the dialect's socket number).
    case remoteClose(socket: Int)
    /// The modem resets by itself (watchdog, brown-out) and boots again.
    case reboot
    /// The modem's power key: wakes it from PSM or powers it on.
    case powerKey
}

import ATCodec

/// A TCP connection (or a UDP socket with a fixed peer) made by the modem, used like a socket: ``send(_:)`` returns once the modem
/// took the bytes, ``received`` yields what arrives, ``close()`` ends it.
///
///     let socket = try await sockets.connect(host: "127.0.0.1", port: 7000)
///     try await socket.send(Array("hello".utf8))
///     for await chunk in socket.received { ... }       // ends when either side closes
///     await socket.close()
public struct ModemSocket: Sendable {
    /// The modem's number for it (Quectel `connectID`, u-blox socket number, SIMCom link).
    public let id: Int
    /// Bytes as they arrive, in order; finishes when the connection closes.
    public let received: AsyncStream<[UInt8]>
    let service: any ModemSocketService

    /// Sends `bytes`, cut into chunks of the dialect's largest payload, one after another; a UDP
    /// socket sends them as one datagram, refused when over the dialect's largest payload.
    public func send(_ bytes: [UInt8]) async throws(ModemSocketError) {
        try await service.send(bytes, on: id)
    }

    /// Closes the connection (`AT+QICLOSE`, `AT+USOCL`, `AT+CIPCLOSE`); ``received`` finishes.
    public func close() async {
        await service.close(id)
    }
}

/// What a ``ModemSocket`` needs from the dialect's socket service.
protocol ModemSocketService: Actor {
    func send(_ bytes: [UInt8], on id: Int) async throws(ModemSocketError)
    func close(_ id: Int) async
}

/// Why a socket operation failed.
public enum ModemSocketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value the command cannot take (host, port, payload size); nothing was sent.
    case invalidArgument(ATArgumentError)
    /// The modem reported the open failed with this code (Quectel 5xx, u-blox `+USOER` BSD errno).
    case connectFailed(code: Int)
    /// The modem reported the open failed with a code of its own, and what the manual says it means
    /// (SIM7600 `+CIPOPEN: <link>,<err>`, `+NETOPEN: <err>`).
    case openFailed(code: Int, meaning: String)
    /// The modem reported the open failed without a code; the result line as printed
    /// (SIM800 `0, CONNECT FAIL`, `0, ALREADY CONNECT`).
    case connectRejected(result: String)
    /// All the modem's connection numbers are in use.
    case noFreeSocket
    /// The dialect has no socket commands this library drives (`generic`), or not this kind.
    case unsupported(dialect: String)
    /// The socket is closed (by us, by the peer, or with its PDP context).
    case closed(id: Int)
    /// A command failed; the error carries the command and the modem's answer.
    case command(ATClientError)

    public var description: String {
        switch self {
        case .invalidArgument(let error): error.description
        case .connectFailed(let code): "connect failed: \(code) (\(Self.quectelMeaning[code] ?? Self.errnoMeaning[code] ?? "unknown error"))"
        case .openFailed(let code, let meaning): "connect failed: \(code) (\(meaning))"
        case .connectRejected(let result): "connect failed: \(result)"
        case .noFreeSocket: "no free socket"
        case .unsupported(let dialect): "sockets are not supported on the \(dialect) dialect"
        case .closed(let id): "socket \(id) is closed"
        case .command(let error): error.description
        }
    }

    /// A failure of `command`'s exchange (a client error, a refused argument, a bad answer) as
    /// a socket error.
    init(_ error: any Error, command: String) {
        switch error {
        case let error as ModemSocketError: self = error
        case let error as ATClientError: self = .command(error)
        case let error as ATArgumentError: self = .invalidArgument(error)
        case let error as ATParseError: self = .command(.parseFailed(error))
        default: self = .command(.parseFailed(ATParseError(command: command, line: nil, reason: "\(error)")))
        }
    }

    /// Quectel TCP/IP `<err>` codes (TCP/IP AT Commands Manual).
    static let quectelMeaning: [Int: String] = [
        550: "unknown error", 551: "operation blocked", 552: "invalid parameters", 553: "memory not enough",
        554: "create socket failed", 555: "operation not supported", 556: "socket bind failed",
        561: "open PDP context failed", 563: "socket identity has been used", 564: "DNS busy",
        565: "DNS parse failed", 566: "socket connect failed", 567: "socket has been closed",
        568: "operation busy", 569: "operation timeout", 570: "PDP context broken down", 572: "operation not allowed",
        573: "APN not configured", 574: "port busy",
    ]

    /// BSD errno numbers u-blox reports in `+USOER` (they never overlap the Quectel 5xx codes).
    static let errnoMeaning: [Int: String] = [
        11: "resource temporarily unavailable", 101: "network unreachable", 104: "connection reset by peer",
        32: "broken pipe", 107: "not connected", 110: "connection timed out", 111: "connection refused", 113: "no route to host",
    ]
}

/// How many received bytes a socket holds for a consumer that has not taken them before the
/// service stops reading from the modem.
let defaultReceiveLimit = 64 * 1024

/// The receive bookkeeping every dialect's socket keeps.
protocol DrainableSocket {
    /// Where the socket's received bytes wait for its consumer.
    var receiver: SocketReceiveBuffer { get }
    /// A read loop is running for it.
    var draining: Bool { get set }
    /// Data was announced while the loop ran: read again before stopping.
    var moreAnnounced: Bool { get set }
    /// The peer (or the network) closed it; sends are refused.
    var peerClosed: Bool { get set }
}

/// A socket service that reads a socket after the modem announces data (`+QIURC: "recv"`,
/// `+CIPRXGET: 1`, `+UUSORD`) until a read comes back empty.
protocol DrainingSocketService: ModemSocketService {
    associatedtype Socket: DrainableSocket
    /// The dialect's socket URC, parsed (`Quectel.QIURC`, `SIM800.SocketURC`...).
    associatedtype SocketURC: Sendable
    var client: ATClient { get }
    var sockets: [Int: Socket] { get set }
    var urcTask: Task<Void, Never>? { get set }
    /// The URC names the service listens to (`+QIURC`; `+CIPRXGET`, `CLOSED`, `+PDP`).
    static var urcNames: Set<String> { get }
    /// The parsed URC, or `nil` for a line of another shape.
    static func parseURC(_ line: String) -> SocketURC?
    /// Acts on one URC; URCs are handled one at a time, in order.
    func handle(_ event: SocketURC) async
    /// One read of what socket `id` holds (`AT+QIRD`, `AT+CIPRXGET=2`, `AT+USORD`); empty or
    /// `nil` when nothing more is there.
    func readAvailable(_ id: Int) async -> [UInt8]?
    /// Bytes a socket holds for its consumer before reads stop (backpressure).
    var receiveLimit: Int { get }
    /// The modem rebooted or lost its context: forget what was set up for the stack (u-blox
    /// hex mode, the SIM7600 network, the SIM800 bearer) so the next connect sets it up again.
    func stackLost()
}

extension DrainingSocketService {
    /// A buffer for a new socket `id` whose stalled reads restart when its consumer makes room.
    func makeReceiver(for id: Int) -> SocketReceiveBuffer {
        SocketReceiveBuffer(limit: receiveLimit) { [weak self] in
            Task { await self?.drain(id) }
        }
    }

    /// Starts the one task that feeds the dialect's URCs to ``handle(_:)``, once.
    func startListening() {
        guard urcTask == nil else { return }
        let urcs = client.urcs(named: Self.urcNames)
        urcTask = Task { [weak self] in
            for await urc in urcs {
                guard let event = Self.parseURC(urc.line) else { continue }
                await self?.handle(event)
            }
        }
    }

    /// The modem lost every connection (it rebooted, or its PDP context went down): every
    /// socket's stream ends and its sends are refused with ``ModemSocketError/closed(id:)``;
    /// each is closed on the modem too (best effort: after a reboot the modem answers `ERROR`),
    /// and what the service knew of the stack (hex mode, network or bearer up) is forgotten.
    public func connectionsLost() async {
        let ids = sockets.keys.sorted()
        for id in ids {
            sockets[id]?.peerClosed = true
            sockets[id]?.receiver.finish()
        }
        stackLost()
        for id in ids { await close(id) }   // frees the number on the modem (Quectel keeps it until QICLOSE)
    }

    /// The peer closed socket `id`: sends are refused from now on and what the modem still holds
    /// is read (whatever the receive limit). `false` when the socket is not ours.
    func peerClosed(_ id: Int) async -> Bool {
        guard sockets[id] != nil else { return false }
        sockets[id]?.peerClosed = true
        await drain(id, ignoringLimit: true)
        return true
    }

    /// Reads socket `id` until a read comes back empty, or until its consumer has more than
    /// ``receiveLimit`` bytes waiting (the modem keeps the rest; reading resumes when the
    /// consumer catches up). One loop per socket at a time; an announcement arriving meanwhile
    /// makes it read again.
    /// - Parameter ignoringLimit: read everything now (the link is closing: what the modem holds
    ///   would be lost).
    func drain(_ id: Int, ignoringLimit: Bool = false) async {
        guard sockets[id] != nil else { return }
        guard sockets[id]?.draining == false else {
            sockets[id]?.moreAnnounced = true
            return
        }
        sockets[id]?.draining = true
        while let socket = sockets[id] {
            guard ignoringLimit || socket.receiver.hasRoom() else { break }
            sockets[id]?.moreAnnounced = false
            guard let bytes = await readAvailable(id), !bytes.isEmpty else {
                if sockets[id]?.moreAnnounced == true { continue }
                break
            }
            sockets[id]?.receiver.yield(bytes)
        }
        sockets[id]?.draining = false
    }
}

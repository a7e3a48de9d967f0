import ATCodec
import ModemDialects

/// TCP and UDP client sockets over a SIMCom SIM7500/SIM7600 "NETOPEN" stack, with manual receive.
///
///     → AT+CIPRXGET=1                        ← OK              (once)
///     → AT+NETOPEN                           ← OK  ← +NETOPEN: 0   (once; "already opened" is fine)
///     → AT+CIPOPEN=0,"TCP","127.0.0.1",7000  ← OK  ← +CIPOPEN: 0,0
///     → AT+CIPOPEN=1,"UDP",,,50001           ← OK  ← +CIPOPEN: 1,0   (UDP: the peer is named per send)
///     → AT+CIPSEND=1,4,"127.0.0.1",7001  ← >  → ping   ← OK  ← +CIPSEND: 1,4,4
///     → AT+CIPSEND=0,5  ← >  → hello         ← OK  ← +CIPSEND: 0,5,5
///     ← +CIPRXGET: 1,0  → AT+CIPRXGET=2,0,1500  ← +CIPRXGET: 2,0,5,0 ⏎ hello ⏎ OK  (read until 0)
///     ← +IPCLOSE: 0,1                        (the peer closed; unread data is read first)
///     → AT+CIPCLOSE=0                        ← OK              (our close)
///
/// The client must classify with the SIM7600 dialect (``Modem`` does once it identified the modem).
public actor SIM7600SocketService: DrainingSocketService {
    struct Socket: DrainableSocket {
        let receiver: SocketReceiveBuffer
        var draining = false
        var moreAnnounced = false
        var peerClosed = false
        /// A UDP link's destination; `nil` for TCP.
        var datagramPeer: (host: String, port: Int)?
    }

    let client: ATClient
    var sockets: [Int: Socket] = [:]
    var networkOpen = false
    var urcTask: Task<Void, Never>?
    /// Bytes a socket holds for its consumer before reads stop (``ModemSocketProvider/setReceiveLimit(_:)``).
    public private(set) var receiveLimit = defaultReceiveLimit

    public init(client: ATClient) {
        self.client = client
    }

    /// `<err>` of `+NETOPEN`, `+CIPOPEN`, `+CIPCLOSE` (SIM7500/SIM7600 manual).
    static let meaning: [Int: String] = [
        1: "network failure", 2: "network not opened", 3: "wrong parameter", 4: "operation not supported",
        5: "failed to create socket", 6: "failed to bind socket", 7: "TCP server already listening", 8: "busy",
        9: "sockets opened", 10: "timeout", 11: "DNS parse failed", 255: "unknown error",
    ]

    static func failure(_ code: Int) -> ModemSocketError {
        .openFailed(code: code, meaning: meaning[code] ?? "unknown error")
    }

    /// Opens the network if needed, then a TCP link, waiting for `+CIPOPEN` (up to 120 s).
    /// Host and port are checked before anything is written.
    public func connect(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        do {
            try SIM7600.validate(host: host, port: port)
        } catch {
            throw .invalidArgument(error)
        }
        return try await open { link throws(ATArgumentError) in try SIM7600.CIPOPEN(link: link, host: host, port: port) }
    }

    /// Opens the network if needed, then a UDP link (bound to local port
    /// ``udpLocalPortBase`` + link) whose datagrams go to `host`:`port`: one datagram per
    /// ``ModemSocket/send(_:)``, at most ``SIM7600/maxSendLength`` bytes; ``ModemSocket/received``
    /// yields each datagram read with `AT+CIPRXGET=2`.
    public func connectUDP(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        do {
            try SIMCom.validate(host: host, port: port, command: "+CIPSEND")
        } catch {
            throw .invalidArgument(error)
        }
        return try await open(datagramsTo: (host, port)) { link throws(ATArgumentError) in
            try SIM7600.CIPOPEN(link: link, udpLocalPort: Self.udpLocalPortBase + link)
        }
    }

    /// A UDP link's local port is this plus its link number.
    public static let udpLocalPortBase = 50_000

    private func open(
        datagramsTo peer: (host: String, port: Int)? = nil,
        _ makeCommand: (Int) throws(ATArgumentError) -> SIM7600.CIPOPEN
    ) async throws(ModemSocketError) -> ModemSocket {
        guard let link = SIM7600.linkRange.first(where: { sockets[$0] == nil }) else { throw .noFreeSocket }
        let command: SIM7600.CIPOPEN
        do {
            command = try makeCommand(link)
        } catch {
            throw .invalidArgument(error)
        }
        let receiver = makeReceiver(for: link)
        sockets[link] = Socket(receiver: receiver, datagramPeer: peer)   // reserved while opening
        startListening()
        let code: Int
        do {
            try await openNetwork()
            let (_, urc) = try await client.send(command, thenAwait: "+CIPOPEN", matching: { urc in
                (try? SIM7600.CIPOPEN.result(urc.line))?.link == link
            }, timeout: .seconds(120))
            code = try SIM7600.CIPOPEN.result(urc.line).error
        } catch {
            sockets.removeValue(forKey: link)?.receiver.finish()
            throw ModemSocketError(error, command: "+CIPOPEN")
        }
        guard code == 0 else {
            sockets.removeValue(forKey: link)?.receiver.finish()   // a failed open leaves no link
            throw Self.failure(code)
        }
        return ModemSocket(id: link, received: receiver.stream, service: self)
    }

    private func openNetwork() async throws(ModemSocketError) {
        guard !networkOpen else { return }
        do {
            try await client.send(SIM7600.ManualReceive())
            let (_, urc) = try await client.send(SIM7600.NETOPEN(), thenAwait: "+NETOPEN", timeout: .seconds(30))
            let code = try SIM7600.NETOPEN.result(urc.line)
            guard code == 0 else { throw Self.failure(code) }
        } catch let error as ModemSocketError {
            throw error
        } catch let error as ATClientError {
            guard case .commandFailed(_, _, let response) = error, SIM7600.NETOPEN.alreadyOpen(response) else { throw .command(error) }
        } catch {
            throw .command(.parseFailed(error as? ATParseError ?? ATParseError(command: "+NETOPEN", line: nil, reason: "\(error)")))
        }
        networkOpen = true
    }

    func send(_ bytes: [UInt8], on id: Int) async throws(ModemSocketError) {
        if let peer = sockets[id]?.datagramPeer, bytes.count > SIM7600.maxSendLength {
            throw .invalidArgument(ATArgumentError(command: "+CIPSEND", parameter: "length", reason: "a datagram must be 1 to \(SIM7600.maxSendLength) bytes (to \(peer.host))"))
        }
        var offset = 0
        while offset < bytes.count {
            guard let socket = sockets[id], !socket.peerClosed else { throw .closed(id: id) }
            let end = min(offset + SIM7600.maxSendLength, bytes.count)
            let command: SIM7600.CIPSEND
            do {
                if let peer = socket.datagramPeer {
                    command = try SIM7600.CIPSEND(link: id, bytes: Array(bytes[offset..<end]), to: peer.host, port: peer.port)
                } else {
                    command = try SIM7600.CIPSEND(link: id, bytes: Array(bytes[offset..<end]))
                }
            } catch {
                throw .invalidArgument(error)
            }
            let result: (link: Int, requested: Int, confirmed: Int)
            do {
                let (_, urc) = try await client.send(command, thenAwait: "+CIPSEND", matching: { urc in
                    (try? SIM7600.CIPSEND.sendResult(urc.line))?.link == id
                }, timeout: .seconds(30))
                result = try SIM7600.CIPSEND.sendResult(urc.line)
            } catch let error as ATClientError {
                throw .command(error)
            } catch {
                throw .command(.parseFailed(error as? ATParseError ?? ATParseError(command: "+CIPSEND", line: nil, reason: "\(error)")))
            }
            guard result.confirmed == result.requested else {
                throw .command(.parseFailed(ATParseError(command: command.text, line: nil, reason: "the link accepted \(result.confirmed) of \(result.requested) bytes")))
            }
            offset = end
        }
    }

    func close(_ id: Int) async {
        guard sockets.removeValue(forKey: id)?.receiver.finish() != nil else { return }
        _ = try? await client.send(SIM7600.CIPCLOSE(link: id))
    }

    static let urcNames: Set<String> = ["+CIPRXGET", "+IPCLOSE", "+CIPEVENT"]

    static func parseURC(_ line: String) -> SIM7600.SocketURC? {
        try? SIM7600.SocketURC.parse(line)
    }

    func handle(_ event: SIM7600.SocketURC) async {
        switch event {
        case .dataWaiting(let link):
            await drain(link)
        case .closed(let link, _):
            guard await peerClosed(link) else { return }   // unread data is read first
            sockets.removeValue(forKey: link)?.receiver.finish()
        case .networkClosed:
            networkOpen = false
            for link in sockets.keys.sorted() { sockets.removeValue(forKey: link)?.receiver.finish() }
        }
    }

    /// `AT+CIPRXGET=2`: what the modem buffered for the link.
    func readAvailable(_ link: Int) async -> [UInt8]? {
        try? await client.send(SIM7600.CIPRXGET(link: link))
    }

    public func setReceiveLimit(_ bytes: Int) {
        receiveLimit = max(1, bytes)
    }

    func stackLost() {
        networkOpen = false
    }
}

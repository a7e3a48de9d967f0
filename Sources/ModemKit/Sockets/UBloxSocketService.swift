import ATCodec
import ModemDialects

/// TCP client sockets over a u-blox SARA-R4/R5 "USO" stack: binary writes after the `@`
/// prompt, hex reads (`AT+UDCONF=1,1`, set once before the first socket).
///
///     → AT+UDCONF=1,1                          ← OK
///     → AT+USOCR=6                             ← +USOCR: 0  OK
///     → AT+UDNSRN=0,"echo.example"             ← +UDNSRN: "127.0.0.1"  OK   (only for a name)
///     → AT+USOCO=0,"127.0.0.1",7000            ← OK         (ERROR: the reason from AT+USOER)
///     → AT+USOWR=0,5  ← @  → hello             ← +USOWR: 0,5  OK
///     ← +UUSORD: 0,5  → AT+USORD=0,512         ← +USORD: 0,5,"68656C6C6F"  OK   (read until 0 bytes)
///     ← +UUSOCL: 0                             (the peer closed and its data was read)
///     → AT+USOCL=0                             ← OK         (our close)
///
/// The client must classify with the u-blox dialect (``Modem`` does once it identified the
/// modem) so `+UUSORD` and `+UUSOCL` reach the service as URCs.
public actor UBloxSocketService: DrainingSocketService {
    struct Socket: DrainableSocket {
        let receiver: SocketReceiveBuffer
        var draining = false
        var moreAnnounced = false
        var peerClosed = false
        /// A UDP socket's destination; `nil` for TCP.
        var datagramPeer: (host: String, port: Int)?
    }

    let client: ATClient
    var sockets: [Int: Socket] = [:]
    var hexModeSet = false
    var urcTask: Task<Void, Never>?
    /// Bytes a socket holds for its consumer before reads stop (``ModemSocketProvider/setReceiveLimit(_:)``).
    public private(set) var receiveLimit = defaultReceiveLimit

    public init(client: ATClient) {
        self.client = client
    }

    /// Creates a TCP socket and connects it (the modem's `AT+USOCO` blocks until it knows).
    /// Host and port are checked before anything is written.
    public func connect(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        do {
            try UBlox.validate(host: host, port: port, command: "+USOCO")
        } catch {
            throw .invalidArgument(error)
        }
        guard sockets.count < UBlox.socketRange.count else { throw .noFreeSocket }
        startListening()
        let id: Int
        do {
            try await setHexMode()
            id = try await client.send(UBlox.USOCR(.tcp))
        } catch {
            throw .command(error)
        }
        let receiver = makeReceiver(for: id)
        sockets[id] = Socket(receiver: receiver)
        do {
            let address = try await resolve(host)
            try await client.send(try UBlox.USOCO(socket: id, host: address, port: port))
        } catch let error as ATClientError {
            guard case .commandFailed = error else {
                await release(id)
                throw .command(error)
            }
            let code = try? await client.send(UBlox.USOER())
            await release(id)
            guard let code, code != 0 else { throw .command(error) }
            throw .connectFailed(code: code)
        } catch {
            await release(id)
            throw .invalidArgument(error as? ATArgumentError ?? ATArgumentError(command: "+USOCO", parameter: "socket", reason: "\(error)"))
        }
        return ModemSocket(id: id, received: receiver.stream, service: self)
    }

    /// Creates a UDP socket whose datagrams go to `host`:`port` (`AT+USOST`, one datagram per
    /// ``ModemSocket/send(_:)``, at most ``UBlox/maxSendLength`` bytes); ``ModemSocket/received``
    /// yields each datagram read with `AT+USORF`, whoever sent it.
    public func connectUDP(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        do {
            try UBlox.validate(host: host, port: port, command: "+USOST")
        } catch {
            throw .invalidArgument(error)
        }
        guard sockets.count < UBlox.socketRange.count else { throw .noFreeSocket }
        startListening()
        let id: Int
        do {
            try await setHexMode()
            id = try await client.send(UBlox.USOCR(.udp))
        } catch {
            throw .command(error)
        }
        let address: String
        do {
            address = try await resolve(host)
        } catch {
            _ = try? await client.send(UBlox.USOCL(socket: id))
            throw ModemSocketError(error, command: "+UDNSRN")
        }
        let receiver = makeReceiver(for: id)
        sockets[id] = Socket(receiver: receiver, datagramPeer: (address, port))
        return ModemSocket(id: id, received: receiver.stream, service: self)
    }

    /// `host` as an address: itself when it is one, else what `AT+UDNSRN` answers (`AT+USOCO`
    /// and `AT+USOST` take only addresses).
    private func resolve(_ host: String) async throws -> String {
        if IPAddress(host) != nil { return host }
        return try await client.send(try UBlox.UDNSRN(host: host)).description
    }

    private func setHexMode() async throws(ATClientError) {
        guard !hexModeSet else { return }
        try await client.send(UBlox.HexMode(true))
        hexModeSet = true
    }

    func send(_ bytes: [UInt8], on id: Int) async throws(ModemSocketError) {
        if let peer = sockets[id]?.datagramPeer {
            return try await sendDatagram(bytes, on: id, to: peer)
        }
        var offset = 0
        while offset < bytes.count {
            guard let socket = sockets[id], !socket.peerClosed else { throw .closed(id: id) }
            let end = min(offset + UBlox.maxSendLength, bytes.count)
            let taken: Int
            do {
                taken = try await client.send(try UBlox.USOWR(socket: id, bytes: Array(bytes[offset..<end])))
            } catch let error as ATClientError {
                throw .command(error)
            } catch {
                throw .invalidArgument(error as? ATArgumentError ?? ATArgumentError(command: "+USOWR", parameter: "data", reason: "\(error)"))
            }
            guard taken > 0 else {
                throw .command(.parseFailed(ATParseError(command: "AT+USOWR=\(id),\(end - offset)", line: nil, reason: "the modem took 0 bytes")))
            }
            offset += min(taken, end - offset)
        }
    }

    private func sendDatagram(_ bytes: [UInt8], on id: Int, to peer: (host: String, port: Int)) async throws(ModemSocketError) {
        let command: UBlox.USOST
        do {
            command = try UBlox.USOST(socket: id, host: peer.host, port: peer.port, bytes: bytes)
        } catch {
            throw .invalidArgument(error)
        }
        let taken: Int
        do {
            taken = try await client.send(command)
        } catch {
            throw .command(error)
        }
        guard taken == bytes.count else {
            throw .command(.parseFailed(ATParseError(command: command.text, line: nil, reason: "the modem took \(taken) of \(bytes.count) bytes")))
        }
    }

    func close(_ id: Int) async {
        guard sockets[id] != nil else { return }
        await release(id)
    }

    /// Finishes the stream and closes the socket on the modem.
    private func release(_ id: Int) async {
        sockets.removeValue(forKey: id)?.receiver.finish()
        _ = try? await client.send(UBlox.USOCL(socket: id))
    }

    static let urcNames: Set<String> = ["+UUSORD", "+UUSORF", "+UUSOCL"]

    static func parseURC(_ line: String) -> UBlox.SocketURC? {
        try? UBlox.SocketURC.parse(line)
    }

    func handle(_ event: UBlox.SocketURC) async {
        switch event {
        case .dataAvailable(let id, _), .datagramAvailable(let id, _):
            await drain(id)
        case .closed(let id):
            // The modem already freed the socket (it reports this only once the data was read).
            guard sockets[id] != nil else { return }
            sockets[id]?.peerClosed = true
            sockets.removeValue(forKey: id)?.receiver.finish()
        case .connectResult:
            break
        }
    }

    /// `AT+USORD` for TCP, `AT+USORF` for UDP (one datagram a read).
    func readAvailable(_ id: Int) async -> [UInt8]? {
        if sockets[id]?.datagramPeer != nil {
            return try? await client.send(UBlox.USORF(socket: id))?.bytes
        }
        return try? await client.send(UBlox.USORD(socket: id))
    }

    public func setReceiveLimit(_ bytes: Int) {
        receiveLimit = max(1, bytes)
    }

    func stackLost() {
        hexModeSet = false
    }
}

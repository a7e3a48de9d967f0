import ATCodec
import ModemDialects

/// TCP and UDP client sockets over a Quectel modem's "QI" stack, in buffer access mode.
///
///     → AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0   ← OK  ← +QIOPEN: 0,0
///     → AT+QIOPEN=1,1,"UDP","127.0.0.1",7001,0,0   ← OK  ← +QIOPEN: 1,0   (one datagram per QISEND / QIRD)
///     → AT+QISEND=0,5  ← >  → hello  ← SEND OK
///     ← +QIURC: "recv",0   → AT+QIRD=0,1500  ← +QIRD: 5 ⏎ hello ⏎ OK   (read until +QIRD: 0)
///     ← +QIURC: "closed",0 → AT+QICLOSE=0,10 ← OK
///
/// The client must classify with the Quectel dialect (``Modem`` does once it identified the
/// modem) so `+QIURC` reaches the service as a URC.
public actor QuectelSocketService: DrainingSocketService {
    struct Socket: DrainableSocket {
        let receiver: SocketReceiveBuffer
        var draining = false
        var moreAnnounced = false
        var peerClosed = false
        /// A UDP socket: each send is one datagram.
        var datagram = false
    }

    let client: ATClient
    let contextID: Int
    var sockets: [Int: Socket] = [:]
    var urcTask: Task<Void, Never>?
    /// Bytes a socket holds for its consumer before reads stop (``ModemSocketProvider/setReceiveLimit(_:)``).
    public private(set) var receiveLimit = defaultReceiveLimit

    /// - Parameter contextID: the PDP context the sockets use (the one ``Modem`` activated).
    public init(client: ATClient, contextID: Int = 1) {
        self.client = client
        self.contextID = contextID
    }

    /// Opens a TCP connection and waits for the modem's deferred result (up to 150 s).
    public func connect(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        try await open(.tcp, host: host, port: port)
    }

    /// Opens a UDP socket whose datagrams go to `host`:`port` (`"UDP"` service: one datagram per
    /// ``ModemSocket/send(_:)``, at most ``Quectel/maxSendLength`` bytes); ``ModemSocket/received``
    /// yields each datagram read with `AT+QIRD`.
    public func connectUDP(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        try await open(.udp, host: host, port: port)
    }

    private func open(_ service: Quectel.QIOPEN.Service, host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        startListening()
        guard let id = (0...11).first(where: { sockets[$0] == nil }) else { throw .noFreeSocket }
        let command: Quectel.QIOPEN
        do {
            command = try Quectel.QIOPEN(contextID: contextID, connectID: id, service: service, host: host, port: port)
        } catch {
            throw .invalidArgument(error)
        }
        let receiver = makeReceiver(for: id)
        sockets[id] = Socket(receiver: receiver, datagram: service == .udp)   // reserved while opening
        let result: (connectID: Int, error: Int)
        do {
            let (_, urc) = try await client.send(command, thenAwait: "+QIOPEN", matching: { urc in
                (try? Quectel.QIOPEN.result(urc.line))?.connectID == id
            }, timeout: .seconds(150))
            result = try Quectel.QIOPEN.result(urc.line)
        } catch let error as ATClientError {
            await release(id)
            throw .command(error)
        } catch {
            await release(id)
            throw .command(.parseFailed(error as? ATParseError ?? ATParseError(command: "+QIOPEN", line: nil, reason: "\(error)")))
        }
        guard result.error == 0 else {
            await release(id)                               // the connectID stays taken until QICLOSE
            throw .connectFailed(code: result.error)
        }
        return ModemSocket(id: id, received: receiver.stream, service: self)
    }

    func send(_ bytes: [UInt8], on id: Int) async throws(ModemSocketError) {
        if sockets[id]?.datagram == true, bytes.count > Quectel.maxSendLength {
            throw .invalidArgument(ATArgumentError(command: "+QISEND", parameter: "send_length", reason: "a datagram must be 1 to \(Quectel.maxSendLength) bytes"))
        }
        var offset = 0
        while offset < bytes.count {
            guard let socket = sockets[id], !socket.peerClosed else { throw .closed(id: id) }
            let end = min(offset + Quectel.maxSendLength, bytes.count)
            do {
                try await client.send(try Quectel.QISEND(connectID: id, bytes: Array(bytes[offset..<end])))
            } catch let error as ATClientError {
                throw .command(error)
            } catch {
                throw .invalidArgument(error as? ATArgumentError ?? ATArgumentError(command: "+QISEND", parameter: "data", reason: "\(error)"))
            }
            offset = end
        }
    }

    func close(_ id: Int) async {
        guard sockets[id] != nil else { return }
        await release(id)
    }

    /// Finishes the stream and frees the connectID on the modem.
    private func release(_ id: Int) async {
        sockets.removeValue(forKey: id)?.receiver.finish()
        _ = try? await client.send(Quectel.QICLOSE(connectID: id))
    }

    static let urcNames: Set<String> = ["+QIURC"]

    static func parseURC(_ line: String) -> Quectel.QIURC? {
        try? Quectel.QIURC.parse(line)
    }

    func handle(_ event: Quectel.QIURC) async {
        switch event {
        case .received(let id):
            await drain(id)
        case .closed(let id):
            guard await peerClosed(id) else { return }   // unread data is read first
            await release(id)
        case .pdpDeactivated(let context) where context == contextID:
            for id in sockets.keys.sorted() { await release(id) }
        case .pdpDeactivated, .other:
            break
        }
    }

    /// `AT+QIRD`: what the modem buffered for the socket (one datagram on a UDP socket).
    func readAvailable(_ id: Int) async -> [UInt8]? {
        try? await client.send(Quectel.QIRD(connectID: id))
    }

    public func setReceiveLimit(_ bytes: Int) {
        receiveLimit = max(1, bytes)
    }

    func stackLost() {}   // the context is the Modem's; nothing set up here
}

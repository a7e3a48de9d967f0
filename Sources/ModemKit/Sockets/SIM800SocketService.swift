import ATCodec
import ModemCore
import ModemDialects

/// TCP and UDP client sockets over a SIMCom SIM800/SIM900 "CIP" stack, in multi-link mode with
/// manual receive. The stack's own bearer comes up before the first socket:
///
///     → AT+CIPMUX=1                          ← OK       (IP INITIAL only; else CIPSHUT and again)
///     → AT+CIPRXGET=1                        ← OK
///     → AT+CSTT="internet","",""             ← OK
///     → AT+CIICR                             ← OK       (up to 85 s)
///     → AT+CIFSR                             ← 10.64.3.7   (the address is the whole answer)
///     → AT+CIPSTART=0,"TCP","127.0.0.1","7000"   ← OK  ← 0, CONNECT OK   (or CONNECT FAIL)
///     → AT+CIPSEND=0,5  ← >  → hello         ← 0, SEND OK
///     ← +CIPRXGET: 1,0  → AT+CIPRXGET=2,0,1460   ← +CIPRXGET: 2,0,5,0 ⏎ hello ⏎ OK  (read until 0)
///     ← 0, CLOSED                            (the peer closed; unread data is read first)
///     → AT+CIPCLOSE=0                        ← 0, CLOSE OK   (our close)
///     ← +PDP: DEACT                          (every link is gone; the next connect shuts and starts over)
///
/// The client must classify with the SIM800 dialect (``Modem`` does once it identified the
/// modem) so the `<n>, ...` results reach the service as URCs.
public actor SIM800SocketService: DrainingSocketService {
    struct Socket: DrainableSocket {
        let receiver: SocketReceiveBuffer
        var draining = false
        var moreAnnounced = false
        var peerClosed = false
        var datagram = false
    }

    enum Bearer: Equatable {
        case down
        case up(IPAddress)
        /// `+PDP: DEACT` arrived: `AT+CIPSHUT` must run before the stack comes up again.
        case lost
    }

    let client: ATClient
    let session: DataSessionSettings
    var sockets: [Int: Socket] = [:]
    var bearer = Bearer.down
    var bringingUp: Task<ModemSocketError?, Never>?
    var urcTask: Task<Void, Never>?
    /// Bytes a socket holds for its consumer before reads stop (``ModemSocketProvider/setReceiveLimit(_:)``).
    public private(set) var receiveLimit = defaultReceiveLimit

    /// - Parameter session: the APN and credentials for `AT+CSTT` (the stack runs its own bearer).
    public init(client: ATClient, session: DataSessionSettings = DataSessionSettings()) {
        self.client = client
        self.session = session
    }

    /// The stack's local address once its bearer is up (`AT+CIFSR`).
    public var localAddress: IPAddress? {
        if case .up(let address) = bearer { return address }
        return nil
    }

    /// Brings the stack's bearer up if needed, then opens a TCP link and waits for its deferred
    /// result. Host and port are checked before anything is written.
    public func connect(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        try await open(.tcp, host: host, port: port)
    }

    /// Opens a UDP link whose datagrams go to `host`:`port` (one datagram per
    /// ``ModemSocket/send(_:)``, at most ``SIM800/maxSendLength`` bytes); ``ModemSocket/received``
    /// yields each datagram read with `AT+CIPRXGET=2`.
    public func connectUDP(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        try await open(.udp, host: host, port: port)
    }

    /// `AT+CIPSHUT`: closes every link and takes the bearer down; ``ModemSocket/received``
    /// streams finish. The next connect brings the bearer up again.
    public func shutdown() async {
        finishAll()
        bearer = .down
        _ = try? await client.send(SIM800.CIPSHUT())
    }

    private func open(_ service: SIM800.CIPSTART.Service, host: String, port: Int) async throws(ModemSocketError) -> ModemSocket {
        do {
            try SIMCom.validate(host: host, port: port, command: "+CIPSTART")
        } catch {
            throw .invalidArgument(error)
        }
        guard let link = SIM800.linkRange.first(where: { sockets[$0] == nil }) else { throw .noFreeSocket }
        let command: SIM800.CIPSTART
        do {
            command = try SIM800.CIPSTART(link: link, service: service, host: host, port: port)
        } catch {
            throw .invalidArgument(error)
        }
        let receiver = makeReceiver(for: link)
        sockets[link] = Socket(receiver: receiver, datagram: service == .udp)   // reserved while opening
        startListening()
        let outcome: SIM800.CIPSTART.Outcome
        do {
            try await bringUp()
            let (_, urc) = try await client.send(command, thenAwaitAnyOf: SIM800.CIPSTART.resultNames, matching: { urc in
                (try? SIM800.CIPSTART.result(urc.line))?.link == link
            }, timeout: SIM800.CIPSTART.resultTimeout)
            outcome = try SIM800.CIPSTART.result(urc.line).outcome
        } catch {
            sockets.removeValue(forKey: link)?.receiver.finish()
            throw ModemSocketError(error, command: "+CIPSTART")
        }
        guard outcome == .connected else {
            sockets.removeValue(forKey: link)?.receiver.finish()   // a failed open leaves the link free
            throw .connectRejected(result: "\(link), \(outcome.rawValue)")
        }
        return ModemSocket(id: link, received: receiver.stream, service: self)
    }

    /// Runs the bring-up once, however many connects wait for it.
    private func bringUp() async throws(ModemSocketError) {
        if case .up = bearer { return }
        let task = bringingUp ?? Task { await self.runBringUp() }
        bringingUp = task
        let failure = await task.value
        bringingUp = nil
        if let failure { throw failure }
    }

    private func runBringUp() async -> ModemSocketError? {
        do {
            let apn = try SIM800.CSTT(apn: session.apn, user: session.credentials?.username ?? "", password: session.credentials?.password ?? "")
            if bearer == .lost { try await client.send(SIM800.CIPSHUT()) }
            if (try? await client.send(SIM800.CIPMUX(multiLink: true))) == nil {
                // Not in IP INITIAL (a previous session left the stack up): shut it and retry.
                try await client.send(SIM800.CIPSHUT())
                try await client.send(SIM800.CIPMUX(multiLink: true))
            }
            try await client.send(SIM800.ManualReceive())
            try await client.send(apn)
            try await client.send(SIM800.CIICR())
            bearer = .up(try await client.send(SIM800.CIFSR()))
            return nil
        } catch {
            return ModemSocketError(error, command: "+CIICR")
        }
    }

    func send(_ bytes: [UInt8], on id: Int) async throws(ModemSocketError) {
        guard let socket = sockets[id], !socket.peerClosed else { throw .closed(id: id) }
        if socket.datagram, bytes.count > SIM800.maxSendLength {
            throw .invalidArgument(ATArgumentError(command: "+CIPSEND", parameter: "length", reason: "a datagram must be 1 to \(SIM800.maxSendLength) bytes"))
        }
        var offset = 0
        while offset < bytes.count {
            guard let socket = sockets[id], !socket.peerClosed else { throw .closed(id: id) }
            let end = min(offset + SIM800.maxSendLength, bytes.count)
            do {
                try await client.send(try SIM800.CIPSEND(link: id, bytes: Array(bytes[offset..<end])))
            } catch {
                throw ModemSocketError(error, command: "+CIPSEND")
            }
            offset = end
        }
    }

    func close(_ id: Int) async {
        guard sockets.removeValue(forKey: id)?.receiver.finish() != nil else { return }
        _ = try? await client.send(SIM800.CIPCLOSE(link: id))
    }

    private func finishAll() {
        for link in sockets.keys.sorted() { sockets.removeValue(forKey: link)?.receiver.finish() }
    }

    static let urcNames: Set<String> = ["+CIPRXGET", "CLOSED", "+PDP"]

    static func parseURC(_ line: String) -> SIM800.SocketURC? {
        try? SIM800.SocketURC.parse(line)
    }

    func handle(_ event: SIM800.SocketURC) async {
        switch event {
        case .dataWaiting(let link):
            await drain(link)
        case .closed(let link):
            guard await peerClosed(link) else { return }   // unread data is read first
            sockets.removeValue(forKey: link)?.receiver.finish()
        case .bearerLost:
            bearer = .lost
            finishAll()
        case .connectResult:
            break
        }
    }

    /// `AT+CIPRXGET=2`: what the modem buffered for the link (one datagram on a UDP link).
    func readAvailable(_ link: Int) async -> [UInt8]? {
        try? await client.send(SIM800.read(link: link))
    }

    public func setReceiveLimit(_ bytes: Int) {
        receiveLimit = max(1, bytes)
    }

    func stackLost() {
        if case .up = bearer { bearer = .lost }   // CIPSHUT, then up again
    }
}

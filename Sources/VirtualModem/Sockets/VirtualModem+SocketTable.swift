import ATCodec

/// The socket table's moves shared by every dialect: resolving names, opening, sending,
/// closing and printing reads.
extension VirtualModem {
    // MARK: - Names and addresses

    /// What the modem's DNS answers for `host`: an address literal as it is, `localhost`, or
    /// a name from ``NetworkConfiguration/hosts``; `nil` when the name does not resolve.
    /// The address may lie outside loopback; connecting to it then fails as unreachable.
    func resolve(_ host: String) -> String? {
        if let address = IPAddress(host) { return address.description }
        if host.lowercased() == "localhost" { return "127.0.0.1" }
        if let mapped = configuration.network.hosts[host] ?? configuration.network.hosts[host.lowercased()],
           let address = IPAddress(mapped) {
            return address.description
        }
        return nil
    }

    // MARK: - Opening

    /// Adds a socket and, when it has a remote, starts connecting it. A name that does not
    /// resolve, an address outside loopback or a connect fault fail it later through the same
    /// path a real failure takes (``handleSocketEvent(_:)``).
    @discardableResult
    mutating func addSocket(
        number: Int, kind: SocketKind, host: String, port: Int, cid: Int = 1, push: Bool,
        connect: Bool = true
    ) -> Int {
        let id = sockets.nextBridgeID
        sockets.nextBridgeID += 1
        let socket = SocketState.Socket(
            number: number, bridgeID: id, kind: kind, host: host, port: port,
            localPort: randomInt(in: 49_152...65_000), cid: cid, phase: .created, push: push
        )
        sockets.sockets.append(socket)
        let index = sockets.sockets.count - 1
        if connect { connectSocket(index) } else if kind == .udp { bridgeUnconnectedUDP(index) }
        return index
    }

    /// Starts connecting socket `index` to its `host` and `port`.
    mutating func connectSocket(_ index: Int) {
        let socket = sockets.sockets[index]
        sockets.sockets[index].phase = .connecting
        let id = socket.bridgeID
        let failure: String?
        if let address = resolve(socket.host) {
            if !(IPAddress(address)?.isLoopback ?? false) {
                failure = Self.unreachableFailure
            } else if faultFailsConnect() {
                failure = Self.faultFailure
            } else {
                sockets.sockets[index].bridged = true
                request(.open(id: id, kind: socket.kind, host: address, port: socket.port))
                return
            }
        } else {
            failure = Self.dnsFailure
        }
        let delay = failure == Self.unreachableFailure ? Self.unreachableDelay : Self.quickFailureDelay
        schedule(after: delay, tag: .socket(id)) { $0.handleSocketEvent(.failed(id: id, reason: failure ?? "")) }
    }

    /// A UDP socket with no fixed peer: a real socket bound on loopback, peers named per send.
    mutating func bridgeUnconnectedUDP(_ index: Int) {
        sockets.sockets[index].bridged = true
        request(.open(id: sockets.sockets[index].bridgeID, kind: .udp, host: "127.0.0.1", port: 0))
    }

    // MARK: - Sending

    /// Hands a payload to socket `index`'s real socket; a UDP datagram to an address outside
    /// loopback is lost, as one to an unreachable host is.
    mutating func sendPayload(_ index: Int, _ bytes: [UInt8], to host: String? = nil, port: Int? = nil) {
        sockets.sockets[index].bytesSent += bytes.count
        let socket = sockets.sockets[index]
        guard socket.bridged else { return }
        if let host, let port {
            guard let address = resolve(host), IPAddress(address)?.isLoopback == true else { return }
            request(.sendTo(id: socket.bridgeID, bytes: bytes, host: address, port: port))
        } else {
            request(.send(id: socket.bridgeID, bytes: bytes))
        }
    }

    // MARK: - Closing

    /// Forgets socket `index`, closing its real socket and failing a command waiting on it.
    mutating func removeSocket(_ index: Int) {
        let socket = sockets.sockets[index]
        timers.cancel(.socket(socket.bridgeID))
        if socket.bridged { request(.close(id: socket.bridgeID)) }
        sockets.sockets.remove(at: index)
        resumeSuspended(socket.bridgeID, with: .failure("closed"))
    }

    /// Forgets, silently, every socket that `matches` (newest first).
    mutating func removeSockets(where matches: (SocketState.Socket) -> Bool) {
        while let index = sockets.sockets.lastIndex(where: matches) { removeSocket(index) }
    }

    /// Closes socket `index`'s real socket but keeps its entry (and unread data) for the host.
    mutating func markClosing(_ index: Int) {
        let socket = sockets.sockets[index]
        timers.cancel(.socket(socket.bridgeID))
        if socket.bridged { request(.close(id: socket.bridgeID)) }
        sockets.sockets[index].bridged = false
        sockets.sockets[index].phase = .closing
    }

    // MARK: - Output helpers

    /// Information text around raw bytes, framed as `ATV` says: `<cr><lf>` (verbose only),
    /// `header`, the payload, `closing`, `<cr><lf>`. `header` brings its own line end when the
    /// payload starts a new line (`"+QIRD: 5\r\n"`); `+USORD` keeps it on the line between
    /// quotes. The payload is counted, not line framed, so it may hold CR, LF or `OK`.
    mutating func writeInformation(_ header: String, payload: [UInt8], closing: String = "") {
        if settings.verbose {
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        }
        outBytes.append(contentsOf: header.utf8)
        outBytes.append(contentsOf: payload)
        outBytes.append(contentsOf: closing.utf8)
        outBytes.append(settings.s3)
        outBytes.append(settings.s4)
    }
}

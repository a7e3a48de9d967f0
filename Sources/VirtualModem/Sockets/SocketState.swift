/// The modem's sockets, as its dialect numbers them, and the real sockets behind them.
///
/// Each socket has the number the dialect prints (SIM800 link 0–5, Quectel connectID 0–11,
/// u-blox socket 0–6) and a bridge id that names the real socket in ``SocketRequest`` and
/// ``SocketEvent``. Bridge ids are never reused, so an event for a socket that is gone (closed,
/// reset) finds nothing and is dropped. Nothing is preallocated: a modem without sockets holds
/// a few dozen bytes here, and each receive buffer is bounded by ``receiveLimit``.
struct SocketState: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        /// Exists but is not connected (u-blox `+USOCR` before `+USOCO`, a UDP socket).
        case created
        case connecting
        case connected
        /// The peer or the network closed it; it stays until the host closes it (Quectel) or
        /// reads what is left (u-blox).
        case closing
    }

    /// A datagram's share of the receive buffer: its length and sender.
    struct Datagram: Sendable, Equatable {
        var length: Int
        var host: String
        var port: Int
    }

    struct Socket: Sendable, Equatable {
        var number: Int
        var bridgeID: Int
        var kind: SocketKind
        /// The remote as the host gave it (a name or an address) and the port; empty and 0 for
        /// a UDP socket that names its peer per send.
        var host: String
        var port: Int
        var localPort: Int
        /// The PDP context it runs on.
        var cid: Int
        var phase: Phase
        /// Whether received data is pushed as URCs (rather than announced and read).
        var push: Bool
        /// Whether a real socket was asked for and not yet closed.
        var bridged = false
        /// Received bytes not yet read; for UDP, split by ``datagrams``.
        var received: [UInt8] = []
        var datagrams: [Datagram] = []
        /// Whether "data waiting" was announced and not yet drained (Quectel, SIMCom).
        var announced = false
        var bytesSent = 0
        var bytesReceived = 0
        var bytesRead = 0
        var bytesDropped = 0
    }

    /// SIM800 CIP stack states (`STATE:` of `AT+CIPSTATUS`).
    enum CIPStack: String, Sendable, Equatable {
        case initial = "IP INITIAL"
        case start = "IP START"
        case gprsActive = "IP GPRSACT"
        case status = "IP STATUS"
        /// Single link, after its connection closed.
        case closed = "TCP CLOSED"
        case pdpDeactivated = "PDP DEACT"

        /// Whether the bearer is up (`AT+CIICR` done).
        var hasBearer: Bool { self == .gprsActive || acceptsSockets }
        /// Whether `AT+CIPSTART` may run (`AT+CIFSR` done, as real SIM800s insist).
        var acceptsSockets: Bool { self == .status || self == .closed }
    }

    var sockets: [Socket] = []
    var nextBridgeID = 1
    /// Last socket error (`+USOER`, `+QIGETERROR`).
    var lastError = 0

    // SIMCom.
    var multiplexed = false
    var manualReceive = false
    var quickSend = false
    var showHeader = false
    var stack = CIPStack.initial
    var stackAPN = "CMNET"
    var networkOpen = false
    // u-blox.
    var hexMode = false

    /// Sockets open or opening.
    var openCount: Int { sockets.count }

    func index(of number: Int) -> Int? {
        sockets.firstIndex { $0.number == number }
    }

    func index(bridgeID: Int) -> Int? {
        sockets.firstIndex { $0.bridgeID == bridgeID }
    }

    /// The lowest number in `range` that no socket uses.
    func freeNumber(in range: ClosedRange<Int>) -> Int? {
        range.first { index(of: $0) == nil }
    }

    /// Bytes waiting in socket `index`'s next read: the whole buffer (TCP) or the first
    /// datagram (UDP).
    func pending(_ index: Int) -> Int {
        let socket = sockets[index]
        if socket.kind == .udp, let first = socket.datagrams.first { return first.length }
        return socket.received.count
    }

    /// Takes up to `limit` bytes from socket `index`; a UDP read takes from one datagram only.
    mutating func take(_ index: Int, upTo limit: Int) -> (bytes: [UInt8], from: Datagram?) {
        var datagram: Datagram?
        var count = min(max(0, limit), sockets[index].received.count)
        if sockets[index].kind == .udp, let first = sockets[index].datagrams.first {
            datagram = first
            count = min(count, first.length)
            if count == first.length {
                sockets[index].datagrams.removeFirst()
            } else {
                sockets[index].datagrams[0].length -= count
            }
        }
        let bytes = Array(sockets[index].received.prefix(count))
        sockets[index].received.removeFirst(count)
        sockets[index].bytesRead += count
        return (bytes, datagram)
    }
}

/// Why a socket ended, for the dialect's URC.
enum SocketLoss: Sendable, Equatable {
    /// The peer closed it (TCP FIN/reset, or an injected remote close).
    case remote
    /// The radio or the PDP context went away.
    case network
}

extension VirtualModem {
    /// Sockets open, opening or waiting for the host to close them (for status and tests).
    public var openSockets: Int { sockets.openCount }

    /// The most received bytes a socket holds before more are dropped (and counted).
    static let receiveLimit = 8192
    /// How long a connect to an address outside loopback takes to fail, as an unreachable
    /// host does.
    static let unreachableDelay: Duration = .seconds(5)
    /// How long a failure the core decides itself (DNS, a fault) takes to show.
    static let quickFailureDelay: Duration = .milliseconds(200)
    /// `SocketEvent.failed` reasons the core gives itself.
    static let dnsFailure = "DNS lookup failed"
    static let unreachableFailure = "host unreachable"
    static let faultFailure = "connect failed (fault)"

    static func registerSockets(into table: inout [String: HandlerTable.Handler], dialect: VirtualModemProfile.Dialect) {
        switch dialect {
        case .simcomSIM800: registerSIM800Sockets(into: &table)
        case .simcomSIM7600: registerSIM7600Sockets(into: &table)
        case .quectel: registerQuectelSockets(into: &table)
        case .ublox: registerUBloxSockets(into: &table)
        case .generic: break
        }
    }

    /// Closes every socket (reset, radio off); `notify` prints the dialect's close URCs.
    /// Without `notify` it is a reset: the dialect's socket settings go back to defaults too.
    mutating func closeAllSockets(notify: Bool) {
        if notify {
            for number in sockets.sockets.map(\.number) {
                if let index = sockets.index(of: number) { socketLost(index, .network) }
            }
        }
        removeSockets { _ in true }
        if !notify { sockets = SocketState(nextBridgeID: sockets.nextBridgeID) }
    }

    /// A PDP context went down: the dialect's sockets on it close and its URC is printed.
    mutating func contextDeactivated(_ cid: Int, byNetwork: Bool) {
        switch profile.dialect {
        case .simcomSIM800: sim800ContextDeactivated(cid, byNetwork: byNetwork)
        case .simcomSIM7600: sim7600ContextDeactivated(cid, byNetwork: byNetwork)
        case .quectel: quectelContextDeactivated(cid, byNetwork: byNetwork)
        case .ublox: ubloxContextDeactivated(cid, byNetwork: byNetwork)
        case .generic: break
        }
    }

    /// The remote end of the dialect's socket `number` closed.
    mutating func remoteClosed(socket number: Int) {
        guard let index = sockets.index(of: number), sockets.sockets[index].phase != .closing else { return }
        socketLost(index, .remote)
    }

    // MARK: - Events from the real sockets

    mutating func handleSocketEvent(_ event: SocketEvent) {
        switch event {
        case .opened(let id):
            guard let index = sockets.index(bridgeID: id), sockets.sockets[index].phase == .connecting else { return }
            sockets.sockets[index].phase = .connected
            if case .suspended(_, id, _) = execution {
                resumeSuspended(id, with: .success)
            } else {
                socketConnected(index)
            }
        case .failed(let id, let reason):
            guard let index = sockets.index(bridgeID: id) else { return }
            switch sockets.sockets[index].phase {
            case .connecting:
                sockets.sockets[index].bridged = false
                if case .suspended(_, id, _) = execution {
                    resumeSuspended(id, with: .failure(reason))
                } else {
                    socketConnectFailed(index, reason: reason)
                }
            case .created, .connected:
                socketLost(index, .remote)
            case .closing:
                break
            }
        case .received(let id, let bytes, let host, let port):
            guard let index = sockets.index(bridgeID: id), sockets.sockets[index].phase != .closing, !bytes.isEmpty else { return }
            let room = Self.receiveLimit - sockets.sockets[index].received.count
            let kept = bytes.count <= room ? bytes : Array(bytes.prefix(max(0, room)))
            sockets.sockets[index].bytesDropped += bytes.count - kept.count
            guard !kept.isEmpty else { return }
            sockets.sockets[index].received += kept
            sockets.sockets[index].bytesReceived += kept.count
            if sockets.sockets[index].kind == .udp {
                sockets.sockets[index].datagrams.append(SocketState.Datagram(length: kept.count, host: host, port: port))
            }
            socketReceived(index)
        case .closed(let id):
            guard let index = sockets.index(bridgeID: id), sockets.sockets[index].phase != .closing else { return }
            sockets.sockets[index].bridged = false
            socketLost(index, .remote)
        }
    }

    // MARK: - Dialect dispatch

    /// Socket `index` connected (not for a command suspended on it).
    mutating func socketConnected(_ index: Int) {
        switch profile.dialect {
        case .simcomSIM800: sim800Connected(index)
        case .simcomSIM7600: sim7600Connected(index)
        case .quectel: quectelConnected(index)
        case .ublox: ubloxConnected(index)
        case .generic: removeSocket(index)
        }
    }

    mutating func socketConnectFailed(_ index: Int, reason: String) {
        switch profile.dialect {
        case .simcomSIM800: sim800ConnectFailed(index, reason: reason)
        case .simcomSIM7600: sim7600ConnectFailed(index, reason: reason)
        case .quectel: quectelConnectFailed(index, reason: reason)
        case .ublox: ubloxConnectFailed(index, reason: reason)
        case .generic: removeSocket(index)
        }
    }

    /// New bytes sit in socket `index`'s buffer: push them or announce them.
    mutating func socketReceived(_ index: Int) {
        switch profile.dialect {
        case .simcomSIM800, .simcomSIM7600: simcomReceived(index)
        case .quectel: quectelReceived(index)
        case .ublox: ubloxReceived(index)
        case .generic: break
        }
    }

    /// Socket `index` is gone (peer close, network loss): print the dialect's URC.
    mutating func socketLost(_ index: Int, _ loss: SocketLoss) {
        switch profile.dialect {
        case .simcomSIM800: sim800Lost(index, loss)
        case .simcomSIM7600: sim7600Lost(index, loss)
        case .quectel: quectelLost(index, loss)
        case .ublox: ubloxLost(index, loss)
        case .generic: removeSocket(index)
        }
    }
}

extension SocketState {
    /// Defaults with the bridge-id counter carried over (after a reset).
    init(nextBridgeID: Int) {
        self.init()
        self.nextBridgeID = nextBridgeID
    }
}

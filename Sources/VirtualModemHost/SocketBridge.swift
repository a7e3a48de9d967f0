import ATCodec
import NIOCore
import NIOPosix
import VirtualModem

/// Carries one virtual modem's sockets to real TCP and UDP sockets on loopback.
///
/// The runner hands it every ``VirtualModem/Action/socket(_:)`` the modem asks for and feeds
/// what comes back into ``VirtualModem/handle(_:at:)``:
///
///     AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0     (host → modem)
///       modem  → .socket(.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000))
///       bridge.perform(that)                  → connects; onEvent(.opened(id: 1))
///       modem.handle(.opened(id: 1), at: now) → "+QIOPEN: 0,0"
///     AT+QISEND=0,5 > hello                         → bridge writes "hello" to the server
///       the server answers "world"            → onEvent(.received(id: 1, bytes: "world", host: "127.0.0.1", port: 7000))
///       modem.handle(that, at: now)           → "+QIURC: \"recv\",0"
///
/// Only loopback addresses (`127.0.0.0/8`, `::1`) are ever connected to or sent to: an open
/// to anything else reports ``SocketEvent/failed(id:reason:)``, a datagram to anything else is
/// dropped. The modem refuses them first; this is the second wall.
///
/// Events are reported, in order, on the bridge's event loop; `onEvent` must not block. A
/// socket the modem closes (``SocketRequest/close(id:)``) reports nothing more. One bridge per
/// modem is cheap: it holds an event loop reference and a table of the sockets that are open,
/// so ten thousand modems share one `EventLoopGroup`. There is no flow control: bytes arrive as
/// fast as the peer sends them, and the modem keeps a bounded buffer per socket.
public final class SocketBridge: Sendable {
    private let loop: any EventLoop
    private let onEvent: @Sendable (SocketEvent) -> Void
    private let state: NIOLoopBoundBox<State>

    private struct State: Sendable {
        var sockets: [Int: Entry] = [:]
        var isShutDown = false
    }

    private enum Entry: Sendable {
        /// Writes that came before the socket was ready, in order.
        case opening(EventLoopFuture<any Channel>, pending: [SocketRequest])
        /// `peer` is a UDP socket's fixed destination, if it has one.
        case open(any Channel, peer: SocketAddress?)
    }

    /// - Parameters:
    ///   - group: where the sockets run; a fleet passes one group to all its bridges.
    ///   - onEvent: called on the bridge's event loop, in order, for each thing that happens.
    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onEvent: @escaping @Sendable (SocketEvent) -> Void
    ) {
        let loop = group.next()
        self.loop = loop
        self.onEvent = onEvent
        self.state = NIOLoopBoundBox.makeBoxSendingValue(State(), eventLoop: loop)
    }

    /// Carries out one request; returns at once. Requests run in the order they are made.
    public func perform(_ request: SocketRequest) {
        loop.execute { self.run(request) }
    }

    /// Closes every socket and stops reporting.
    public func shutdown() async {
        let state = self.state
        let loop = self.loop
        let closed = loop.flatSubmit { () -> EventLoopFuture<Void> in
            state.value.isShutDown = true
            let entries = state.value.sockets.values
            state.value.sockets.removeAll()
            let closes: [EventLoopFuture<Void>] = entries.map { entry in
                switch entry {
                case .opening(let connecting, _): connecting.flatMap { $0.close() }
                case .open(let channel, _): channel.close()
                }
            }
            return EventLoopFuture.andAllComplete(closes, on: loop)
        }
        try? await closed.get()
    }

    // MARK: - On the event loop

    private func run(_ request: SocketRequest) {
        guard !state.value.isShutDown else { return }
        switch request {
        case .open(let id, let kind, let host, let port):
            open(id: id, kind: kind, host: host, port: port)
        case .send(let id, _), .sendTo(let id, _, _, _):
            switch state.value.sockets[id] {
            case .opening(let connecting, var pending):
                pending.append(request)
                state.value.sockets[id] = .opening(connecting, pending: pending)
            case .open(let channel, let peer):
                write(request, on: channel, peer: peer)
            case nil:
                break
            }
        case .close(let id):
            switch state.value.sockets.removeValue(forKey: id) {
            case .open(let channel, _): channel.close(promise: nil)
            case .opening, nil: break  // an opening socket closes itself when it is ready
            }
        }
    }

    private func open(id: Int, kind: SocketKind, host: String, port: Int) {
        guard state.value.sockets[id] == nil else {
            report(.failed(id: id, reason: "socket \(id) is already open"))
            return
        }
        guard let address = Self.loopbackAddress(host, port: port, allowPortZero: kind == .udp) else {
            report(.failed(id: id, reason: "\(host) is not a loopback address"))
            return
        }
        let connecting: EventLoopFuture<any Channel>
        switch kind {
        case .tcp:
            connecting = ClientBootstrap(group: loop)
                .connectTimeout(.seconds(10))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamHandler(id: id, bridge: self, remote: address))
                    }
                }
                .connect(to: address)
        case .udp:
            let local = address.protocol == .inet6 ? "::1" : "127.0.0.1"
            connecting = DatagramBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(DatagramHandler(id: id, bridge: self))
                    }
                }
                .bind(host: local, port: 0)
        }
        state.value.sockets[id] = .opening(connecting, pending: [])
        let peer = kind == .udp && port > 0 ? address : nil
        connecting.whenComplete { result in self.opened(id: id, result, peer: peer, connecting: connecting) }
    }

    private func opened(id: Int, _ result: Result<any Channel, any Error>, peer: SocketAddress?, connecting: EventLoopFuture<any Channel>) {
        guard case .opening(let current, let pending) = state.value.sockets[id], current === connecting else {
            // Closed (or the bridge shut down) while opening.
            if case .success(let channel) = result { channel.close(promise: nil) }
            return
        }
        switch result {
        case .success(let channel):
            state.value.sockets[id] = .open(channel, peer: peer)
            report(.opened(id: id))
            for request in pending { write(request, on: channel, peer: peer) }
        case .failure(let error):
            state.value.sockets[id] = nil
            report(.failed(id: id, reason: String(describing: error)))
        }
    }

    private func write(_ request: SocketRequest, on channel: any Channel, peer: SocketAddress?) {
        switch request {
        case .send(_, let bytes):
            if let peer {
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: peer, data: ByteBuffer(bytes: bytes)), promise: nil)
            } else {
                channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
            }
        case .sendTo(_, let bytes, let host, let port):
            // A datagram outside loopback is lost, as one to an unreachable host is.
            guard let address = Self.loopbackAddress(host, port: port, allowPortZero: false) else { return }
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes)), promise: nil)
        case .open, .close:
            break
        }
    }

    /// A channel ended by itself (peer close, reset): reported unless the modem closed it.
    fileprivate func channelEnded(id: Int, channel: any Channel) {
        guard case .open(let current, _) = state.value.sockets[id], current === channel else { return }
        state.value.sockets[id] = nil
        report(.closed(id: id))
    }

    fileprivate func report(_ event: SocketEvent) {
        guard !state.value.isShutDown else { return }
        onEvent(event)
    }

    /// The address for `host` when it is a loopback address literal, else `nil`.
    static func loopbackAddress(_ host: String, port: Int, allowPortZero: Bool) -> SocketAddress? {
        guard let ip = IPAddress(host), ip.isLoopback, (allowPortZero ? 0 : 1)...65_535 ~= port else { return nil }
        return try? SocketAddress(ipAddress: ip.description, port: port)
    }
}

/// Reports a TCP socket's bytes and its end.
private final class StreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let id: Int
    let bridge: SocketBridge
    let host: String
    let port: Int

    init(id: Int, bridge: SocketBridge, remote: SocketAddress) {
        self.id = id
        self.bridge = bridge
        self.host = remote.ipAddress ?? ""
        self.port = remote.port ?? 0
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        bridge.report(.received(id: id, bytes: Array(buffer.readableBytesView), host: host, port: port))
    }

    func channelInactive(context: ChannelHandlerContext) {
        bridge.channelEnded(id: id, channel: context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Reports a UDP socket's datagrams with their senders.
private final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let id: Int
    let bridge: SocketBridge

    init(id: Int, bridge: SocketBridge) {
        self.id = id
        self.bridge = bridge
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let sender = envelope.remoteAddress
        bridge.report(.received(id: id, bytes: Array(envelope.data.readableBytesView), host: sender.ipAddress ?? "", port: sender.port ?? 0))
    }

    func channelInactive(context: ChannelHandlerContext) {
        bridge.channelEnded(id: id, channel: context.channel)
        context.fireChannelInactive()
    }

    /// ICMP errors for one datagram (port unreachable) do not end a UDP socket.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}

extension SocketBridge: SocketPerformer {}

extension SocketBridge {
    /// The factory runners and fleets take: `VirtualModemRunner(..., sockets: SocketBridge.loopback)`.
    public static let loopback: @Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer = { onEvent in
        SocketBridge(onEvent: onEvent)
    }
}

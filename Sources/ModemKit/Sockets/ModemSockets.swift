import ModemCore
import ModemDialects

/// What every dialect's socket service offers: TCP connections and UDP sockets with a fixed
/// peer, each a ``ModemSocket``. ``ModemSockets/service(for:client:session:)`` picks the one
/// for a dialect.
public protocol ModemSocketProvider: Actor {
    /// Opens a TCP connection to `host`:`port` through the modem.
    func connect(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket
    /// Opens a UDP socket whose datagrams go to `host`:`port`; one datagram per send.
    func connectUDP(host: String, port: Int) async throws(ModemSocketError) -> ModemSocket
    /// Backpressure: while a socket's consumer leaves more than `bytes` received bytes untaken,
    /// the service issues no more reads (the modem holds the rest); it reads again once the
    /// consumer has taken them down to half. Applies to sockets opened afterwards; 64 KiB by default.
    func setReceiveLimit(_ bytes: Int)
    /// The modem lost every connection (a reboot, the PDP context gone): every socket's
    /// ``ModemSocket/received`` ends and its sends fail with ``ModemSocketError/closed(id:)``.
    /// The service made by ``ModemSockets/service(for:session:)`` is told by the ``Modem``.
    func connectionsLost() async
}

extension QuectelSocketService: ModemSocketProvider {}
extension UBloxSocketService: ModemSocketProvider {}
extension SIM7600SocketService: ModemSocketProvider {}
extension SIM800SocketService: ModemSocketProvider {}

/// Picks the socket service by dialect.
///
///     let sockets = try ModemSockets.service(for: .quectel, client: client)
///     let socket = try await sockets.connect(host: "127.0.0.1", port: 7000)
///         // → AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0  ← OK  ← +QIOPEN: 0,0
///
/// | dialect          | service                  | stack                          |
/// |------------------|--------------------------|--------------------------------|
/// | `quectel`        | ``QuectelSocketService`` | `AT+QIOPEN` on `session.cid`   |
/// | `ublox`          | ``UBloxSocketService``   | `AT+USOCR`                     |
/// | `simcom-sim7600` | ``SIM7600SocketService`` | `AT+NETOPEN`, `AT+CIPOPEN`     |
/// | `simcom-sim800`  | ``SIM800SocketService``  | `AT+CSTT` with `session.apn`, `AT+CIPSTART` |
/// | `generic`        | none: ``ModemSocketError/unsupported(dialect:)`` |         |
///
/// A service made for a ``Modem`` follows its recoveries: when the modem reboots or loses its
/// PDP context, every open socket's stream ends and its sends fail (``ModemSocketProvider/connectionsLost()``).
public enum ModemSockets {
    /// The socket service for `dialect` over `client`.
    /// - Parameter session: the data session the modem uses: Quectel opens sockets on its
    ///   `cid`; the SIM800 brings its stack's bearer up with its APN and credentials.
    /// - Throws: ``ModemSocketError/unsupported(dialect:)`` for a dialect without sockets.
    public static func service(
        for dialect: ModemDialect, client: ATClient, session: DataSessionSettings = DataSessionSettings()
    ) throws(ModemSocketError) -> any ModemSocketProvider {
        switch dialect.name {
        case ModemDialect.quectel.name: QuectelSocketService(client: client, contextID: session.cid)
        case ModemDialect.ublox.name: UBloxSocketService(client: client)
        case ModemDialect.simcomSIM7600.name: SIM7600SocketService(client: client)
        case ModemDialect.simcomSIM800.name: SIM800SocketService(client: client, session: session)
        default: throw .unsupported(dialect: dialect.name)
        }
    }

    /// The socket service for the dialect `modem` identified, over its client.
    /// - Throws: ``ModemSocketError/unsupported(dialect:)`` before the dialect is known
    ///   (`"unknown"`) or when it has no sockets.
    public static func service(
        for modem: Modem, session: DataSessionSettings = DataSessionSettings()
    ) async throws(ModemSocketError) -> any ModemSocketProvider {
        guard let dialect = await modem.dialect else { throw .unsupported(dialect: "unknown") }
        let sockets = try service(for: dialect, client: modem.client, session: session)
        let status = modem.status()
        Task { [weak sockets] in
            for await event in status {
                guard case .stateChanged(.recovering(_, let reason)) = event, losesConnections(reason) else { continue }
                await sockets?.connectionsLost()
            }
        }
        return sockets
    }

    /// A recovery after which no socket the modem had is still open: it rebooted (or is being
    /// reset for silence), or its PDP context went down. Registration loss alone keeps them.
    static func losesConnections(_ reason: ModemLifecycleStateMachine.RecoveryReason) -> Bool {
        switch reason {
        case .rebooted, .unresponsive, .pdpDeactivated: true
        case .registrationLost, .registrationDenied, .registrationTimedOut, .commandFailed, .operatorRejected: false
        }
    }
}

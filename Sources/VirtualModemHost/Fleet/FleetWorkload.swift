import ATCodec
import VirtualModem

/// What each modem of a fleet is made to do by its built-in host: a list of steps, each a line
/// to type and what ends it. The default is the benchmark's: boot → register → attach → open a
/// TCP socket to a sink → send 100 bytes → close.
///
///     AT            (repeated until OK: the modem is booting)
///     ATE0 / AT+CMEE=1
///     AT+CEREG?     (repeated until registered)
///     AT+CGATT=1
///     AT+QIOPEN=1,0,"TCP","127.0.0.1",9000,0,1   → OK, then +QIOPEN: 0,0
///     AT+QISEND=0,100  → "> ", 100 bytes → SEND OK
///     AT+QICLOSE=0  → OK
public struct FleetWorkload: Sendable {
    /// One exchange.
    public struct Step: Sendable {
        public enum Until: Sendable {
            /// The final result `OK` (or the given vendor final).
            case final(String)
            /// An information line or URC starting with one of these, after the final result.
            case line([String])
            /// The `> ` prompt: the step's payload follows it.
            case prompt
            /// The workload's ``FleetWorkload/conversation`` has run to its end over socket 0
            /// with ``FleetWorkload/socket``'s commands.
            case conversation
        }

        public var line: String
        public var until: Until
        /// Written after a prompt.
        public var payload: [UInt8]
        /// Written again this often until the step succeeds (booting, registering); `nil`
        /// fails the modem's run instead.
        public var retryEvery: Duration?
        /// A final result that is not a success is retried (with ``retryEvery``) instead of failing.
        public var retryOnError: Bool
        /// An error ends the step as well as success does: closing a socket the peer may have
        /// closed first (the broker drops the connection after DISCONNECT; SIM800 and u-blox
        /// then forget the socket and answer `AT+CIPCLOSE=0` / `AT+USOCL=0` with an error).
        public var errorEnds: Bool

        public init(
            _ line: String, until: Until = .final("OK"), payload: [UInt8] = [], retryEvery: Duration? = nil,
            retryOnError: Bool = false, errorEnds: Bool = false
        ) {
            self.line = line
            self.until = until
            self.payload = payload
            self.retryEvery = retryEvery
            self.retryOnError = retryOnError
            self.errorEnds = errorEnds
        }
    }

    public var steps: [Step]
    /// The socket commands a `.conversation` step uses.
    public var socket: FleetSocketCommands?
    /// Makes modem `index`'s conversation when it reaches a `.conversation` step.
    public var conversation: (@Sendable (_ index: Int) -> any FleetConversation)?
    /// A step without retries that gets no answer for this long fails the modem.
    public var stepTimeout: Duration

    public init(
        steps: [Step], socket: FleetSocketCommands? = nil,
        conversation: (@Sendable (_ index: Int) -> any FleetConversation)? = nil, stepTimeout: Duration = .seconds(60)
    ) {
        self.steps = steps
        self.socket = socket
        self.conversation = conversation
        self.stepTimeout = stepTimeout
    }

    /// Boot, echo off, verbose errors, registration, attach: every workload starts so.
    static func bringUp(_ dialect: VirtualModemProfile.Dialect) -> [Step] {
        let registration = dialect == .simcomSIM800 ? ("AT+CREG?", "+CREG: 0,") : ("AT+CEREG?", "+CEREG: 0,")
        return [
            Step("AT", retryEvery: .milliseconds(200)),
            Step("ATE0"),
            Step("AT+CMEE=1"),
            Step(registration.0, until: .line([registration.1 + "1", registration.1 + "5"]), retryEvery: .milliseconds(100), retryOnError: true),
            Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
        ]
    }

    /// The benchmark workload for a profile's dialect, sending `payloadSize` bytes to `port` on
    /// 127.0.0.1; for a dialect without sockets it stops after checking the context is active.
    public static func connectAndSend(dialect: VirtualModemProfile.Dialect, port: Int, payloadSize: Int = 100) -> FleetWorkload {
        guard let socket = FleetSocketCommands.of(dialect) else {
            return FleetWorkload(steps: bringUp(dialect) + [Step("AT+CGACT?", until: .line(["+CGACT: 1,1"]))])
        }
        let payload = (0..<payloadSize).map { UInt8(0x41 + $0 % 26) }
        return FleetWorkload(steps: bringUp(dialect) + socket.open(port, false) + socket.send(payload) + socket.close)
    }

    /// Each modem opens socket 0 to `port` on 127.0.0.1 with receive by command, runs
    /// `conversation(index)` over it (``FleetMQTTConversation`` for telemetry) and closes;
    /// `nil` for a dialect without sockets.
    ///
    ///     AT, ATE0, AT+CMEE=1, AT+CEREG? …, AT+CGATT=1, AT+QIACT=1
    ///     AT+QIOPEN=1,0,"TCP","127.0.0.1",1883,0,0   → OK, +QIOPEN: 0,0
    ///     AT+QISEND=0,19 "> " CONNECT → SEND OK   +QIURC: "recv",0   AT+QIRD=0,1500 → CONNACK …
    ///     AT+QICLOSE=0
    public static func converse(
        dialect: VirtualModemProfile.Dialect, port: Int,
        conversation: @escaping @Sendable (_ index: Int) -> any FleetConversation
    ) -> FleetWorkload? {
        guard let socket = FleetSocketCommands.of(dialect) else { return nil }
        return FleetWorkload(
            steps: bringUp(dialect) + socket.open(port, true) + [Step("", until: .conversation)]
                + socket.close.map { step in
                    var close = step
                    close.errorEnds = true
                    return close
                },
            socket: socket, conversation: conversation
        )
    }
}

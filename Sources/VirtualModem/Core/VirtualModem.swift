/// A simulated cellular modem: a pure state machine that takes the bytes a host writes, the
/// passing of time and events from its (virtual) network, and answers with bytes to write back
/// and socket requests for a runner to carry out.
///
///     var modem = VirtualModem(configuration: .init(profile: .quectelBG96))
///     _ = modem.advance(to: .seconds(10))                 // boots: "RDY", "+CFUN: 1", ...
///     modem.receive(Array("AT+CSQ\r".utf8), at: .seconds(10))
///         // [.write("AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n")]
///
/// It reads no clock and does no I/O: the host side (`VirtualModemHost`) calls ``advance(to:)``
/// when ``nextDeadline`` comes and performs the ``Action``s, so the same modem runs on a pty,
/// a TCP port, an in-memory pair or ten thousand at once in a fleet, and every run with the
/// same seed and inputs is the same run.
public struct VirtualModem: Sendable {
    /// What the host side must do.
    public enum Action: Sendable, Equatable {
        /// Bytes to send to the terminal.
        case write([UInt8])
        /// A socket to open, feed or close on the real network (loopback only).
        case socket(SocketRequest)
    }

    public let configuration: VirtualModemConfiguration
    public var profile: VirtualModemProfile { configuration.profile }
    let handlers: HandlerTable

    /// The modem's time: the latest instant given to it.
    public internal(set) var now: Duration = .zero

    var settings = Settings()
    var power = PowerState.booting
    var sim: SIMState
    var network: NetworkState
    var packet = PacketState()
    var powerSaving = PowerSavingState()
    var sms: SMSState
    var sockets = SocketState()
    var faults: FaultState
    var random: SplitMix64
    var timers = TimerQueue()

    var assembler = CommandLineAssembler()
    var input = InputMode.command
    /// A data call after `ATD*99#` (see ``DataCallState``).
    var dataCall: DataCallState?
    var execution = Execution.idle
    var lastLine: [UInt8] = []
    /// Bytes typed while a command was still running; handled when it ends.
    var typeAhead: [UInt8] = []
    /// URCs held back while a command runs, so none lands inside a response.
    var heldURCs: [HeldURC] = []
    /// URCs that fell due while asleep in PSM; printed on waking.
    var sleepingURCs: [[String]] = []
    var outBytes: [UInt8] = []
    var actions: [Action] = []
    /// Counters for tests, benchmarks and `sim ctl status`.
    public internal(set) var statistics = Statistics()

    /// Counts of what happened.
    public struct Statistics: Sendable, Equatable {
        public var commands = 0
        public var commandLines = 0
        public var bytesIn = 0
        public var bytesOut = 0
        public var bytesIgnored = 0
        public var urcs = 0
        public var reboots = 0
    }

    /// Makes a modem that is powered on at time zero and boots as its profile says.
    /// - Parameter handlers: a prebuilt table for ``VirtualModemConfiguration/profile``; a fleet
    ///   passes one table to all its modems.
    public init(configuration: VirtualModemConfiguration = VirtualModemConfiguration(), handlers: HandlerTable? = nil) {
        self.configuration = configuration
        self.handlers = handlers ?? HandlerTable(profile: configuration.profile)
        self.sim = SIMState(configuration: configuration.sim)
        self.network = NetworkState(configuration: configuration.network)
        self.sms = SMSState(simCapacity: configuration.profile.smStorageCapacity, modemCapacity: configuration.profile.meStorageCapacity)
        self.faults = FaultState(random: SplitMix64(seed: configuration.seed ^ 0xFA01_7FA0_17FA_017F))
        self.random = SplitMix64(seed: configuration.seed)
        self.network.signal = NetworkState.initialSignal(configuration.network.signal)
        powerOn()
    }

    // MARK: - Entry points

    /// The instant at which the modem next wants ``advance(to:)`` to be called.
    public var nextDeadline: Duration? { timers.nextDeadline }

    /// Lets time pass up to `instant`, firing whatever falls due, in order.
    public mutating func advance(to instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        return takeActions()
    }

    /// Takes bytes the host wrote at `instant`.
    public mutating func receive(_ bytes: some Sequence<UInt8>, at instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        for byte in bytes { receiveByte(byte) }
        return takeActions()
    }

    /// Takes what happened to one of the modem's real sockets.
    public mutating func handle(_ event: SocketEvent, at instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        handleSocketEvent(event)
        return takeActions()
    }

    /// Takes an event from the modem's world: an incoming SMS, a signal change, a reboot.
    public mutating func inject(_ event: NetworkEvent, at instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        apply(event)
        return takeActions()
    }

    /// Replaces the fault settings (see ``FaultPlan``).
    public mutating func setFaults(_ plan: FaultPlan, at instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        faults.plan = plan
        return takeActions()
    }

    // MARK: - Internals shared by the extensions

    mutating func runTimers(upTo instant: Duration) {
        while let timer = timers.popDue(upTo: instant) {
            if timer.deadline > now { now = timer.deadline }
            timer.fire(&self)
        }
        if instant > now { now = instant }
    }

    mutating func takeActions() -> [Action] {
        flushBytes()
        let taken = actions
        actions.removeAll()
        return taken
    }

    mutating func flushBytes() {
        guard !outBytes.isEmpty else { return }
        statistics.bytesOut += outBytes.count
        actions.append(.write(outBytes))
        outBytes.removeAll(keepingCapacity: true)
    }

    /// Queues a socket request after any bytes written so far, keeping their order.
    mutating func request(_ request: SocketRequest) {
        flushBytes()
        actions.append(.socket(request))
    }

    /// Schedules `fire` at `deadline`, cancellable by `tag`.
    mutating func schedule(after delay: Duration, tag: TimerTag = .none, _ fire: @escaping @Sendable (inout VirtualModem) -> Void) {
        timers.insert(deadline: now + delay, tag: tag, fire)
    }

    /// A value from the modem's seeded generator.
    mutating func randomInt(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }
}

/// A URC waiting for the running command to end: its lines and any raw payload after them.
struct HeldURC: Sendable {
    var lines: [String]
    var payload: [UInt8]
}

/// A small seeded generator (SplitMix64): the same seed gives the same modem.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A summary of a modem's state, for `modemkit sim ctl status` and tests.
public struct VirtualModemStatus: Sendable, Codable, Equatable {
    public var profile: String
    /// `booting`, `on`, `asleep` or `off`.
    public var power: String
    /// `+CEREG`/`+CREG` `<stat>` (1 home, 5 roaming, 2 searching, 3 denied...).
    public var registration: Int
    public var rssi: Int
    public var attached: Bool
    public var activeContexts: [Int]
    public var openSockets: Int
    public var storedMessages: Int
    public var uptimeSeconds: Double
    public var commands: Int
    public var bytesIn: Int
    public var bytesOut: Int
    public var reboots: Int
    public var psmSleeps: Int
}

extension VirtualModem {
    /// What the modem is doing now.
    public var status: VirtualModemStatus {
        let registration = profile.supportsEPS ? network.status[NetworkState.Domain.eps.rawValue] : network.status[NetworkState.Domain.circuit.rawValue]
        let power: String = switch self.power {
        case .booting: "booting"
        case .on: "on"
        case .asleep: "asleep"
        case .off: "off"
        }
        return VirtualModemStatus(
            profile: profile.name, power: power, registration: registration, rssi: network.signal.rssi,
            attached: packet.attached, activeContexts: packet.contexts.filter(\.active).map(\.cid),
            openSockets: sockets.openCount, storedMessages: sms.storedCount,
            uptimeSeconds: Double(now.components.seconds) + Double(now.components.attoseconds) / 1e18,
            commands: statistics.commands, bytesIn: statistics.bytesIn, bytesOut: statistics.bytesOut,
            reboots: statistics.reboots, psmSleeps: powerSaving.sleepCount
        )
    }
}

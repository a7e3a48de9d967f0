import ATCodec
import Logging
import ModemCore
import ModemDialects

/// A cellular modem brought up and kept up: drives ``ModemLifecycleStateMachine`` over an
/// ``ATClient`` and publishes what happens as a stream of ``ModemStatusEvent``s.
///
///     let modem = Modem(client: ATClient(transport: port), configuration: .init(lifecycle: .init(
///         dataSession: try DataSessionSettings(apn: "internet"))))
///     let status = modem.status()
///     await modem.start()
///     // → AT  ← OK  → ATE0  → AT+CMEE=2  → AT+CREG=3 ... → AT+CPIN?  ← +CPIN: READY
///     // ← +CEREG: 1,"1A2B","01A2D001",8   → AT+CGATT=1  → AT+CGDCONT=1,"IP","internet"
///     // → AT+CGACT=1,1  → AT+CGPADDR=1  ← +CGPADDR: 1,"10.64.1.2"
///     for await event in status { if case .addressesAssigned(let ips) = event { print(ips) } }
///
/// Every event (a completion, a URC, a timer) is handled on the actor, one at a time, by
/// ``deliver(_:)``: no two transitions interleave. Reboots, AT silence, registration loss and
/// PDP deactivation are recovered from with backoff; the stream says so as it happens.
public actor Modem {
    public struct Configuration: Sendable {
        public var lifecycle: ModemLifecycleStateMachine.Configuration
        /// A dialect to use whatever the modem says it is; `nil` picks one from `+CGMI`/`+CGMM`.
        public var dialect: ModemDialect?
        /// How long each `AT` probe waits (short: a booting modem ignores it).
        public var probeTimeout: Duration

        public init(
            lifecycle: ModemLifecycleStateMachine.Configuration = .init(), dialect: ModemDialect? = nil,
            probeTimeout: Duration = .milliseconds(500)
        ) {
            self.lifecycle = lifecycle
            self.dialect = dialect
            self.probeTimeout = probeTimeout
        }
    }

    /// The latest of each kind of status, for `modemkit status`.
    public struct Snapshot: Sendable, Hashable {
        public var state: ModemLifecycleStateMachine.State = .idle
        public var identity: ModemIdentity?
        public var dialect: String?
        public var registration: Registration?
        public var operatorName: String?
        public var accessTechnology: AccessTechnology?
        public var rssiDBm: Int?
        public var addresses: [IPAddress] = []
        /// PIN and PUK attempts left, when the modem said.
        public var simRetries: SIMRetries?
        /// The PSM timers the network granted.
        public var powerSavingGrant: PowerSavingGrant?
        /// The rate baud detection found the modem at.
        public var detectedBaudRate: Int?
        /// Why probing last failed, until the modem answers.
        public var probeFailure: ProbeFailure?
        /// The last operator selection the modem refused, until one succeeds.
        public var operatorSelectionFailure: OperatorSelectionFailure?
    }

    public let client: ATClient
    let configuration: Configuration
    let clock: any Clock<Duration>
    let logger: Logger
    var machine: ModemLifecycleStateMachine
    public private(set) var snapshot = Snapshot()
    /// The dialect in use once chosen.
    public private(set) var dialect: ModemDialect?
    var timers = ClockTimers<ModemLifecycleStateMachine.TimerID>()
    var urcTask: Task<Void, Never>?
    /// A dialect chosen but not yet handed to the client's classifier.
    var pendingClassification: ModemDialect?
    let statusHub = Broadcaster<ModemStatusEvent>()

    /// - Parameters:
    ///   - client: the modem's AT channel; the modem sends through it and reads all its URCs.
    ///   - clock: runs the lifecycle's timers (retry, registration, backoff, supervision).
    public init(
        client: ATClient, configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "modemkit.modem")
    ) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        var lifecycle = configuration.lifecycle
        if lifecycle.baudRate == nil { lifecycle.baudRate = client.baudRate }   // for reports and detection
        self.machine = ModemLifecycleStateMachine(configuration: lifecycle)
    }

    /// Status changes from now on (state, identity, dialect, registration with its RAT and
    /// reject cause, operator, signal, addresses). Each subscriber has its own stream.
    public nonisolated func status() -> AsyncStream<ModemStatusEvent> {
        statusHub.subscribe(bufferingNewest: 256)
    }

    public var state: ModemLifecycleStateMachine.State { machine.state }

    /// Subscribes to URCs, then starts the bring-up.
    public func start() {
        guard urcTask == nil else { return }
        let urcs = client.urcs()
        urcTask = Task { [weak self] in
            for await urc in urcs {
                await self?.deliver(.urcReceived(urc.line))
            }
        }
        deliver(.started)
    }

    /// Enters a PIN after the SIM refused the configured one (or none was configured).
    public func enterPIN(_ pin: String) {
        deliver(.pinProvided(pin))
    }

    /// Enters the PUK and a new PIN after the SIM locked behind its PUK; sent once, never
    /// retried. On success the lifecycle goes on where it stopped (reads the SIM, registers...).
    ///
    ///     → AT+CPIN="12345678","1234"
    ///     ← OK                                  → AT+CPIN?  ← +CPIN: READY  → registration...
    ///     ← +CME ERROR: incorrect password      state: SIM locked (PUK rejected)
    ///
    /// Ignored unless the state is ``ModemLifecycleStateMachine/SIMProblem/pukRequired`` or
    /// ``ModemLifecycleStateMachine/SIMProblem/pukRejected(_:)``. The codes are checked (PUK 8
    /// digits, PIN 4 to 8) before anything is written, and never logged.
    public func enterPUK(_ puk: String, newPIN: String) {
        deliver(.pukProvided(puk: puk, newPIN: newPIN))
    }

    /// Stops supervising: timers end and the status stream finishes. The client stays open.
    public func stop() {
        deliver(.stopRequested)
        urcTask?.cancel()
        urcTask = nil
        timers.cancelAll()
        statusHub.finish()
    }

    /// Feeds one event to the state machine and carries out its actions.
    func deliver(_ event: ModemLifecycleStateMachine.Event) {
        let actions = machine.handle(event)
        logger.trace("lifecycle", metadata: ["event": "\(Self.redacted(event))", "state": "\(machine.state)"])
        for action in actions { apply(action) }
    }

    private func apply(_ action: ModemLifecycleStateMachine.Action) {
        switch action {
        case .send(let id, let request):
            let dialect = pendingClassification
            pendingClassification = nil
            let client = self.client
            let probeTimeout = configuration.probeTimeout
            let current = self.dialect
            Task { [weak self] in
                if let dialect { await client.useClassification(urcs: dialect.urcs, dialectFinals: dialect.finals) }
                let result = await Self.perform(request, on: client, probeTimeout: probeTimeout, dialect: current)
                await self?.completed(id: id, result)
            }
        case .startTimer(let id, let duration):
            startTimer(id, after: duration)
        case .cancelTimer(let id):
            timers.cancel(id)
        case .selectDialect(let identity):
            let chosen = configuration.dialect ?? ModemDialect.detect(manufacturer: identity.manufacturer, model: identity.model)
            dialect = chosen
            pendingClassification = chosen
            publish(.dialectSelected(chosen.name))
        case .publish(let event):
            publish(event)
        case .setBaudRate(let rate):
            let client = self.client
            Task { [weak self] in
                do throws(TransportError) {
                    try await client.setBaudRate(rate)
                    await self?.deliver(.baudRateChanged(rate))
                } catch {
                    await self?.deliver(.baudRateChangeFailed(rate, reason: error.description))
                }
            }
        }
    }

    private func completed(id: UInt64, _ result: Result<ModemLifecycleStateMachine.Reply, ModemLifecycleStateMachine.RequestFailure>) {
        deliver(.completed(id: id, result))
        if case .failure(.transportClosed) = result, machine.state != .stopped {
            logger.error("the AT channel closed: stopping")
            stop()
        }
    }

    private func publish(_ event: ModemStatusEvent) {
        switch event {
        case .stateChanged(let state):
            snapshot.state = state
            if case .configuring = state { snapshot.probeFailure = nil }
            if state == .awaitingRegistration { snapshot.operatorSelectionFailure = nil }
            switch state {
            case .connected, .sleeping: break   // PSM keeps the PDP context and its addresses
            default: snapshot.addresses = []
            }
        case .identified(let identity): snapshot.identity = identity
        case .dialectSelected(let name): snapshot.dialect = name
        case .registrationChanged(let registration):
            snapshot.registration = registration
            if let technology = registration.accessTechnology { snapshot.accessTechnology = technology }
        case .operatorChanged(let name, let technology):
            snapshot.operatorName = name
            if let technology { snapshot.accessTechnology = technology }
        case .signalChanged(let dBm): snapshot.rssiDBm = dBm
        case .addressesAssigned(let addresses): snapshot.addresses = addresses
        case .simRetriesChanged(let retries): snapshot.simRetries = retries
        case .powerSavingGranted(let grant): snapshot.powerSavingGrant = grant
        case .powerSavingRefused: break
        case .baudRateDetected(let rate): snapshot.detectedBaudRate = rate
        case .probeFailed(let failure): snapshot.probeFailure = failure
        case .operatorSelectionFailed(let failure): snapshot.operatorSelectionFailure = failure
        }
        statusHub.publish(event)
    }

    private func startTimer(_ id: ModemLifecycleStateMachine.TimerID, after duration: Duration) {
        timers.start(id, after: duration, on: clock) { [weak self] id, generation in
            await self?.timerFired(id, generation: generation)
        }
    }

    private func timerFired(_ id: ModemLifecycleStateMachine.TimerID, generation: Int) {
        guard timers.claim(id, generation: generation) else { return }   // cancelled or restarted meanwhile
        deliver(.timerFired(id))
    }

    /// The event for the log, with PINs hidden.
    static func redacted(_ event: ModemLifecycleStateMachine.Event) -> String {
        if case .pinProvided = event { return "pinProvided(***)" }
        if case .pukProvided = event { return "pukProvided(***)" }
        return "\(event)"
    }
}

import ATCodec

/// The life of a modem connection as a pure state machine: probe, configure, identify, SIM,
/// registration, attach, PDP context, then supervision and recovery.
///
///     handle(.started)                          → [.send(1, .probe)]                     → AT
///     handle(.completed(1, .success(.ok)))      → [.send(2, .echoOff)]                   → ATE0
///     ... +CMEE=2, +CREG=3, +CGREG=3, +CEREG=3, +CGEREP=1, +CGMI/+CGMM/+CGMR, +CPIN?
///     handle(.urcReceived("+CEREG: 1,\"1A2B\",\"01A2D001\",7"))  → [.send(n, .attach)]  → AT+CGATT=1
///     ... +CGDCONT, (+CGAUTH), +CGACT=1,1, +CGPADDR=1                    → .connected([10.64.1.2])
///     handle(.urcReceived("+CGEV: NW PDN DEACT 1")) → [.startTimer(.backoff, 1.1 s)]     (recovering)
///
/// Requests go out one at a time; a completion whose id is not the one awaited is stale and
/// ignored. Time enters only as ``Event/timerFired(_:)``; retry counters live in ``State``.
/// Backoff jitter comes from a generator seeded by ``Backoff/seed``, so a transcript replays
/// the same way every time.
public struct ModemLifecycleStateMachine: Sendable {
    struct Pending: Sendable, Hashable {
        var id: UInt64
        var request: Request
    }

    public let configuration: Configuration
    public internal(set) var state: State = .idle
    var nextID: UInt64 = 1
    var pending: Pending?
    var consecutiveTimeouts = 0
    var recoveryAttempt = 0
    var random: LifecycleRandom
    /// Domains whose reporting the modem accepted (SIM800 refuses `+CEREG`).
    var supportedDomains: Set<Registration.Domain> = Set(Registration.Domain.allCases)
    /// The last report per domain.
    public internal(set) var registrations: [Registration.Domain: Registration] = [:]
    /// The SIM refused the configured PIN: it is not entered again.
    var configuredPINRejected = false
    /// A PIN the user gave after a refusal.
    var userPIN: String?
    /// A PIN was entered since the SIM was last found asking for one.
    var pinEnteredThisCheck = false
    /// The PUK and new PIN the user gave, until they are sent (once).
    var pendingPUK: (puk: String, newPIN: String)?
    /// The PSM timers the network last granted.
    public internal(set) var powerSavingGrant: PowerSavingGrant?
    var staleContextDeactivated = false
    /// Timers started and not yet fired or cancelled, in the order they were started.
    var armedTimers: [TimerID] = []
    /// The transport's line speed as far as the machine knows (``Configuration/baudRate``,
    /// then each ``Event/baudRateChanged(_:)``).
    public internal(set) var baudRate: Int?
    /// The rate baud detection last found the modem at.
    public internal(set) var detectedBaudRate: Int?
    /// The rate the running detection started from, and the rates probed so far.
    var detectionOrigin: Int?
    var triedBaudRates: [Int] = []

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.random = LifecycleRandom(state: configuration.backoff.seed)
        self.baudRate = configuration.baudRate
    }

    /// What the configuring step sends, in order.
    public var configurationRequests: [Request] {
        var level = configuration.registrationReporting
        // The granted PSM timers come only at <n> 4 and 5.
        if configuration.powerSaving.psm != nil, level.rawValue < 4 { level = .locationPSMAndCause }
        let csLevel = Registration.Reporting(rawValue: min(level.rawValue, 3)) ?? .locationAndCause
        let fixRate: [Request] = configuration.baudDetection?.fixRate == true ? detectedBaudRate.map { [.fixBaudRate($0)] } ?? [] : []
        return fixRate + [.echoOff, .verboseErrors]
            + Registration.Domain.allCases.map { .registrationReporting($0, $0 == .circuitSwitched ? csLevel : level) }
            + [.packetEventReporting] + configuration.powerSaving.requests
    }

    /// The domain read when registration is checked: EPS, else GPRS, else circuit-switched.
    public var primaryDomain: Registration.Domain {
        [.eps, .gprs, .circuitSwitched].first { supportedDomains.contains($0) } ?? .circuitSwitched
    }

    /// Connected, or registered without data: signal and registration are supervised.
    public var isSupervising: Bool {
        switch state {
        case .connected, .registered: true
        default: false
        }
    }

    /// Where to go once registered: attach, or stay registered without data.
    var afterRegistration: State { configuration.bringUpData ? .attaching : .registered }

    /// Whether any domain the modem reports on says registered.
    public var isRegistered: Bool {
        registrations.values.contains { supportedDomains.contains($0.domain) && $0.status.isRegistered }
    }

    public mutating func handle(_ event: Event) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .started:
            guard state == .idle || state == .stopped else { break }
            resetSession()
            enter(.probing(attempt: 1), into: &actions)
        case .stopRequested:
            enter(.stopped, into: &actions)
        case .completed(let id, let result):
            guard let current = pending, current.id == id else { break }
            pending = nil
            completed(current.request, result, into: &actions)
        case .urcReceived(let line):
            urcReceived(line, into: &actions)
        case .pinProvided(let pin):
            guard case .simLocked(let problem) = state else { break }
            switch problem {
            case .pinRequired, .pinRejected:
                userPIN = pin
                enter(.enteringPIN, into: &actions)
            default:
                break
            }
        case .pukProvided(let puk, let newPIN):
            guard case .simLocked(let problem) = state else { break }
            switch problem {
            case .pukRequired, .pukRejected:
                pendingPUK = (puk, newPIN)
                enter(.enteringPUK, into: &actions)
            default:
                break
            }
        case .timerFired(let timer):
            timerFired(timer, into: &actions)
        case .baudRateChanged(let rate):
            baudRateChanged(rate, failure: nil, into: &actions)
        case .baudRateChangeFailed(let rate, let reason):
            baudRateChanged(rate, failure: reason, into: &actions)
        }
        return actions
    }

    // MARK: - Transitions

    /// Leaves the current state (cancelling its timers), enters `next` and starts its work.
    mutating func enter(_ next: State, into actions: inout [Action]) {
        // Every timer belongs to the state that started it.
        for timer in armedTimers { actions.append(.cancelTimer(timer)) }
        armedTimers = []
        pending = nil
        state = next
        actions.append(.publish(.stateChanged(next)))
        switch next {
        case .idle, .stopped:
            break
        case .simLocked(let problem):
            readRetries(after: problem, into: &actions)
        case .enteringPUK:
            guard let code = pendingPUK else {
                state = .simLocked(.pukRequired)
                actions.append(.publish(.stateChanged(state)))
                return readRetries(after: .pukRequired, into: &actions)
            }
            pendingPUK = nil
            send(.enterPUK(puk: code.puk, newPIN: code.newPIN), into: &actions)
        case .sleeping:
            startSleeping(into: &actions)
        case .probing:
            send(.probe, into: &actions)
        case .detectingBaud(let rate, let attempt):
            // The first probe at a rate waits for the transport to switch.
            if attempt == 1 { actions.append(.setBaudRate(rate)) } else { send(.probe, into: &actions) }
        case .selectingOperator(let selection):
            send(.selectOperator(selection), into: &actions)
        case .configuring(let step):
            send(configurationRequests[step], into: &actions)
        case .identifying:
            send(.identify, into: &actions)
        case .checkingSIM:
            send(.readSIM, into: &actions)
        case .enteringPIN:
            guard let pin = userPIN ?? (configuredPINRejected ? nil : configuration.pin) else {
                state = .simLocked(.pinRequired)
                actions.append(.publish(.stateChanged(state)))
                return readRetries(after: .pinRequired, into: &actions)
            }
            send(.enterPIN(pin), into: &actions)
        case .awaitingRegistration:
            send(.readRegistration(primaryDomain), into: &actions)
            startTimer(.registrationPoll, configuration.registrationPollInterval, into: &actions)
            startTimer(.registrationTimeout, configuration.registrationTimeout, into: &actions)
        case .attaching:
            staleContextDeactivated = false
            send(.attach, into: &actions)
        case .activating(let step):
            // Authentication is only entered with credentials; without, go straight on.
            guard let request = request(for: step) else { return enter(.activating(.activating), into: &actions) }
            send(request, into: &actions)
        case .connected(let addresses):
            recoveryAttempt = 0
            actions.append(.publish(.addressesAssigned(addresses)))
            send(.readOperator, into: &actions)
        case .registered:
            recoveryAttempt = 0
            send(.readOperator, into: &actions)
        case .recovering(let attempt, _):
            let delay = configuration.backoff.delay(attempt: attempt, unit: random.nextUnit())
            startTimer(.backoff, delay, into: &actions)
        }
    }

    mutating func startTimer(_ timer: TimerID, _ duration: Duration, into actions: inout [Action]) {
        if !armedTimers.contains(timer) { armedTimers.append(timer) }
        actions.append(.startTimer(timer, duration))
    }

    mutating func send(_ request: Request, into actions: inout [Action]) {
        let id = nextID
        nextID += 1
        pending = Pending(id: id, request: request)
        actions.append(.send(id: id, request))
    }

    /// The request of a data step; `nil` for authentication without credentials.
    func request(for step: DataStep) -> Request? {
        let session = configuration.dataSession
        switch step {
        case .defining: return .defineContext(cid: session.cid, type: session.type, apn: session.apn)
        case .deactivatingStale: return .deactivateContext(cid: session.cid)
        case .authenticating: return session.credentials.map { .authenticate(cid: session.cid, $0) }
        case .activating: return .activateContext(cid: session.cid)
        case .readingAddress: return .readAddresses(cid: session.cid)
        }
    }

    /// Starts a recovery with the next backoff, or upgrades a running one to a reboot.
    mutating func recover(_ reason: RecoveryReason, into actions: inout [Action]) {
        if case .recovering(let attempt, let current) = state {
            if reason == .rebooted, current != .rebooted { state = .recovering(attempt: attempt, reason: .rebooted) }
            return
        }
        recoveryAttempt += 1
        consecutiveTimeouts = 0
        enter(.recovering(attempt: recoveryAttempt, reason: reason), into: &actions)
    }

    /// Forgets what the modem told us: after a reboot its settings and registration are gone.
    mutating func resetSession() {
        supportedDomains = Set(Registration.Domain.allCases)
        registrations = [:]
        consecutiveTimeouts = 0
        pinEnteredThisCheck = false
        powerSavingGrant = nil
    }

    /// A SIM waiting for a PIN or PUK: ask how many attempts are left, so the user knows.
    mutating func readRetries(after problem: SIMProblem, into actions: inout [Action]) {
        switch problem {
        case .pinRequired, .pinRejected, .pukRequired, .pukRejected: send(.readSIMRetries, into: &actions)
        case .notInserted, .codeRequired, .failure: break
        }
    }
}

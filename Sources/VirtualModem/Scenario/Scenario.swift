/// A scenario: which modem, with which SIM and network, and a timeline of network events and
/// faults. Scenario files (`Fixtures/scenarios/*.yaml`) decode into this; the format is in
/// `docs/virtual-modem.md`.
///
///     profile: quectel-bg96
///     seed: 7
///     network: { registration: roaming, signal: { walk: [20, 5, 28] } }
///     timeline:
///       - at: 30
///         event: { sms: { from: "+447700900123", text: "status?" } }
///       - at: 45
///         fault: { dropNextResponse: {} }
public struct Scenario: Sendable, Codable, Equatable {
    public struct SIM: Sendable, Codable, Equatable {
        public var present: Bool?
        public var pin: String?
        public var puk: String?

        public init(present: Bool? = nil, pin: String? = nil, puk: String? = nil) {
            self.present = present
            self.pin = pin
            self.puk = puk
        }
    }

    public struct Network: Sendable, Codable, Equatable {
        /// `home`, `roaming`, `none` (no coverage) or `denied` (with ``rejectCause``).
        public var registration: String?
        public var rejectCause: Int?
        public var signal: Signal?
        /// Seconds from radio on to registered.
        public var registrationDelay: Double?
        public var hosts: [String: String]?
        public var operators: [NetworkConfiguration.Operator]?
        /// The PSM timers the network grants (TS 24.008 octets as 8 binary digits).
        public var psmActiveTime: String?
        public var psmPeriodicTAU: String?
        /// The APNs the network accepts; any other fails `AT+CGACT=1` with `+CME ERROR: 127`.
        public var apns: [String]?

        public init(
            registration: String? = nil, rejectCause: Int? = nil, signal: Signal? = nil, registrationDelay: Double? = nil,
            hosts: [String: String]? = nil, operators: [NetworkConfiguration.Operator]? = nil
        ) {
            self.registration = registration
            self.rejectCause = rejectCause
            self.signal = signal
            self.registrationDelay = registrationDelay
            self.hosts = hosts
            self.operators = operators
        }
    }

    /// `{ fixed: 20 }`, `{ walk: [start, low, high] }` or `{ script: [20, 18, 5, 0, 25] }`.
    public struct Signal: Sendable, Codable, Equatable {
        public var fixed: Int?
        public var walk: [Int]?
        public var script: [Int]?

        public init(fixed: Int? = nil, walk: [Int]? = nil, script: [Int]? = nil) {
            self.fixed = fixed
            self.walk = walk
            self.script = script
        }
    }

    /// One step of the timeline: at `at` seconds, an `event` or a `fault` (or new `faults`).
    public struct Step: Sendable, Codable, Equatable {
        public var at: Double
        public var event: Event?
        public var fault: Fault?
        public var faults: FaultPlan?

        public init(at: Double, event: Event? = nil, fault: Fault? = nil, faults: FaultPlan? = nil) {
            self.at = at
            self.event = event
            self.fault = fault
            self.faults = faults
        }
    }

    /// The events a timeline can hold, spelled for people who write YAML.
    public struct Event: Sendable, Codable, Equatable {
        public struct SMS: Sendable, Codable, Equatable {
            public var from: String
            public var text: String
            public var parts: [Int]?
            public var flash: Bool?

            public init(from: String, text: String, parts: [Int]? = nil, flash: Bool? = nil) {
                self.from = from
                self.text = text
                self.parts = parts
                self.flash = flash
            }
        }
        public var sms: SMS?
        public var ussd: String?
        public var signal: Int?
        /// Seconds until registration comes back; 0 stays lost.
        public var registrationLost: Double?
        public var register: String?
        public var pdpDeactivated: Int?
        public var remoteClose: Int?
        public var reboot: Bool?
        public var powerKey: Bool?

        public init(
            sms: SMS? = nil, ussd: String? = nil, signal: Int? = nil, registrationLost: Double? = nil,
            register: String? = nil, pdpDeactivated: Int? = nil, remoteClose: Int? = nil,
            reboot: Bool? = nil, powerKey: Bool? = nil
        ) {
            self.sms = sms
            self.ussd = ussd
            self.signal = signal
            self.registrationLost = registrationLost
            self.register = register
            self.pdpDeactivated = pdpDeactivated
            self.remoteClose = remoteClose
            self.reboot = reboot
            self.powerKey = powerKey
        }
    }

    public var profile: String?
    public var seed: UInt64?
    public var sim: SIM?
    public var network: Network?
    public var faults: FaultPlan?
    public var timeline: [Step]?
    /// The modem's fixed UART rate (``VirtualModemConfiguration/baudRate``); a pty client at
    /// another rate gets framing garbage.
    public var baudRate: Int?

    public init(profile: String? = nil, seed: UInt64? = nil, sim: SIM? = nil, network: Network? = nil, faults: FaultPlan? = nil, timeline: [Step]? = nil) {
        self.profile = profile
        self.seed = seed
        self.sim = sim
        self.network = network
        self.faults = faults
        self.timeline = timeline
    }

    /// A scenario's problems, each saying where.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var location: String
        public var message: String
        public var description: String { "\(location): \(message)" }
    }

    /// The configuration this scenario describes, on top of `base` (whose profile is used when
    /// the scenario names none).
    public func configuration(base: VirtualModemConfiguration = VirtualModemConfiguration()) throws(Problem) -> VirtualModemConfiguration {
        var configuration = base
        if let name = profile {
            guard let found = VirtualModemProfile.named(name) else {
                let known = VirtualModemProfile.builtIn.map(\.name).joined(separator: ", ")
                throw Problem(location: "profile", message: "unknown profile \"\(name)\" (known: \(known))")
            }
            configuration.profile = found
        }
        if let seed { configuration.seed = seed }
        if let baudRate {
            guard (300...4_000_000).contains(baudRate) else { throw Problem(location: "baudRate", message: "\(baudRate) is not 300...4000000") }
            configuration.baudRate = baudRate
        }
        if let sim {
            if let present = sim.present { configuration.sim.present = present }
            if let pin = sim.pin {
                guard (4...8).contains(pin.count), pin.allSatisfy(\.isNumber) else { throw Problem(location: "sim.pin", message: "a PIN is 4 to 8 digits") }
                configuration.sim.pin = pin
            }
            if let puk = sim.puk { configuration.sim.puk = puk }
        }
        if let network {
            switch network.registration {
            case nil: break
            case "home": configuration.network.registration = .home
            case "roaming": configuration.network.registration = .roaming
            case "none": configuration.network.registration = .noCoverage
            case "denied": configuration.network.registration = .denied(cause: network.rejectCause ?? 15)
            case let other?: throw Problem(location: "network.registration", message: "\"\(other)\" is not home, roaming, denied or none")
            }
            if let signal = network.signal { configuration.network.signal = try Self.signal(signal) }
            if let delay = network.registrationDelay {
                guard delay >= 0, delay < 86_400 else { throw Problem(location: "network.registrationDelay", message: "out of range") }
                configuration.profile.timing.registrationDelay = .milliseconds(Int64(delay * 1000))
            }
            if let hosts = network.hosts { configuration.network.hosts = hosts }
            if let apns = network.apns { configuration.network.acceptedAPNs = apns }
            if let operators = network.operators, !operators.isEmpty { configuration.network.operators = operators }
            for (value, field) in [(network.psmActiveTime, "psmActiveTime"), (network.psmPeriodicTAU, "psmPeriodicTAU")] {
                if let value, !VirtualModem.isTimerOctet(value) {
                    throw Problem(location: "network.\(field)", message: "\"\(value)\" is not 8 binary digits")
                }
            }
            if let active = network.psmActiveTime { configuration.network.grantedActiveTime = active }
            if let tau = network.psmPeriodicTAU { configuration.network.grantedPeriodicTAU = tau }
        }
        return configuration
    }

    static func signal(_ signal: Signal) throws(Problem) -> NetworkConfiguration.Signal {
        func check(_ value: Int) throws(Problem) {
            guard (0...31).contains(value) || value == 99 else { throw Problem(location: "network.signal", message: "\(value) is not a +CSQ rssi (0-31, 99)") }
        }
        if let fixed = signal.fixed {
            try check(fixed)
            return .fixed(rssi: fixed)
        }
        if let walk = signal.walk {
            guard walk.count == 3, walk[1] <= walk[0], walk[0] <= walk[2] else {
                throw Problem(location: "network.signal.walk", message: "give [start, low, high] with low <= start <= high")
            }
            for value in walk { try check(value) }
            return .randomWalk(start: walk[0], low: walk[1], high: walk[2])
        }
        if let script = signal.script, !script.isEmpty {
            for value in script { try check(value) }
            return .scripted(script)
        }
        throw Problem(location: "network.signal", message: "give one of fixed, walk or script")
    }

    /// The timeline as modem inputs, checked.
    public func steps() throws(Problem) -> [(at: Duration, input: ScenarioInput)] {
        var result: [(at: Duration, input: ScenarioInput)] = []
        for (index, step) in (timeline ?? []).enumerated() {
            let location = "timeline[\(index)]"
            guard step.at >= 0, step.at < 10_000_000 else { throw Problem(location: location, message: "at must be seconds from start") }
            let at = Duration.milliseconds(Int64(step.at * 1000))
            var inputs: [ScenarioInput] = []
            if let event = step.event { inputs += try Self.events(event, location: location).map { .event($0) } }
            if let fault = step.fault { inputs.append(.fault(fault)) }
            if let plan = step.faults { inputs.append(.faults(plan)) }
            guard !inputs.isEmpty else { throw Problem(location: location, message: "a step needs an event, a fault or faults") }
            result += inputs.map { (at, $0) }
        }
        return result.sorted { $0.at < $1.at }
    }

    public static func events(_ event: Event, location: String) throws(Problem) -> [NetworkEvent] {
        var events: [NetworkEvent] = []
        if let sms = event.sms {
            events.append(sms.flash == true ? .flashSMS(from: sms.from, text: sms.text) : .incomingSMS(from: sms.from, text: sms.text, parts: sms.parts))
        }
        if let ussd = event.ussd { events.append(.ussd(text: ussd)) }
        if let signal = event.signal {
            guard (0...31).contains(signal) || signal == 99 else {
                throw Problem(location: location + ".event.signal", message: "\(signal) is not a +CSQ rssi (0-31, 99)")
            }
            events.append(.signal(rssi: signal))
        }
        if let seconds = event.registrationLost {
            events.append(.registrationLost(recoverAfter: seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : nil))
        }
        switch event.register {
        case nil: break
        case "home": events.append(.register(.home))
        case "roaming": events.append(.register(.roaming))
        case "none": events.append(.register(.noCoverage))
        case let other?:
            if other.hasPrefix("denied"), let cause = Int(other.dropFirst(6).drop { $0 == ":" || $0 == " " }) {
                events.append(.register(.denied(cause: cause)))
            } else {
                throw Problem(location: location + ".event.register", message: "\"\(other)\" is not home, roaming, none or denied:CAUSE")
            }
        }
        if let cid = event.pdpDeactivated { events.append(.pdpDeactivated(cid: cid)) }
        if let socket = event.remoteClose { events.append(.remoteClose(socket: socket)) }
        if event.reboot == true { events.append(.reboot) }
        if event.powerKey == true { events.append(.powerKey) }
        guard !events.isEmpty else { throw Problem(location: location + ".event", message: "no known event in it") }
        return events
    }
}

/// One input a scenario feeds the modem.
public enum ScenarioInput: Sendable, Equatable {
    case event(NetworkEvent)
    case fault(Fault)
    case faults(FaultPlan)
}

extension VirtualModem {
    /// Makes a modem from a scenario, its timeline scheduled on the modem's own clock, so the
    /// run is the same every time.
    public init(scenario: Scenario, base: VirtualModemConfiguration = VirtualModemConfiguration(), handlers: HandlerTable? = nil) throws(Scenario.Problem) {
        let configuration = try scenario.configuration(base: base)
        let steps = try scenario.steps()
        self.init(configuration: configuration, handlers: handlers)
        if let plan = scenario.faults { faults.plan = plan }
        for step in steps {
            let input = step.input
            timers.insert(deadline: step.at, tag: .scenario) { modem in
                switch input {
                case .event(let event): modem.apply(event)
                case .fault(let fault): modem.applyFault(fault)
                case .faults(let plan): modem.faults.plan = plan
                }
            }
        }
    }
}

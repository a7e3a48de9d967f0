/// Everything a virtual modem starts from: the model (profile), the SIM in it, the network
/// around it and the seed that makes its random choices reproducible.
///
///     var configuration = VirtualModemConfiguration(profile: .simcomSIM800, seed: 42)
///     configuration.sim.pin = "1234"                       // the SIM asks for a PIN
///     configuration.network.registration = .roaming
///     configuration.network.signal = .randomWalk(start: 18, low: 5, high: 28)
public struct VirtualModemConfiguration: Sendable, Codable, Equatable {
    public var profile: VirtualModemProfile
    public var seed: UInt64
    public var sim: SIMConfiguration
    public var network: NetworkConfiguration
    /// The fixed rate of its UART in bit/s; `nil` follows whatever rate the host set (as a
    /// modem that autobauds). On a pty, a host at another rate gets framing garbage both ways
    /// (see ``LineSpeedMismatch``).
    public var baudRate: Int?

    public init(
        profile: VirtualModemProfile = .generic,
        seed: UInt64 = 1,
        sim: SIMConfiguration = SIMConfiguration(),
        network: NetworkConfiguration = NetworkConfiguration(),
        baudRate: Int? = nil
    ) {
        self.profile = profile
        self.seed = seed
        self.sim = sim
        self.network = network
        self.baudRate = baudRate
    }
}

/// The SIM card in the virtual modem.
public struct SIMConfiguration: Sendable, Codable, Equatable {
    /// Whether a SIM is inserted (`+CPIN?` answers `+CME ERROR: 10` when not).
    public var present: Bool
    /// The PIN; when set, the SIM asks for it at every boot.
    public var pin: String?
    public var puk: String
    public var pinAttempts: Int
    public var pukAttempts: Int

    public init(present: Bool = true, pin: String? = nil, puk: String = "12345678", pinAttempts: Int = 3, pukAttempts: Int = 10) {
        self.present = present
        self.pin = pin
        self.puk = puk
        self.pinAttempts = pinAttempts
        self.pukAttempts = pukAttempts
    }
}

/// The network the virtual modem finds.
public struct NetworkConfiguration: Sendable, Codable, Equatable {
    /// Where registration ends up.
    public enum Outcome: Sendable, Codable, Equatable {
        case home
        case roaming
        /// Registration denied with an EMM/GMM reject cause (e.g. 15, no suitable cells).
        case denied(cause: Int)
        /// Searching forever (no coverage).
        case noCoverage
    }

    /// How the signal behaves.
    public enum Signal: Sendable, Codable, Equatable {
        /// `+CSQ` rssi (0–31) that never changes.
        case fixed(rssi: Int)
        /// A seeded random walk within bounds, one step every `Timing.signalStep`.
        case randomWalk(start: Int, low: Int, high: Int)
        /// Values that follow each other, one per `Timing.signalStep`, the last one held.
        case scripted([Int])
    }

    /// A network in the `+COPS=?` list.
    public struct Operator: Sendable, Codable, Equatable {
        public var longName: String
        public var shortName: String
        public var numeric: String
        /// `<stat>` in the list: 1 available, 2 current, 3 forbidden.
        public var status: Int
        public var accessTechnology: Int?

        public init(longName: String, shortName: String, numeric: String, status: Int = 1, accessTechnology: Int? = nil) {
            self.longName = longName
            self.shortName = shortName
            self.numeric = numeric
            self.status = status
            self.accessTechnology = accessTechnology
        }
    }

    public var registration: Outcome
    public var signal: Signal
    /// The first operator is the one it registers on.
    public var operators: [Operator]
    /// Location area / tracking area code and cell id, as 4 and 8 hex digits.
    public var areaCode: String
    public var cellID: String
    /// The network's granted PSM timers (TS 24.008 octets as 8-bit strings) when PSM is
    /// requested; `nil` grants what was requested.
    public var grantedActiveTime: String?
    public var grantedPeriodicTAU: String?
    /// Host names the modem's DNS resolves, mapped to addresses (only loopback addresses
    /// are ever connected to). `localhost` always resolves to 127.0.0.1.
    public var hosts: [String: String]
    /// The APNs the network activates a PDP context for (compared without case); `nil` takes
    /// any. Another APN fails `AT+CGACT=1` with `+CME ERROR: 127` (missing or unknown APN).
    public var acceptedAPNs: [String]?

    public init(
        registration: Outcome = .home,
        signal: Signal = .randomWalk(start: 20, low: 8, high: 31),
        operators: [Operator] = [
            Operator(longName: "ModemKit Mobile", shortName: "MKM", numeric: "00101"),
            Operator(longName: "Test Roam", shortName: "TRM", numeric: "00102"),
            Operator(longName: "Closed Net", shortName: "CLN", numeric: "00103", status: 3),
        ],
        areaCode: String = "1A2B",
        cellID: String = "01A2B3C4",
        grantedActiveTime: String? = nil,
        grantedPeriodicTAU: String? = nil,
        hosts: [String: String] = [:],
        acceptedAPNs: [String]? = nil
    ) {
        self.registration = registration
        self.signal = signal
        self.operators = operators
        self.areaCode = areaCode
        self.cellID = cellID
        self.grantedActiveTime = grantedActiveTime
        self.grantedPeriodicTAU = grantedPeriodicTAU
        self.hosts = hosts
        self.acceptedAPNs = acceptedAPNs
    }
}

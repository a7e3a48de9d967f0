import ATCodec

extension ModemLifecycleStateMachine {
    /// How the lifecycle behaves; every duration is handed to the driver as a timer.
    public struct Configuration: Sendable {
        /// `AT` probes before probing counts as a failed attempt (then backoff and again).
        public var probeAttempts: Int
        /// Consecutive command timeouts after bring-up that mean the modem is gone.
        public var consecutiveTimeoutLimit: Int
        /// While the SIM is busy or not ready, `+CPIN?` is read again after this long...
        public var simRetryInterval: Duration
        /// ...at most this many times.
        public var simAttempts: Int
        /// The PIN to enter when the SIM asks; it is entered once per SIM request, never again
        /// after the SIM refused it.
        public var pin: String?
        /// The `<n>` asked of every registration command (CREG caps it at 3).
        public var registrationReporting: Registration.Reporting
        /// Registration comes from URCs; this read is only a fallback.
        public var registrationPollInterval: Duration
        public var registrationTimeout: Duration
        /// Whether a roaming registration is good enough to bring data up.
        public var allowRoaming: Bool
        /// Whether to attach and bring the PDP context up; off, the lifecycle stops at
        /// ``State/registered`` (and still supervises and recovers).
        public var bringUpData: Bool
        /// The PDP context to bring up.
        public var dataSession: DataSessionSettings
        /// While connected: how often signal and registration are read (a silent reboot shows
        /// as a registration read with `<n>` back to 0).
        public var supervisionInterval: Duration
        public var backoff: Backoff
        /// PSM and eDRX to request while configuring; with PSM, registration is reported at
        /// `<n>` 5 (4 and up carry the granted timers).
        public var powerSaving: PowerSavingSettings
        /// While the modem sleeps in PSM: how often `AT` is tried.
        public var sleepProbeInterval: Duration
        /// How long past the granted Periodic-TAU a sleeping modem may stay silent before it
        /// counts as gone.
        public var wakeGrace: Duration
        /// The rate the transport was opened at, for reports (`nil`: no line speed, as on TCP).
        public var baudRate: Int?
        /// When `AT` gets no answer at ``baudRate``: the rates to try; `nil` (the default)
        /// tries none.
        public var baudDetection: BaudDetection?
        /// The `+COPS` selection made before registration; `nil` (the default) sends none and
        /// keeps the modem's own setting (automatic, unless someone changed it).
        public var operatorSelection: OperatorSelection?

        public init(
            probeAttempts: Int = 5, consecutiveTimeoutLimit: Int = 3, simRetryInterval: Duration = .seconds(1),
            simAttempts: Int = 30, pin: String? = nil, registrationReporting: Registration.Reporting = .locationAndCause,
            registrationPollInterval: Duration = .seconds(30), registrationTimeout: Duration = .seconds(180),
            allowRoaming: Bool = true, bringUpData: Bool = true, dataSession: DataSessionSettings = DataSessionSettings(),
            supervisionInterval: Duration = .seconds(30), backoff: Backoff = Backoff(),
            powerSaving: PowerSavingSettings = PowerSavingSettings(), sleepProbeInterval: Duration = .seconds(10),
            wakeGrace: Duration = .seconds(60), baudRate: Int? = nil, baudDetection: BaudDetection? = nil,
            operatorSelection: OperatorSelection? = nil
        ) {
            self.probeAttempts = max(1, probeAttempts)
            self.consecutiveTimeoutLimit = max(1, consecutiveTimeoutLimit)
            self.simRetryInterval = simRetryInterval
            self.simAttempts = max(1, simAttempts)
            self.pin = pin
            self.registrationReporting = registrationReporting
            self.registrationPollInterval = registrationPollInterval
            self.registrationTimeout = registrationTimeout
            self.allowRoaming = allowRoaming
            self.bringUpData = bringUpData
            self.dataSession = dataSession
            self.supervisionInterval = supervisionInterval
            self.backoff = backoff
            self.powerSaving = powerSaving
            self.sleepProbeInterval = sleepProbeInterval
            self.wakeGrace = wakeGrace
            self.baudRate = baudRate
            self.baudDetection = baudDetection
            self.operatorSelection = operatorSelection
        }
    }

    /// Exponential backoff with seeded jitter: attempt `n` waits
    /// `min(initial × multiplier^(n-1), maximum)`, then scaled by a factor drawn uniformly
    /// from `1 - jitter ... 1 + jitter` by a generator seeded with `seed` (same seed, same waits).
    public struct Backoff: Sendable, Hashable {
        public var initial: Duration
        public var maximum: Duration
        public var multiplier: Double
        /// 0...1.
        public var jitter: Double
        public var seed: UInt64

        public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(120), multiplier: Double = 2, jitter: Double = 0.2, seed: UInt64 = 0x5EED) {
            self.initial = initial
            self.maximum = max(initial, maximum)
            self.multiplier = max(1, multiplier)
            self.jitter = min(max(0, jitter), 1)
            self.seed = seed
        }

        /// The wait before recovery attempt `attempt` (1-based), given a random unit value 0..<1.
        public func delay(attempt: Int, unit: Double) -> Duration {
            let base = min(seconds(initial) * pow(multiplier, attempt - 1), seconds(maximum))
            let factor = 1 - jitter + 2 * jitter * unit
            return .milliseconds(Int64((base * factor * 1000).rounded()))
        }

        private func seconds(_ duration: Duration) -> Double {
            let parts = duration.components
            return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }

        private func pow(_ value: Double, _ exponent: Int) -> Double {
            var result = 1.0
            for _ in 0..<max(0, min(exponent, 64)) { result *= value }
            return result
        }
    }
}

/// A small seeded generator (SplitMix64), so jitter is reproducible without a global RNG.
struct LifecycleRandom: Sendable, Hashable {
    var state: UInt64

    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

/// PAP or CHAP credentials for `AT+CGAUTH` (TS 27.007 §10.1.31). Printed, the password is
/// hidden.
public struct PDPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `<auth_prot>`: 1 PAP, 2 CHAP.
    public enum Authentication: Int, Sendable, Hashable { case pap = 1, chap = 2 }

    public var authentication: Authentication
    public var username: String
    public var password: String

    /// - Throws: ``DataSessionSettingsError`` when a value holds a quote, a backslash or a
    ///   control character, or is longer than 64 characters.
    public init(_ authentication: Authentication, username: String, password: String) throws(DataSessionSettingsError) {
        try DataSessionSettings.check(username, field: "username", maxLength: 64)
        try DataSessionSettings.check(password, field: "password", maxLength: 64)
        self.authentication = authentication
        self.username = username
        self.password = password
    }

    public var description: String { "\(authentication) \(username):***" }
    public var debugDescription: String { description }
}

/// The PDP context to bring up: `AT+CGDCONT=<cid>,"<type>","<apn>"` (and `AT+CGAUTH`).
public struct DataSessionSettings: Sendable, Hashable {
    public var cid: Int
    public var type: PDPType
    /// `""` lets the network choose.
    public var apn: String
    public var credentials: PDPCredentials?

    /// - Throws: ``DataSessionSettingsError`` for a cid outside 1...15, a type other than IP,
    ///   IPV6 or IPV4V6, or an APN with a quote, backslash, space or control character or
    ///   longer than 100 characters (TS 23.003 §9.1).
    public init(cid: Int = 1, type: PDPType = .ip, apn: String = "", credentials: PDPCredentials? = nil) throws(DataSessionSettingsError) {
        guard (1...15).contains(cid) else { throw DataSessionSettingsError(field: "cid", reason: "\(cid) is not 1...15") }
        guard [.ip, .ipv6, .ipv4v6].contains(type) else { throw DataSessionSettingsError(field: "type", reason: "\(type) is not IP, IPV6 or IPV4V6") }
        try Self.check(apn, field: "apn", maxLength: 100)
        guard !apn.contains(" ") else { throw DataSessionSettingsError(field: "apn", reason: "holds a space") }
        self.cid = cid
        self.type = type
        self.apn = apn
        self.credentials = credentials
    }

    /// The default: cid 1, IP, the network's APN.
    public init() {
        cid = 1
        type = .ip
        apn = ""
        credentials = nil
    }

    static func check(_ value: String, field: String, maxLength: Int) throws(DataSessionSettingsError) {
        guard value.count <= maxLength else { throw DataSessionSettingsError(field: field, reason: "longer than \(maxLength) characters") }
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                throw DataSessionSettingsError(field: field, reason: "holds control character 0x\(String(scalar.value, radix: 16, uppercase: true))")
            }
            if scalar == "\"" || scalar == "\\" { throw DataSessionSettingsError(field: field, reason: "holds \(scalar)") }
            guard scalar.isASCII else { throw DataSessionSettingsError(field: field, reason: "holds non-ASCII \(scalar)") }
        }
    }
}

/// A data-session setting that cannot be sent to a modem.
public struct DataSessionSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { "\(field): \(reason)" }
}

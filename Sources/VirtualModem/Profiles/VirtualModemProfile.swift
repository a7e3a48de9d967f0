/// What makes one modem model different from another: identity strings, boot URCs, timing,
/// the socket dialect and the commands it knows. A profile is data; the behaviour lives in the
/// handlers its ``dialect`` selects.
///
///     var profile = VirtualModemProfile.quectelBG96
///     profile.timing.registrationDelay = .seconds(1)
///     let modem = VirtualModem(configuration: .init(profile: profile))
public struct VirtualModemProfile: Sendable, Codable, Equatable {
    /// The socket and vendor command dialect.
    public enum Dialect: String, Sendable, Codable, CaseIterable {
        case generic
        case simcomSIM800 = "simcom-sim800"
        case simcomSIM7600 = "simcom-sim7600"
        case quectel
        case ublox
    }

    /// How long things take on this model.
    public struct Timing: Sendable, Codable, Equatable {
        /// From power-on (or reset) until the modem answers and prints its boot URCs.
        public var bootTime: Duration
        /// After boot, how long SIM-dependent commands answer `+CME ERROR: 14` (SIM busy).
        public var simBusyTime: Duration
        /// From radio on until registration starts searching.
        public var searchDelay: Duration
        /// From searching until registered (or denied).
        public var registrationDelay: Duration
        /// How long `AT+COPS=?` scans.
        public var operatorScanTime: Duration
        /// How long a PDP context activation takes.
        public var activationTime: Duration
        /// How often the signal takes one random-walk step.
        public var signalStep: Duration

        public init(
            bootTime: Duration = .milliseconds(500),
            simBusyTime: Duration = .milliseconds(300),
            searchDelay: Duration = .milliseconds(200),
            registrationDelay: Duration = .seconds(1),
            operatorScanTime: Duration = .seconds(3),
            activationTime: Duration = .milliseconds(300),
            signalStep: Duration = .seconds(5)
        ) {
            self.bootTime = bootTime
            self.simBusyTime = simBusyTime
            self.searchDelay = searchDelay
            self.registrationDelay = registrationDelay
            self.operatorScanTime = operatorScanTime
            self.activationTime = activationTime
            self.signalStep = signalStep
        }
    }

    /// The profile's name, as `--profile` takes it: `generic`, `quectel-bg96`...
    public var name: String
    public var dialect: Dialect
    public var manufacturer: String
    public var model: String
    public var revision: String
    public var imei: String
    public var imsi: String
    public var iccid: String
    /// The ICCID commands the model answers and the prefix it prints (`+CCID` on SIMCom prints
    /// a bare number; `+QCCID` prints `+QCCID: ...`).
    public var iccidCommands: [String]
    /// Lines `ATI` prints.
    public var identification: [String]
    /// URCs printed when the modem has booted.
    public var bootURCs: [String]
    /// URCs printed when the SIM becomes ready (after boot, or after the PIN is entered).
    public var simReadyURCs: [String]
    /// Printed just before a reset (`POWERED DOWN` on Quectel), if anything.
    public var powerDownURC: String?
    /// The radio access technology it registers on (`<AcT>` of `+COPS`/`+CEREG`).
    public var accessTechnology: Int
    /// Whether it reports EPS registration (`+CEREG`).
    public var supportsEPS: Bool
    /// Commands it does not know (answered as unknown), e.g. `+CEREG` on a 2G modem.
    public var unsupportedCommands: [String]
    /// Sockets it can have open at once.
    public var maxSockets: Int
    /// The largest payload one send command takes.
    public var maxSendLength: Int
    /// Capacity of SIM (`SM`) and modem (`ME`) message storage.
    public var smStorageCapacity: Int
    public var meStorageCapacity: Int
    public var timing: Timing

    public init(
        name: String, dialect: Dialect, manufacturer: String, model: String, revision: String,
        imei: String, imsi: String, iccid: String, iccidCommands: [String], identification: [String],
        bootURCs: [String], simReadyURCs: [String], powerDownURC: String? = nil, accessTechnology: Int, supportsEPS: Bool,
        unsupportedCommands: [String] = [], maxSockets: Int, maxSendLength: Int,
        smStorageCapacity: Int = 30, meStorageCapacity: Int = 50, timing: Timing = Timing()
    ) {
        self.name = name
        self.dialect = dialect
        self.manufacturer = manufacturer
        self.model = model
        self.revision = revision
        self.imei = imei
        self.imsi = imsi
        self.iccid = iccid
        self.iccidCommands = iccidCommands
        self.identification = identification
        self.bootURCs = bootURCs
        self.simReadyURCs = simReadyURCs
        self.powerDownURC = powerDownURC
        self.accessTechnology = accessTechnology
        self.supportsEPS = supportsEPS
        self.unsupportedCommands = unsupportedCommands
        self.maxSockets = maxSockets
        self.maxSendLength = maxSendLength
        self.smStorageCapacity = smStorageCapacity
        self.meStorageCapacity = meStorageCapacity
        self.timing = timing
    }

    /// The built-in profiles, by name.
    public static let builtIn: [VirtualModemProfile] = [
        .generic, .simcomSIM800, .simcomSIM7600, .quectelBG96, .ubloxSARAR4,
    ]

    /// Looks a built-in profile up by name (`quectel-bg96`).
    public static func named(_ name: String) -> VirtualModemProfile? {
        builtIn.first { $0.name == name.lowercased() }
    }
}

/// V.250 and 27.007 settings that `ATZ`/`AT&F` restore.
struct Settings: Sendable, Equatable {
    var echo = true
    var verbose = true
    var quiet = false
    var cmee = 0
    var s3: UInt8 = 13
    var s4: UInt8 = 10
    var s5: UInt8 = 8
    /// S0 (auto-answer rings), S7, S8, S10: kept and reported, no other effect.
    var sRegisters: [Int: Int] = [0: 0, 6: 2, 7: 50, 8: 2, 10: 14]
    /// `+CSCS`: "GSM", "IRA", "UCS2", "HEX", "8859-1", "PCCP437".
    var characterSet = "IRA"
    /// `+CGEREP` mode: 0 no `+CGEV` URCs, 1 or 2 URCs.
    var cgerep = 0
    /// `+CTZR`, `+CSCLK` and similar switches that tools set and read back.
    var switches: [String: String] = [:]
}

/// Whether the modem is powered and answering.
enum PowerState: Sendable, Equatable {
    /// Powered on, not answering yet.
    case booting
    /// Answering.
    case on
    /// In PSM deep sleep: deaf and unreachable until it wakes.
    case asleep
    /// Powered down (`AT+CPOWD`, `AT+QPOWD`): nothing until an outside power-on.
    case off

    var answers: Bool { self == .on }
}

/// The SIM card.
struct SIMState: Sendable, Equatable {
    enum Lock: Sendable, Equatable {
        case ready
        case pinRequired
        case pukRequired
        /// PUK attempts exhausted.
        case blocked
    }

    var present: Bool
    var pin: String?
    var puk: String
    /// Whether the PIN is asked for at boot (`AT+CLCK="SC",...`).
    var pinEnabled: Bool
    var lock: Lock
    var pinAttemptsLeft: Int
    var pukAttemptsLeft: Int
    /// Until when SIM commands answer "SIM busy".
    var busyUntil: Duration = .zero
    /// Whether the SIM finished initialising after boot.
    var initialised = false

    init(configuration: SIMConfiguration) {
        present = configuration.present
        pin = configuration.pin
        puk = configuration.puk
        pinEnabled = configuration.pin != nil
        lock = configuration.pin != nil ? .pinRequired : .ready
        pinAttemptsLeft = configuration.pinAttempts
        pukAttemptsLeft = configuration.pukAttempts
    }
}

/// The radio and its registration.
struct NetworkState: Sendable, Equatable {
    /// `+CFUN` level: 0 minimum, 1 full, 4 radio off.
    var functionality = 1
    /// Registration status per domain (TS 27.007 `<stat>`), indexed by ``Domain``.
    var status: [Int] = [0, 0, 0]
    /// `+CREG`, `+CGREG`, `+CEREG` reporting levels.
    var reporting: [Int] = [0, 0, 0]
    /// `+COPS` mode: 0 automatic, 1 manual, 2 deregistered, 4 manual then automatic.
    var operatorMode = 0
    /// `+COPS` format: 0 long, 1 short, 2 numeric.
    var operatorFormat = 0
    /// Index into the configured operators of the network it registers on.
    var operatorIndex = 0
    var rejectCause: Int?
    /// Whether the registration outcome is overridden by an injected event.
    var outcome: NetworkConfiguration.Outcome
    var areaCode: String
    var cellID: String
    var signal: SignalState

    enum Domain: Int, Sendable, CaseIterable {
        case circuit = 0
        case gprs = 1
        case eps = 2

        var name: String {
            switch self {
            case .circuit: "+CREG"
            case .gprs: "+CGREG"
            case .eps: "+CEREG"
            }
        }
    }

    init(configuration: NetworkConfiguration) {
        outcome = configuration.registration
        areaCode = configuration.areaCode
        cellID = configuration.cellID
        signal = SignalState(rssi: 20, ber: 99, lastStep: .zero, scriptIndex: 0)
    }

    static func initialSignal(_ signal: NetworkConfiguration.Signal) -> SignalState {
        switch signal {
        case .fixed(let rssi): SignalState(rssi: rssi, ber: 99, lastStep: .zero, scriptIndex: 0)
        case .randomWalk(let start, _, _): SignalState(rssi: start, ber: 99, lastStep: .zero, scriptIndex: 0)
        case .scripted(let values): SignalState(rssi: values.first ?? 99, ber: 99, lastStep: .zero, scriptIndex: 0)
        }
    }

    var isRegistered: Bool {
        let eps = status[Domain.eps.rawValue], gprs = status[Domain.gprs.rawValue], cs = status[Domain.circuit.rawValue]
        return [1, 5, 6, 7, 9, 10].contains(eps) || [1, 5].contains(gprs) || [1, 5].contains(cs)
    }
}

/// The signal, stepped lazily when read.
struct SignalState: Sendable, Equatable {
    /// 0–31, or 99 unknown (`+CSQ` scale).
    var rssi: Int
    var ber: Int
    var lastStep: Duration
    var scriptIndex: Int
    /// Set by an injected signal change; stops the configured profile.
    var pinned = false
}

/// Packet domain: attach and PDP contexts.
struct PacketState: Sendable, Equatable {
    struct Context: Sendable, Equatable {
        var cid: Int
        var type: String
        var apn: String
        var active = false
        var address: String?
        /// PAP/CHAP credentials (`+CGAUTH`, `+QICSGP`); never printed.
        var username: String?
        var password: String?
        var authentication = 0
    }

    var attached = false
    /// Defined contexts by cid, in cid order.
    var contexts: [Context] = []

    func context(_ cid: Int) -> Context? {
        contexts.first { $0.cid == cid }
    }

    mutating func update(_ cid: Int, _ change: (inout Context) -> Void) {
        if let index = contexts.firstIndex(where: { $0.cid == cid }) {
            change(&contexts[index])
        }
    }
}

/// PSM and eDRX requests and the network's grants.
struct PowerSavingState: Sendable, Equatable {
    var psmMode = 0
    /// Requested periodic TAU (T3412 ext) and active time (T3324), 8-bit strings.
    var requestedTAU: String?
    var requestedActiveTime: String?
    var edrxMode = 0
    var edrxAccessType = 4
    var requestedEDRX: String?
    /// When the modem last did something; it falls asleep `activeTime` after this.
    var lastActivity: Duration = .zero
    var sleepCount = 0
}

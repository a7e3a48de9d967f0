/// Network registration as `+CREG` (TS 27.007 §7.2), `+CGREG` (§10.1.20) and `+CEREG`
/// (§10.1.22) report it, in both shapes those lines take:
///
///     read response  +CEREG: <n>,<stat>[,[<tac>],[<ci>],[<AcT>][,<cause_type>,<reject_cause>[,[<Active-Time>],[<Periodic-TAU>]]]]
///     URC            +CEREG: <stat>[,[<tac>],[<ci>],[<AcT>][,...]]
///     +CGREG adds <rac> after <AcT>, and its n=4/5 timers are <Active-Time>,<Periodic-RAU>,<GPRS-READY-timer>.
///
/// The two shapes cannot be told apart from the line alone (`+CEREG: 2` is a URC saying
/// "searching"; `+CEREG: 2,1` is a read response, n 2, stat 1), so ``parse(_:form:)`` is told
/// which one it has. Fields sit at fixed positions whatever `n` is, and empty fields are
/// accepted (`+CEREG: 2,,,,,,,,` on SARA-R422), as are unquoted area codes with spaces
/// (`+CREG: 1, 5C9, 39E5`). Fields after the last defined one are ignored.
public struct Registration: Sendable, Hashable {
    /// Which command reported it.
    public enum Domain: String, Sendable, Hashable, CaseIterable {
        /// `+CREG`: circuit-switched.
        case circuitSwitched = "+CREG"
        /// `+CGREG`: GPRS packet domain.
        case gprs = "+CGREG"
        /// `+CEREG`: EPS.
        case eps = "+CEREG"

        /// The URC name, also the command name: `+CEREG`.
        public var name: String { rawValue }
        /// The line prefix: `+CEREG:`.
        public var prefix: String { rawValue + ":" }
    }

    /// Which of the two line shapes to parse.
    public enum Form: Sendable, Hashable {
        /// The answer to `AT+CEREG?`: the first field is `<n>`.
        case read
        /// The URC: the first field is `<stat>`.
        case unsolicited
    }

    /// `<n>` of `AT+CREG=<n>`: what the URCs carry. CREG defines 0...3; CGREG and CEREG 0...5.
    public enum Reporting: Int, Sendable, Hashable, CaseIterable {
        case disabled = 0
        case status = 1
        case location = 2
        case locationAndCause = 3
        case locationAndPSM = 4
        case locationPSMAndCause = 5
    }

    /// `<stat>`.
    public enum Status: Sendable, Hashable {
        case notRegistered              // 0, not searching
        case home                       // 1
        case searching                  // 2
        case denied                     // 3
        case unknown                    // 4, e.g. out of coverage
        case roaming                    // 5
        case smsOnlyHome                // 6
        case smsOnlyRoaming             // 7
        case emergencyOnly              // 8, attached for emergency bearer services only
        case csfbNotPreferredHome       // 9
        case csfbNotPreferredRoaming    // 10
        case other(Int)

        private static let known: [Status] = [
            .notRegistered, .home, .searching, .denied, .unknown, .roaming, .smsOnlyHome,
            .smsOnlyRoaming, .emergencyOnly, .csfbNotPreferredHome, .csfbNotPreferredRoaming,
        ]

        public init(code: Int) {
            self = Status.known.indices.contains(code) ? Status.known[code] : .other(code)
        }

        public var code: Int {
            if case .other(let code) = self { return code }
            return Status.known.firstIndex(of: self) ?? -1
        }

        /// Registered with the network (home or roaming, including SMS-only and CSFB-not-preferred).
        public var isRegistered: Bool {
            switch self {
            case .home, .roaming, .smsOnlyHome, .smsOnlyRoaming, .csfbNotPreferredHome, .csfbNotPreferredRoaming: true
            default: false
            }
        }

        /// Registered on a visited network.
        public var isRoaming: Bool {
            self == .roaming || self == .smsOnlyRoaming || self == .csfbNotPreferredRoaming
        }
    }

    public var domain: Domain
    /// `<n>`, present in the read form only.
    public var reportingLevel: Int?
    public var status: Status
    /// `<lac>` or `<tac>`: hex, upper-cased, as printed (`"FFFE"`).
    public var areaCode: String?
    /// `<ci>`: hex, upper-cased (28 bits for E-UTRAN).
    public var cellID: String?
    public var accessTechnology: AccessTechnology?
    /// `<rac>` (+CGREG only): hex.
    public var routingArea: String?
    /// `<cause_type>`: 0 for a TS 24.008/24.301 EMM cause, 1 for a manufacturer-specific one.
    public var causeType: Int?
    public var rejectCause: Int?
    /// `<Active-Time>` (T3324) granted by the network.
    public var activeTime: GPRSTimer?
    /// `<Periodic-TAU>` (+CEREG, T3412 extended) or `<Periodic-RAU>` (+CGREG, T3312 extended).
    public var periodicUpdate: GPRSTimer?
    /// `<GPRS-READY-timer>` (+CGREG only).
    public var readyTimer: GPRSTimer?

    public init(
        domain: Domain, reportingLevel: Int? = nil, status: Status, areaCode: String? = nil,
        cellID: String? = nil, accessTechnology: AccessTechnology? = nil, routingArea: String? = nil,
        causeType: Int? = nil, rejectCause: Int? = nil, activeTime: GPRSTimer? = nil,
        periodicUpdate: GPRSTimer? = nil, readyTimer: GPRSTimer? = nil
    ) {
        self.domain = domain
        self.reportingLevel = reportingLevel
        self.status = status
        self.areaCode = areaCode
        self.cellID = cellID
        self.accessTechnology = accessTechnology
        self.routingArea = routingArea
        self.causeType = causeType
        self.rejectCause = rejectCause
        self.activeTime = activeTime
        self.periodicUpdate = periodicUpdate
        self.readyTimer = readyTimer
    }

    /// ``areaCode`` as a number.
    public var areaCodeValue: Int? { areaCode.flatMap { Int($0, radix: 16) } }
    /// ``cellID`` as a number.
    public var cellIDValue: Int? { cellID.flatMap { Int($0, radix: 16) } }
}

extension Registration {
    /// Parses a `+CREG:`, `+CGREG:` or `+CEREG:` line in the given form; the prefix says which.
    ///
    ///     try Registration.parse("+CEREG: 2,1,\"1A2B\",\"01A2D001\",9", form: .read)
    ///     try Registration.parse("+CEREG: 5", form: .unsolicited)     // status .roaming
    public static func parse(_ line: String, form: Form) throws(ATParseError) -> Registration {
        guard let domain = Domain.allCases.first(where: { line.hasPrefix($0.prefix) }) else {
            throw ATParseError(command: "+CREG/+CGREG/+CEREG", line: line, reason: "not a registration line")
        }
        return try parse(line, domain: domain, form: form)
    }

    static func parse(_ line: String, domain: Domain, form: Form) throws(ATParseError) -> Registration {
        let body = try StandardParsing.body(of: line, prefix: domain.prefix, command: domain.name)
        let context = ATFieldsContext(command: domain.name, line: line)
        let fields = try StandardParsing.fields(body, context)
        guard !fields.isEmpty else { throw context.error("the line has no fields") }

        var reportingLevel: Int?
        var base = 0   // the index of <stat>
        if form == .read {
            reportingLevel = try StandardParsing.count(fields, 0, name: "<n>", in: context)
            base = 1
        }
        let stat = try StandardParsing.count(fields, base, name: "<stat>", in: context)
        var registration = Registration(domain: domain, reportingLevel: reportingLevel, status: Status(code: stat))
        registration.areaCode = try StandardParsing.hexText(fields, base + 1, maxDigits: 6, name: "<lac>/<tac>", in: context)
        registration.cellID = try StandardParsing.hexText(fields, base + 2, maxDigits: 9, name: "<ci>", in: context)
        if let act = try fields.int(base + 3, in: context) {
            guard act >= 0 else { throw context.error("<AcT> \(act) is negative") }
            registration.accessTechnology = AccessTechnology(code: act)
        }
        var next = base + 4
        if domain == .gprs {
            registration.routingArea = try StandardParsing.hexText(fields, next, maxDigits: 2, name: "<rac>", in: context)
            next += 1
        }
        registration.causeType = try fields.int(next, in: context)
        registration.rejectCause = try fields.int(next + 1, in: context)
        guard domain != .circuitSwitched else { return registration }
        registration.activeTime = try timer(fields, next + 2, .timer2, "<Active-Time>", context)
        let periodicName = domain == .eps ? "<Periodic-TAU>" : "<Periodic-RAU>"
        registration.periodicUpdate = try timer(fields, next + 3, .timer3, periodicName, context)
        if domain == .gprs {
            registration.readyTimer = try timer(fields, next + 4, .timer2, "<GPRS-READY-timer>", context)
        }
        return registration
    }

    private static func timer(
        _ fields: ATFields, _ index: Int, _ coding: GPRSTimer.Coding, _ name: String, _ context: ATFieldsContext
    ) throws(ATParseError) -> GPRSTimer? {
        guard let bits = fields.text(index)?.trimmingSpaces(), !bits.isEmpty else { return nil }
        guard let timer = GPRSTimer(bits: bits, coding: coding) else {
            throw context.error("\(name) \"\(bits)\" is not 8 binary digits")
        }
        return timer
    }

    /// Whether a line has the read shape: at least two fields, both bare numbers (`<n>,<stat>`).
    ///
    /// `+CEREG: 2` (one field), `+CEREG: 1,"1A2B",...` (quoted area code), `+CEREG: 2,,,,,,,,`
    /// (empty second field) and `+CREG: 1, 5C9, 39E5` are URC-shaped. An unquoted area code
    /// of decimal digits only (`+CREG: 1, 12, 39E5`) would be taken as the read shape; no modem
    /// is known to print that while a read is pending.
    public static func hasReadShape(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: ATByte.colon) else { return false }
        if let shaped = hasReadShape(asciiFields: line[line.index(after: colon)...]) { return shaped }
        let fields = ATFields(ATText.decode(line[line.index(after: colon)...]))
        guard fields.count >= 2, case .bare(let n) = fields[0], case .bare(let stat) = fields[1] else { return false }
        return StandardParsing.isDigits(n) && StandardParsing.isDigits(stat)
    }

    /// ``hasReadShape(_:)`` read from the bytes when the first two fields are plain ASCII
    /// without quotes (what modems print): each, trimmed of spaces and tabs, must be digits.
    /// `nil` for anything else (quotes, other bytes), which ``ATFields`` decides.
    private static func hasReadShape(asciiFields rest: ArraySlice<UInt8>) -> Bool? {
        rest.withUnsafeBufferPointer { bytes in
            var index = 0
            for field in 0..<2 {
                let start = index
                while index < bytes.count, bytes[index] != ATByte.comma {
                    if bytes[index] >= 0x80 || bytes[index] == ATByte.quote { return nil }
                    index += 1
                }
                // One field only: not the read shape.
                if field == 0, index == bytes.count { return false }
                var first = start
                var end = index
                while first < end, bytes[first] == ATByte.space || bytes[first] == 0x09 { first += 1 }
                while end > first, bytes[end - 1] == ATByte.space || bytes[end - 1] == 0x09 { end -= 1 }
                if first == end { return false }
                for position in first..<end where bytes[position] < 0x30 || bytes[position] > 0x39 { return false }
                index += 1
            }
            return true
        }
    }
}

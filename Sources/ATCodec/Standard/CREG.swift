// Registration commands: +CREG (TS 27.007 §7.2), +CGREG (§10.1.20), +CEREG (§10.1.22).
// All three answer with the shared ``Registration`` model; see Registration.swift.
//
// Timeouts: the state is held in the modem; Quectel's manuals give 300 ms for these, we allow
// 1 s for slow links.

/// Circuit-switched registration, TS 27.007 §7.2.
public enum CREG {
    /// The URC name, as the registry knows it.
    public static let name = "+CREG"

    /// Reads the registration state. The answer's shape (≥ 2 numeric fields) is told apart
    /// from a `+CREG: <stat>` URC arriving meanwhile (``Registration/hasReadShape(_:)``).
    ///
    ///     → AT+CREG?
    ///     ← +CREG: 0,5          (SIM800, roaming)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CREG.name) }
        public static var prefixes: [String] { [Registration.Domain.circuitSwitched.prefix] }
        public static var timeout: Duration { .seconds(1) }
        public static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool { Registration.hasReadShape(line) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Registration {
            try Registration.parseRead(response, domain: .circuitSwitched)
        }
    }

    /// Chooses what `+CREG` URCs carry (CREG defines 0...3).
    ///
    ///     → AT+CREG=2
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Registration.Reporting
        public init(mode: Registration.Reporting) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CREG.name, numbers: [mode.rawValue]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The `+CREG: <stat>[,...]` URC.
    ///
    ///     ← +CREG: 1, 5C9, 39E5       (old modems: unquoted, spaces)
    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> Registration {
            try Registration.parse(line, domain: .circuitSwitched, form: .unsolicited)
        }
    }
}

/// GPRS registration, TS 27.007 §10.1.20.
public enum CGREG {
    public static let name = "+CGREG"

    /// Reads the GPRS registration state.
    ///
    ///     → AT+CGREG?
    ///     ← +CGREG: 2,1,"1A2B","01A2D001",2,"05"
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CGREG.name) }
        public static var prefixes: [String] { [Registration.Domain.gprs.prefix] }
        public static var timeout: Duration { .seconds(1) }
        public static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool { Registration.hasReadShape(line) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Registration {
            try Registration.parseRead(response, domain: .gprs)
        }
    }

    /// Chooses what `+CGREG` URCs carry.
    ///
    ///     → AT+CGREG=4
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Registration.Reporting
        public init(mode: Registration.Reporting) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CGREG.name, numbers: [mode.rawValue]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The `+CGREG: <stat>[,...]` URC.
    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> Registration {
            try Registration.parse(line, domain: .gprs, form: .unsolicited)
        }
    }
}

/// EPS registration, TS 27.007 §10.1.22.
public enum CEREG {
    public static let name = "+CEREG"

    /// Reads the EPS registration state. nRF9160 may print a URC-shaped `+CEREG: 2` before the
    /// answer; it is not taken as the answer (``ownsLine(_:)``) and still reaches URC subscribers.
    ///
    ///     → AT+CEREG?
    ///     ← +CEREG: 2,1,"1A2B","01A2D001",9        (BG96)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CEREG.name) }
        public static var prefixes: [String] { [Registration.Domain.eps.prefix] }
        public static var timeout: Duration { .seconds(1) }
        public static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool { Registration.hasReadShape(line) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Registration {
            try Registration.parseRead(response, domain: .eps)
        }
    }

    /// Chooses what `+CEREG` URCs carry; 4 and 5 add the PSM timers.
    ///
    ///     → AT+CEREG=5
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Registration.Reporting
        public init(mode: Registration.Reporting) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CEREG.name, numbers: [mode.rawValue]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The `+CEREG: <stat>[,...]` URC.
    ///
    ///     ← +CEREG: 2,,,,,,,,          (SARA-R422: searching, every optional field empty)
    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> Registration {
            try Registration.parse(line, domain: .eps, form: .unsolicited)
        }
    }
}

extension Registration {
    /// The answer to a read: the first line of read shape (a URC-shaped line that slipped into
    /// the response is skipped), or an error carrying the first line.
    static func parseRead(_ response: ATResponse, domain: Domain) throws(ATParseError) -> Registration {
        let lines = response.lines.filter { $0.hasPrefix(domain.prefix) }
        guard let line = lines.first(where: { hasReadShape(ArraySlice($0.utf8)) }) else {
            throw ATParseError(
                command: response.command, line: lines.first ?? response.lines.first,
                reason: "no \(domain.prefix) line of the read shape <n>,<stat>[,...]"
            )
        }
        do {
            return try parse(line, domain: domain, form: .read)
        } catch {
            throw ATParseError(command: response.command, line: error.line, reason: error.reason)
        }
    }
}

import ATCodec
import SMSPDU

extension TraceDecoder {
    /// What an information line says: signal, registration, a stored SMS after its `+CMGR:` header.
    mutating func responseObservation(_ text: String, header: String?) -> Observation? {
        if let header, Self.isHex(text) {
            // +CMGR: <stat>,[<alpha>],<length>   +CMGL: <index>,<stat>,[<alpha>],<length>
            let fields = ATFields(String(header.drop { $0 != ":" }.dropFirst()))
            let stat = fields.text(header.hasPrefix("+CMGL:") ? 1 : 0).flatMap { Int($0.filter { $0 != " " }) }
            // 0 and 1 are received messages, 2 and 3 stored outgoing ones (TS 27.005 §3.1).
            let direction: SMSDirection = (stat ?? 0) >= 2 ? .fromMobile : .toMobile
            return .sms(SMSObservation(pduHex: text, direction: direction))
        }
        if Self.hasPrefix(text, "+CSQ:") {
            return signal(text)
        }
        if let domain = Self.registrationDomains.first(where: { Self.hasPrefix(text, $0.prefix) })?.domain {
            // A line of another shape (a URC during the command) says nothing here.
            return registration(text, domain: domain, form: .read) { Registration.hasReadShape(ArraySlice(text.utf8)) }
        }
        return nil
    }

    /// What a URC says; `powerOn`: the classifier found it as a URC that announces a restart.
    mutating func urcObservations(_ urc: DecodedURC, powerOn: Bool) -> [Observation] {
        if let domain = Self.registrationDomains.first(where: { $0.name == urc.name })?.domain {
            return registration(urc.text, domain: domain, form: .unsolicited).map { [$0] } ?? []
        }
        switch urc.name {
        case "+CMT":
            guard let body = urc.following.first else { return [] }
            if textMode {
                let originator = ATFields(String(urc.text.dropFirst("+CMT:".count))).text(0)
                return [.sms(SMSObservation(text: body, kind: "deliver", address: originator))]
            }
            return [.sms(SMSObservation(pduHex: body, direction: .toMobile))]
        case "+CDS":
            guard let body = urc.following.first, !textMode else { return [] }
            return [.sms(SMSObservation(pduHex: body, direction: .toMobile))]
        default:
            return powerOn ? [.restart(urc.text)] : []
        }
    }

    /// Each registration domain with its name and line prefix, made once: `Domain.prefix`
    /// builds its string on every call.
    private static let registrationDomains = Registration.Domain.allCases.map { (domain: $0, name: $0.name, prefix: $0.prefix) }

    /// What a payload written after a prompt says: the SMS of `AT+CMGS`/`AT+CMGW`.
    func payloadObservation(_ command: String, _ payload: ArraySlice<UInt8>) -> Observation? {
        guard Self.hasPrefixIgnoringCase(command, "AT+CMGS=") || Self.hasPrefixIgnoringCase(command, "AT+CMGW=") else { return nil }
        let body = Self.text(payload)
        if textMode {
            let destination = ATFields(String(command.drop { $0 != "=" }.dropFirst())).text(0)
            return .sms(SMSObservation(text: body, kind: "submit", address: destination))
        }
        return .sms(SMSObservation(pduHex: body, direction: .fromMobile))
    }

    private mutating func signal(_ text: String) -> Observation? {
        let quality = parsedLines.signal(text) { try? CSQ.Execute().parse(ATResponse(command: "AT+CSQ", lines: [text])) }
        guard let quality else { return nil }
        defer { rssi = .some(quality.rssi) }
        return .signal(SignalObservation(rssi: quality.rssi, dBm: quality.rssiDBm, previous: rssi))
    }

    private mutating func registration(_ text: String, domain: Registration.Domain, form: Registration.Form,
                                       if shaped: () -> Bool = { true }) -> Observation? {
        let parsed = parsedLines.registration(text, form: form) {
            shaped() ? (try? Registration.parse(text, form: form)).map(RegistrationFacts.init) : nil
        }
        guard let parsed else { return nil }
        let previous = registration[domain]
        registration[domain] = parsed.status
        return .registration(RegistrationObservation(
            domain: domain, status: parsed.status, previous: previous,
            accessTechnology: parsed.accessTechnology, rejectCause: parsed.rejectCause))
    }

    /// `text.hasPrefix(prefix)` for an ASCII `prefix`, comparing bytes: the same answer unless
    /// a non-ASCII scalar (a combining mark) follows the prefix, which is left to `hasPrefix`.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text
        var prefix = prefix
        // Both native (contiguous) strings: compared through pointers.
        let bytes = text.withUTF8 { text -> Bool? in
            prefix.withUTF8 { prefix -> Bool? in
                guard text.count >= prefix.count else { return false }
                for index in 0..<prefix.count where text[index] != prefix[index] { return false }
                return text.count == prefix.count || text[prefix.count] < 0x80 ? true : nil
            }
        }
        return bytes ?? text.hasPrefix(prefix)
    }

    /// `text.uppercased().hasPrefix(prefix)` for an upper-case ASCII `prefix`, without the
    /// copy when the text starts with ASCII (anything else, which Unicode case mapping or a
    /// combining mark could change, goes the long way).
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.prefix(prefix.utf8.count + 1).allSatisfy({ $0 < 0x80 }) else {
            return text.uppercased().hasPrefix(prefix)
        }
        guard utf8.count >= prefix.utf8.count else { return false }
        return zip(utf8, prefix.utf8).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }

    static func isHex(_ text: String) -> Bool {
        text.utf8.count >= 2 && text.utf8.count % 2 == 0 && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66)
        }
    }
}

/// The last few registration and `+CSQ` lines parsed, by their text: a modem polled every few
/// seconds prints the same few lines again and again, and parsing is a pure function of the
/// text, so each distinct line is parsed once while it is in the table. Bounded: the table is
/// emptied when it reaches `capacity` lines.
struct ParsedLineCache: Sendable {
    var capacity = 256
    /// One table per form: a table of tables would hash the form too, for every line.
    private var readLines: [String: RegistrationFacts?] = [:]
    private var unsolicitedLines: [String: RegistrationFacts?] = [:]
    private var signals: [String: CSQ.SignalQuality?] = [:]

    mutating func registration(_ text: String, form: Registration.Form, parse: () -> RegistrationFacts?) -> RegistrationFacts? {
        switch form {
        case .read: Self.lookUp(text, in: &readLines, capacity: capacity, parse: parse)
        case .unsolicited: Self.lookUp(text, in: &unsolicitedLines, capacity: capacity, parse: parse)
        }
    }

    private static func lookUp(_ text: String, in table: inout [String: RegistrationFacts?], capacity: Int,
                               parse: () -> RegistrationFacts?) -> RegistrationFacts? {
        if let known = table[text] { return known }
        let parsed = parse()
        if table.count >= capacity { table.removeAll(keepingCapacity: true) }
        table[text] = parsed
        return parsed
    }

    mutating func signal(_ text: String, parse: () -> CSQ.SignalQuality?) -> CSQ.SignalQuality? {
        if let known = signals[text] { return known }
        let parsed = parse()
        if signals.count >= capacity { signals.removeAll(keepingCapacity: true) }
        signals[text] = parsed
        return parsed
    }
}

/// What the decoder reports of a registration line: no strings (the area and cell codes), so
/// a value found in ``ParsedLineCache`` is copied without retaining anything.
struct RegistrationFacts: Sendable {
    var status: Registration.Status
    var accessTechnology: AccessTechnology?
    var rejectCause: Int?

    init(_ registration: Registration) {
        status = registration.status
        accessTechnology = registration.accessTechnology
        rejectCause = registration.rejectCause
    }
}

/// The last registration status seen per domain: three fields, where a dictionary would hash
/// the domain for every registration line.
struct RegistrationStates: Sendable {
    private var circuitSwitched: Registration.Status?
    private var gprs: Registration.Status?
    private var eps: Registration.Status?

    subscript(domain: Registration.Domain) -> Registration.Status? {
        get {
            switch domain {
            case .circuitSwitched: circuitSwitched
            case .gprs: gprs
            case .eps: eps
            }
        }
        set {
            switch domain {
            case .circuitSwitched: circuitSwitched = newValue
            case .gprs: gprs = newValue
            case .eps: eps = newValue
            }
        }
    }

    mutating func removeAll() {
        self = RegistrationStates()
    }
}

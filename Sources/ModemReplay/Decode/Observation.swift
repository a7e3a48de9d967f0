import ATCodec
import SMSPDU

/// A fact the decoder read out of a line: registration, signal, an SMS, a restart.
///
///     "+CEREG: 1,\"1A2B\",\"01A2D001\",7"  (URC)  → .registration(domain .eps, status .home, previous .searching, AcT E-UTRAN)
///     "+CSQ: 21,99"                                → .signal(rssi 21, -71 dBm, previous nil)
///     "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07" (+CMT) → .sms(deliver from +31641600986 "How are you?")
public enum Observation: Sendable, Hashable, CustomStringConvertible {
    /// A `+CREG`, `+CGREG` or `+CEREG` line (read response or URC).
    case registration(RegistrationObservation)
    /// A `+CSQ` answer.
    case signal(SignalObservation)
    /// A decoded SMS PDU (or a text-mode message).
    case sms(SMSObservation)
    /// A line announced a restart (`RDY`), or the trace recorded one.
    case restart(String)

    public var description: String { TextBuffer.text(of: self, capacity: 64) { $0.writeText(into: &$1) } }

    /// Appends ``description`` to `text`.
    func writeText(into text: inout TextBuffer) {
        switch self {
        case .registration(let registration): registration.writeText(into: &text)
        case .signal(let signal): signal.writeText(into: &text)
        case .sms(let sms): sms.writeText(into: &text)
        case .restart(let why):
            text.ascii("modem restarted (")
            text.string(why)
            text.ascii(")")
        }
    }
}

/// Registration status as one line reported it, with the previous status of the same domain.
public struct RegistrationObservation: Sendable, Hashable, CustomStringConvertible {
    public var domain: Registration.Domain
    public var status: Registration.Status
    /// The status the trace showed last for this domain; `nil` when this is the first.
    public var previous: Registration.Status?
    public var accessTechnology: AccessTechnology?
    public var rejectCause: Int?

    /// Whether the status differs from the previous one (the first one counts as a change).
    public var isChange: Bool { previous != status }

    public var description: String { TextBuffer.text(of: self, capacity: 64) { $0.writeText(into: &$1) } }

    /// Appends ``description`` to `text`.
    func writeText(into text: inout TextBuffer) {
        text.ascii("registration ")
        text.string(domain.name)
        text.ascii(": ")
        if let previous, previous != status {
            text.string(Self.name(previous))
            text.ascii(" → ")
            text.string(Self.name(status))
        } else if previous == nil {
            text.string(Self.name(status))
        } else {
            text.string(Self.name(status))
            text.ascii(" (unchanged)")
        }
        if let accessTechnology {
            text.ascii(", ")
            text.string(accessTechnology.description)
        }
        if let rejectCause {
            text.ascii(", reject cause ")
            text.integer(rejectCause)
        }
    }

    /// A short name for a `<stat>`.
    public static func name(_ status: Registration.Status) -> String {
        switch status {
        case .notRegistered: "not registered"
        case .home: "home"
        case .searching: "searching"
        case .denied: "denied"
        case .unknown: "unknown"
        case .roaming: "roaming"
        case .smsOnlyHome: "SMS only, home"
        case .smsOnlyRoaming: "SMS only, roaming"
        case .emergencyOnly: "emergency only"
        case .csfbNotPreferredHome: "CSFB not preferred, home"
        case .csfbNotPreferredRoaming: "CSFB not preferred, roaming"
        case .other(let code): "stat \(code)"
        }
    }
}

/// Signal quality from `+CSQ`, with the previous reading.
public struct SignalObservation: Sendable, Hashable, CustomStringConvertible {
    /// `<rssi>` 0...31, `nil` for 99 (unknown).
    public var rssi: Int?
    public var dBm: Int?
    /// The previous `<rssi>` seen in the trace (`.some(nil)`: it was 99); `nil` when this is the first.
    public var previous: Int??

    public var description: String { TextBuffer.text(of: self, capacity: 64) { $0.writeText(into: &$1) } }

    /// Appends ``description`` to `text`: `signal: rssi 9 → rssi 22 (-69 dBm)`.
    func writeText(into text: inout TextBuffer) {
        text.ascii("signal: ")
        if let previous, previous != rssi {
            if let previous {
                text.ascii("rssi ")
                text.integer(previous)
            } else {
                text.ascii("unknown")
            }
            text.ascii(" → ")
        }
        if let rssi {
            text.ascii("rssi ")
            text.integer(rssi)
            if let dBm {
                text.ascii(" (")
                text.integer(dBm)
                text.ascii(" dBm)")
            }
        } else {
            text.ascii("rssi unknown")
        }
        if let previous, previous == rssi { text.ascii(" (unchanged)") }
    }
}

/// An SMS read from a PDU or from text mode.
public struct SMSObservation: Sendable, Hashable, CustomStringConvertible {
    /// `deliver`, `submit`, `status-report`, `submit-report`, `deliver-report`, `text`.
    public var kind: String
    /// Originator, destination or recipient.
    public var address: String?
    /// The text, or the user data in hex when it is binary.
    public var text: String?
    /// `part/total` of a concatenated message.
    public var part: String?
    /// For status reports: the TP-Status meaning.
    public var status: String?
    /// Why the PDU could not be decoded; the other fields are then `nil`.
    public var error: String?

    public var description: String { TextBuffer.text(of: self, capacity: 64) { $0.writeText(into: &$1) } }

    /// Appends ``description`` to `text`.
    func writeText(into text: inout TextBuffer) {
        if let error {
            text.ascii("SMS PDU not decoded: ")
            text.string(error)
            return
        }
        text.ascii("SMS ")
        text.string(kind)
        if let address {
            text.ascii(kind == "deliver" ? " from " : " to ")
            text.string(address)
        }
        text.labelled(" part ", part)
        text.labelled(", status ", status)
        if let body = self.text {
            text.ascii(": \"")
            text.string(body)
            text.ascii("\"")
        }
    }

    /// Decodes a PDU as the modem printed it (hex, SMSC first).
    ///
    ///     SMSObservation(pduHex: "0011000B911326880736F40000AA05C8329BFD06", direction: .fromMobile)
    ///     // SMS submit to +31628870634: "Hello"
    public init(pduHex: some StringProtocol, direction: SMSDirection) {
        kind = "pdu"
        do {
            let pdu = try SMSPDU.decode(hex: pduHex, direction: direction)
            switch pdu.tpdu {
            case .deliver(let deliver):
                kind = "deliver"
                address = deliver.originator.description
                describe(deliver.userData)
            case .submit(let submit):
                kind = "submit"
                address = submit.destination.description
                describe(submit.userData)
            case .statusReport(let report):
                kind = "status-report"
                address = report.recipient.description
                status = report.status.description
            case .submitReport(let report):
                kind = "submit-report"
                status = report.failureCause.map { "failure cause \($0)" }
            case .deliverReport:
                kind = "deliver-report"
            }
        } catch {
            self.error = error.description
        }
    }

    /// A text-mode message (`AT+CMGF=1`): the text as printed.
    public init(text: String, kind: String = "text", address: String? = nil) {
        self.kind = kind
        self.address = address
        self.text = text
    }

    private mutating func describe(_ userData: SMSUserData) {
        if let concatenation = userData.header?.concatenation {
            part = "\(concatenation.sequence)/\(concatenation.total)"
        }
        switch userData.body {
        case .text(let body): text = body
        case .data(let bytes), .compressed(let bytes): text = PDUHex.string(bytes)
        }
    }
}

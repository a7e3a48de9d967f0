/// A message the modem handed to its (virtual) network, as a test or `sim ctl` sees it.
///
///     AT+CMGF=1;+CMGS="+447700900123"  > hello ^Z   → +CMGS: 0
///     modem.sentMessages.last   // SentSMS(reference: 0, destination: "+447700900123", text: "hello", ...)
public struct SentSMS: Sendable, Equatable, Codable {
    /// TP-MR, as `+CMGS:`/`+CMSS:` printed it.
    public var reference: Int
    /// TP-DA, with `+` for international numbers.
    public var destination: String
    /// The text (GSM 7-bit or UCS-2 user data), or the data as upper-case hex for 8-bit data.
    public var text: String
    /// Concatenation: (reference, total, sequence) when the message is one part of a long one.
    public var part: Part?
    /// TP-SRR: the sender asked for a status report.
    public var statusReportRequested: Bool

    public struct Part: Sendable, Equatable, Codable {
        public var reference: Int
        public var total: Int
        public var sequence: Int

        public init(reference: Int, total: Int, sequence: Int) {
            self.reference = reference
            self.total = total
            self.sequence = sequence
        }
    }

    public init(reference: Int, destination: String, text: String, part: Part? = nil, statusReportRequested: Bool = false) {
        self.reference = reference
        self.destination = destination
        self.text = text
        self.part = part
        self.statusReportRequested = statusReportRequested
    }
}

extension VirtualModem {
    /// The latest messages sent with `+CMGS`/`+CMSS`, oldest first (the last eight).
    public var sentMessages: [SentSMS] { sms.outbox }
}

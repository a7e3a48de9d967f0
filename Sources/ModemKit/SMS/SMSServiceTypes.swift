import ATCodec
import SMSPDU

/// What went wrong in ``SMSService``; a refused number or text never reached the modem.
public enum SMSServiceError: Error, Sendable, CustomStringConvertible {
    /// Not an optional `+` and 1 to 20 digits. Nothing was sent.
    case invalidNumber(String)
    /// The text cannot be sent in the chosen encoding (or needs too many parts). Nothing was sent.
    case unsendableText(PDUError)
    /// Text mode with ``SMSSendOptions/encoding`` `.gsm7` sends one part of plain ASCII only
    /// (longer texts go as UCS-2 parts with a header); this text needs more. Nothing was sent.
    case textModeTooLong(parts: Int)
    /// A value the typed command refused. Nothing was sent.
    case invalidArgument(ATArgumentError)
    /// The modem answered an error, did not answer, or the connection ended. `sentReferences` holds
    /// the references of the parts accepted before the failure.
    case modem(ATClientError, sentReferences: [Int])
    /// A PDU from the modem that does not decode.
    case undecodablePDU(String, PDUError)
    /// No `+CUSD` answer within the time allowed.
    case noUSSDAnswer

    public var description: String {
        switch self {
        case .invalidNumber(let number): "\"\(number)\" is not a phone number (an optional + and 1 to 20 digits)"
        case .unsendableText(let error): "the text cannot be sent: \(error)"
        case .textModeTooLong(let parts): "text mode sends GSM 7-bit as one plain ASCII part; this text needs \(parts) (use UCS-2 or PDU mode)"
        case .invalidArgument(let error): "\(error)"
        case .modem(let error, let sent): sent.isEmpty ? "\(error)" : "\(error) (after parts with references \(sent))"
        case .undecodablePDU(let pdu, let error): "cannot decode PDU \(pdu): \(error)"
        case .noUSSDAnswer: "no +CUSD answer in time"
        }
    }
}

/// How ``SMSService/send(_:to:options:)`` sends.
public struct SMSSendOptions: Sendable, Hashable {
    public enum Mode: Sendable, Hashable { case pdu, text }

    /// PDU mode (default) builds the TPDUs here; text mode lets the modem build one.
    public var mode: Mode
    public var encoding: SMSEncoder.Options.Preference
    /// Class 0: shown at once, not stored (TS 23.038 §4).
    public var flash: Bool
    /// TP-SRR: ask for a status report for each part.
    public var statusReport: Bool
    /// At most this many parts.
    public var maxParts: Int

    public init(mode: Mode = .pdu, encoding: SMSEncoder.Options.Preference = .automatic, flash: Bool = false,
                statusReport: Bool = false, maxParts: Int = 10) {
        self.mode = mode
        self.encoding = encoding
        self.flash = flash
        self.statusReport = statusReport
        self.maxParts = maxParts
    }
}

/// What was sent: the encoding, the parts and their TP-Message-References (`+CMGS: <mr>`).
public struct SMSSendResult: Sendable, Hashable {
    public var destination: String
    public var encoding: SMSEncoding
    /// `+CMGS` references, one per part, in part order.
    public var references: [Int]
    /// The concatenation reference the parts carry; `nil` for a single part.
    public var concatenationReference: Int?
    public var partCount: Int { references.count }
}

/// A message received and reassembled (or delivered incomplete after the timeout).
public struct SMSReceivedMessage: Sendable, Hashable {
    /// `+4477...` or an alphanumeric sender.
    public var originator: String
    public var text: String
    public var partCount: Int
    /// 1-based numbers of parts that never came; empty when complete.
    public var missingParts: [Int]
    public var isComplete: Bool { missingParts.isEmpty }
    /// The service centre time stamp of the first part.
    public var timestamp: SMSTimestamp?
    /// Class 0 (flash) and so on, from the first part's DCS.
    public var messageClass: DataCodingScheme.MessageClass?
    public var message: SMSReassembler.Message

    init(_ message: SMSReassembler.Message) {
        self.message = message
        originator = message.originator.description
        text = message.text
        partCount = message.key.map { Int($0.total) } ?? 1
        missingParts = message.missingParts
        timestamp = message.parts.first?.serviceCentreTimestamp
        messageClass = message.parts.first?.dataCodingScheme.messageClass
    }
}

/// A status report (`+CDS` or `+CDSI`), with the sent part it answers when known.
public struct SMSDeliveryReport: Sendable, Hashable {
    public var reference: Int
    public var recipient: String
    public var status: SMSStatus
    public var isDelivered: Bool { status.isDelivered }
    /// The part this report is about, matched by reference and recipient; `nil` if unknown.
    public var sent: SMSReportCorrelator.SentPart?
    public var report: SMSStatusReport
}

/// A message in a storage, decoded.
public struct SMSStoredMessage: Sendable, Hashable {
    public var storage: SMSStorage
    public var index: Int
    public var status: SMSMessageStatus
    public var pdu: SMSPDU
    /// The PDU as the modem printed it (hex, SMSC first).
    public var hex: String
    /// The text of a DELIVER or SUBMIT (one part; reassembly is for incoming streams).
    public var text: String? {
        switch pdu.tpdu {
        case .deliver(let deliver): deliver.userData.text
        case .submit(let submit): submit.userData.text
        default: nil
        }
    }
    /// The sender of a DELIVER, the recipient of a SUBMIT or a report.
    public var number: String? {
        switch pdu.tpdu {
        case .deliver(let deliver): deliver.originator.description
        case .submit(let submit): submit.destination.description
        case .statusReport(let report): report.recipient.description
        default: nil
        }
    }
}

/// What ``SMSService/events()`` yields.
public enum SMSServiceEvent: Sendable, Hashable {
    case message(SMSReceivedMessage)
    /// One part of a concatenated message arrived (the whole message follows as ``message(_:)``).
    case partReceived(from: String, part: Int, of: Int)
    case statusReport(SMSDeliveryReport)
    /// The receive storage is full: new messages are refused by the network until space is freed.
    case storageFull(SMSStorage)
    /// A PDU from the modem that did not decode (kept, with the error's byte offset).
    case undecodable(pdu: String, error: PDUError)
    /// A text-mode message or report that did not parse or decode: its first line and why.
    case undecodableText(line: String, error: String)
}

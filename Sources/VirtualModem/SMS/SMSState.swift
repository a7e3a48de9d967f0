/// Message storage, routing settings and the messages waiting for delivery (TS 27.005).
///
/// What a SIM or the modem's flash would keep (stored messages, the service centre, the next
/// TP-MR) survives a reboot; the `+CMGF`/`+CNMI`/`+CSMP`/`+CPMS` selections do not. Nothing is
/// preallocated: an idle modem holds a few empty arrays, so a fleet of ten thousand stays small.
struct SMSState: Sendable, Equatable {
    // MARK: Kept across reboots

    /// `SM` (SIM) and `ME` (modem) storage; `MT` is both, SIM first.
    var simStorage: MessageStorage
    var modemStorage: MessageStorage
    /// `+CSCA`: the service centre address and its type of address.
    var serviceCentre = "+15550100000"
    var serviceCentreType = 145
    /// TP-MR of the next message sent (`+CMGS: <mr>`), wrapping at 255.
    var nextReference: UInt8 = 0
    /// The network's concatenation reference for the next long incoming message.
    var nextConcatenationReference: UInt8 = 0
    /// Incoming messages that arrived while the modem could not take them (asleep, radio off).
    var held: [NetworkEvent] = []
    /// PDUs the modem refused because the receive storage was full; the network tries again when
    /// a deletion frees memory.
    var refused: [[UInt8]] = []
    /// The latest messages sent, newest last (at most ``outboxLimit``).
    var outbox: [SentSMS] = []

    // MARK: Lost on reset

    var settings = Settings()
    /// Indications buffered while `+CNMI` mode is 0 (at most ``bufferLimit``).
    var bufferedIndications: [[String]] = []
    /// The `+CMT`/`+CDS` PDU waiting for `+CNMA` (when `+CSMS=1`).
    var awaitingAcknowledgement: [UInt8]?
    /// Identifies the acknowledgement timer that is current.
    var acknowledgementToken = 0
    /// Deliveries the network holds back until the previous one is acknowledged.
    var networkQueue: [[UInt8]] = []
    /// Identifies the USSD request whose answer is awaited (`+CUSD=2` moves it on).
    var ussdSession = 0

    /// The routing and format selections of TS 27.005 §3.
    struct Settings: Sendable, Equatable {
        /// `+CMGF`: text mode (1) or PDU mode (0, the default).
        var textMode = false
        /// `+CSDH`: show the extra header fields in text mode.
        var showHeader = false
        /// `+CSMS`: 0 (phase 2) or 1 (phase 2+, `+CMT`/`+CDS` need `+CNMA`).
        var service = 0
        /// `+CPMS` memories: read/list/delete, write/send, receive.
        var readStorage = StorageName.sm
        var writeStorage = StorageName.sm
        var receiveStorage = StorageName.sm
        /// `+CSMP`: first octet, validity period, protocol identifier, data coding scheme.
        var firstOctet = 17
        var validityPeriod = 167
        var protocolIdentifier = 0
        var dataCodingScheme = 0
        /// `+CNMI`: mode, mt, bm, ds, bfr.
        var indicationMode = 2
        var messageIndication = 1
        var broadcastIndication = 0
        var statusReportIndication = 0
        var bufferFlush = 0
        /// `+CUSD` result code presentation.
        var ussdPresentation = 0
    }

    /// A message storage as `+CPMS` names it.
    enum StorageName: String, Sendable, Equatable, CaseIterable {
        case sm = "SM"
        case me = "ME"
        case mt = "MT"
    }

    static let outboxLimit = 8
    static let bufferLimit = 16
    static let refusedLimit = 16
    static let networkQueueLimit = 32
    /// How long the network takes to accept a message (`+CMGS` to `+CMGS: <mr>`).
    static let sendTime = Duration.milliseconds(500)
    /// From the network accepting a message to its status report.
    static let statusReportDelay = Duration.seconds(2)
    /// How long `+CMT`/`+CDS` wait for `+CNMA` before routing is switched off (TS 27.005 §3.4.4).
    static let acknowledgementTimeout = Duration.seconds(15)
    /// How long the network takes to answer a USSD request.
    static let ussdTime = Duration.seconds(1)

    init(simCapacity: Int, modemCapacity: Int) {
        simStorage = MessageStorage(capacity: max(0, simCapacity))
        modemStorage = MessageStorage(capacity: max(0, modemCapacity))
    }

    /// Forgets what a reset forgets (routing settings, buffered indications, pending
    /// acknowledgements); stored messages and the service centre stay.
    mutating func resetVolatile() {
        settings = Settings()
        bufferedIndications.removeAll()
        if let pending = awaitingAcknowledgement { refused.append(pending) }
        awaitingAcknowledgement = nil
        acknowledgementToken &+= 1
        ussdSession &+= 1
        refused.append(contentsOf: networkQueue)
        if refused.count > Self.refusedLimit { refused.removeFirst(refused.count - Self.refusedLimit) }
        networkQueue.removeAll()
    }

    /// Messages in all storages.
    var storedCount: Int { used(.mt) }

    /// Takes a TP-MR for a message about to be sent.
    mutating func takeReference() -> UInt8 {
        defer { nextReference &+= 1 }
        return nextReference
    }

    mutating func recordSent(_ message: SentSMS) {
        outbox.append(message)
        if outbox.count > Self.outboxLimit { outbox.removeFirst(outbox.count - Self.outboxLimit) }
    }
}

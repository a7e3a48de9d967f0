import ATCodec
import Logging
import SMSPDU

/// SMS over any ``ATClient``: sending (PDU or text mode, multipart, flash, status reports),
/// receiving (`+CMTI` → `+CMGR`, `+CMT` with `+CNMA` when required), status reports
/// correlated with sent parts, reassembly with a timeout, storages and USSD.
///
///     let sms = SMSService(client: client)
///     try await sms.start()            // → AT+CMGF=0  → AT+CNMI=2,1,0,1,0 (PDU mode, indications)
///     let sent = try await sms.send("Hello", to: "+447700900123")
///     // → AT+CMGS=19  ← "> "  → 0011000C9144...^Z  ← +CMGS: 7  ← OK      sent.references == [7]
///     for await event in sms.events() { ... }   // .message, .statusReport, .storageFull
///
/// Commands of one operation never interleave with another's (a text-mode send switches
/// `+CMGF` and back while incoming `+CMTI`s wait). Reassembly time comes from the injected
/// clock only.
public actor SMSService {
    public struct Configuration: Sendable {
        public enum Routing: Sendable, Hashable {
            /// Stored, announced by `+CMTI` (and `+CDSI`), read with `+CMGR`.
            case stored
            /// Delivered as `+CMT`/`+CDS`; acknowledged with `+CNMA` when `acknowledge` is set
            /// (`+CSMS=1`).
            case direct(acknowledge: Bool)
        }

        /// The message format the modem rests in, and so prints incoming messages in.
        public enum ReceiveMode: Sendable, Hashable {
            /// `+CMGF=0`: PDUs, decoded here; everything is recognised (the default).
            case pdu
            /// `+CMGF=1`, `+CSDH=1` and `+CSCS` as given: the modem decodes, we read its text
            /// (for modems or setups that must stay in text mode). The same events come, with two
            /// limits: a concatenated message is recognised only when the modem prints the user
            /// data header (`<fo>` with TP-UDHI and the TP-UD in hex, as TS 27.005 §3.1 says;
            /// a modem that drops the header hands over each part as a message), and with IRA or
            /// GSM a text holding a line break or reading like `OK` breaks the line framing, so
            /// prefer ``SMSTextCharacterSet/ucs2``. Sends, `list` and `read` switch to PDU mode
            /// for their commands and back.
            case text(characterSet: SMSTextCharacterSet)
        }

        public var routing: Routing
        public var receiveMode: ReceiveMode
        /// Delete a stored message once read (keeps the storage from filling).
        public var deleteAfterReading: Bool
        /// How long an incomplete multipart message waits for its missing parts.
        public var reassemblyTimeout: Duration
        /// Ask for status reports as `+CDS` (direct) rather than stored with `+CDSI`.
        public var directStatusReports: Bool
        /// At start, deliver the unread messages already stored (`AT+CMGL=0`), as if just received.
        public var deliverStoredUnread: Bool

        public init(routing: Routing = .stored, deleteAfterReading: Bool = true, reassemblyTimeout: Duration = .seconds(600),
                    directStatusReports: Bool = true, deliverStoredUnread: Bool = false, receiveMode: ReceiveMode = .pdu) {
            self.routing = routing
            self.receiveMode = receiveMode
            self.deleteAfterReading = deleteAfterReading
            self.reassemblyTimeout = reassemblyTimeout
            self.directStatusReports = directStatusReports
            self.deliverStoredUnread = deliverStoredUnread
        }
    }

    let client: ATClient
    let configuration: Configuration
    let clock: any Clock<Duration>
    let elapsed: @Sendable () -> Duration
    let logger: Logger
    let hub = Broadcaster<SMSServiceEvent>()
    var reassembler: SMSReassembler
    var correlator = SMSReportCorrelator()
    var reassemblyTimer: Task<Void, Never>?
    var urcTask: Task<Void, Never>?
    /// `+CMTI`/`+CDSI` waiting to be read, and the task reading them.
    var pendingStored: [CMTI.Indication] = []
    var storedWorker: Task<Void, Never>?
    /// The `<mem1>` last selected with `+CPMS`, so reads switch only when needed.
    var readStorage: SMSStorage?
    var nextConcatenationReference: Int
    var locked = false
    var lockWaiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameters:
    ///   - clock: reassembly timeouts run on it; tests pass a manual clock.
    ///   - firstConcatenationReference: the first 8-bit concatenation reference (then +1 per message).
    public init(client: ATClient, configuration: Configuration = Configuration(), clock: any Clock<Duration> = ContinuousClock(),
                firstConcatenationReference: Int = 1, logger: Logger = Logger(label: "modemkit.sms")) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
        self.logger = logger
        self.reassembler = SMSReassembler(configuration: .init(timeout: configuration.reassemblyTimeout))
        self.nextConcatenationReference = firstConcatenationReference & 0xFF
    }

    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Incoming messages, status reports and storage warnings, from the moment of the call.
    public nonisolated func events() -> AsyncStream<SMSServiceEvent> {
        hub.subscribe(bufferingNewest: 256)
    }

    /// Puts the modem in PDU mode, sets the routing and starts handling indications. Returns
    /// the receive storage's use; when it is full, ``SMSServiceEvent/storageFull(_:)`` is sent
    /// and (with `deleteAfterReading`) the stored messages are read, delivered and deleted. With
    /// `deliverStoredUnread`, unread stored messages are delivered then (`AT+CMGL=0`).
    ///
    ///     → AT+CMGF=0                  ← OK      (receiveMode .text: AT+CMGF=1, AT+CSDH=1)
    ///     → AT+CSCS="IRA"              ← OK      (USSD strings and text-mode numbers as ASCII;
    ///                                              receiveMode .text: the set it names)
    ///     → AT+CNMI=2,1,0,1,0          ← OK      (.stored; .direct: AT+CSMS=1, AT+CNMI=2,2,0,1,0)
    ///     → AT+CPMS?                   ← +CPMS: "SM",0,30,"SM",0,30,"SM",0,30
    @discardableResult
    public func start() async throws(SMSServiceError) -> [CPMS.Usage] {
        if urcTask == nil {
            let stream = client.urcs(named: ["+CMTI", "+CMT", "+CDS", "+CDSI"])
            urcTask = Task { [weak self] in
                for await urc in stream {
                    guard let self else { return }
                    await self.handle(urc)
                }
            }
        }
        let usage: [CPMS.Usage] = try await exclusive { () async throws(SMSServiceError) -> [CPMS.Usage] in
            do throws(SMSServiceError) {
                try await rest()
            } catch .modem(.timedOut, _) {
                // The first commands on a port just opened: a modem still busy (or a loaded
                // host) can miss one deadline. The client has resynchronised; these commands
                // only set modes, so asking once more is safe. A second timeout is reported.
                try await rest()
            }
            var settings = CNMI.Settings(mode: 2, messages: 1, statusReports: configuration.directStatusReports ? 1 : 2)
            if case .direct(let acknowledge) = configuration.routing {
                try await run(CSMS.Set(service: acknowledge ? 1 : 0))
                settings.messages = 2
            }
            try await run(try argument { () throws(ATArgumentError) in try CNMI.Set(settings) })
            let usage = try await run(CPMS.Read())
            readStorage = usage.first?.storage
            return usage
        }
        let receive = usage.last?.storage ?? .sim
        if let last = usage.last, last.isFull {
            hub.publish(.storageFull(receive))
            if configuration.deleteAfterReading { try await drain(receive, status: .all) }
        }
        if configuration.deliverStoredUnread { try await drain(receive, status: .receivedUnread) }
        return usage
    }

    /// Stops handling indications and ends every ``events()`` stream.
    public func stop() {
        urcTask?.cancel()
        urcTask = nil
        storedWorker?.cancel()
        storedWorker = nil
        pendingStored = []
        reassemblyTimer?.cancel()
        reassemblyTimer = nil
        hub.finish()
    }

    /// Messages waiting for more parts.
    public var pendingReassemblies: Int { reassembler.pendingCount }

    // MARK: - Plumbing

    /// Sends one command, mapping failures into ``SMSServiceError``.
    @discardableResult
    func run<C: ATCommand>(_ command: C, sent: [Int] = [], timeout: Duration? = nil) async throws(SMSServiceError) -> C.Response {
        do {
            return try await client.send(command, timeout: timeout)
        } catch {
            throw .modem(error, sentReferences: sent)
        }
    }

    /// The text-mode character set when the service rests in text mode.
    var textCharacterSet: SMSTextCharacterSet? {
        if case .text(let characterSet) = configuration.receiveMode { return characterSet }
        return nil
    }

    /// Puts the modem in the format and character set the service rests in. Call inside `exclusive`.
    func rest() async throws(SMSServiceError) {
        if let characterSet = textCharacterSet {
            try await run(CMGF.Set(.text))
            try await run(CSDH.Set(show: true))
            try await run(characterSet.command)
        } else {
            try await run(CMGF.Set(.pdu))
            try await run(CSCS.Set.ira)
        }
    }

    /// Runs `body` in PDU mode when the service rests in text mode, and rests again after,
    /// whatever happened. Call inside `exclusive`.
    func inPDUMode<T>(_ body: () async throws(SMSServiceError) -> T) async throws(SMSServiceError) -> T {
        guard textCharacterSet != nil else { return try await body() }
        try await run(CMGF.Set(.pdu))
        let result: Result<T, SMSServiceError>
        do throws(SMSServiceError) { result = .success(try await body()) } catch { result = .failure(error) }
        try await rest()
        return try result.get()
    }

    /// Builds a typed command, mapping its refusal.
    func argument<T>(_ build: () throws(ATArgumentError) -> T) throws(SMSServiceError) -> T {
        do { return try build() } catch { throw .invalidArgument(error) }
    }

    /// Runs `body` with no other operation's commands in between.
    func exclusive<T>(_ body: () async throws(SMSServiceError) -> T) async throws(SMSServiceError) -> T {
        if locked {
            await withCheckedContinuation { lockWaiters.append($0) }
        } else {
            locked = true
        }
        defer {
            if lockWaiters.isEmpty { locked = false } else { lockWaiters.removeFirst().resume() }
        }
        return try await body()
    }
}

import ATCodec
import SMSPDU

extension SMSService {
    /// One indication. `+CMT`/`+CDS` are handled at once (their `+CNMA` must not wait);
    /// `+CMTI`/`+CDSI` are queued and read in order by one worker, behind any operation running.
    ///
    ///     ← +CMTI: "SM",3     → AT+CMGR=3 (after AT+CPMS="SM" if another storage was selected)
    ///                         → AT+CMGD=3 (with deleteAfterReading)
    ///     ← +CMT: ,24 / PDU   → AT+CNMA when routing is .direct(acknowledge: true)
    ///     ← +CDS: 25 / PDU    → matched to a sent part; AT+CNMA likewise
    ///     ← +CDSI: "SR",1     → read and deleted like +CMTI
    ///
    /// `+CMT`/`+CDS` are read by their shape, not the configured mode (a send or `list` may have
    /// switched the format for a moment): more fields than PDU mode prints means text mode.
    func handle(_ urc: ATURC) async {
        do {
            switch urc.name {
            case "+CMTI", "+CDSI":
                let indication = urc.name == "+CMTI" ? try CMTI.Unsolicited.parse(urc.line) : try CDSI.Unsolicited.parse(urc.line)
                pendingStored.append(indication)
                if storedWorker == nil { storedWorker = Task { await self.readPendingStored() } }
            case "+CMT" where Self.isTextMode(urc.line, pduFields: 2):
                try await acknowledgeIfNeeded()
                dispatchText(urc.line) { () throws(ATParseError) in .message(try CMT.TextUnsolicited.parse(urc.line, following: urc.followingLines)) }
            case "+CDS" where Self.isTextMode(urc.line, pduFields: 1):
                try await acknowledgeIfNeeded()
                dispatchText(urc.line) { () throws(ATParseError) in .statusReport(try CDS.TextUnsolicited.parse(urc.line)) }
            case "+CMT":
                let delivery = try CMT.Unsolicited.parse(urc.line, following: urc.followingLines)
                try await acknowledgeIfNeeded()
                dispatch(pdu: delivery.pdu)
            case "+CDS":
                let report = try CDS.Unsolicited.parse(urc.line, following: urc.followingLines)
                try await acknowledgeIfNeeded()
                dispatch(pdu: report.pdu)
            default:
                break
            }
        } catch {
            logger.warning("SMS indication not handled", metadata: ["urc": "\(urc.line)", "error": "\(error)"])
        }
    }

    /// Reads the queued `+CMTI`/`+CDSI` messages one after the other, then ends.
    private func readPendingStored() async {
        while !pendingStored.isEmpty, !Task.isCancelled {
            let indication = pendingStored.removeFirst()
            do {
                try await exclusive { () async throws(SMSServiceError) in
                    try await readAndDispatch(indication.storage, index: indication.index)
                }
            } catch {
                logger.warning("stored SMS not read", metadata: ["storage": "\(indication.storage)", "index": "\(indication.index)", "error": "\(error)"])
            }
        }
        storedWorker = nil
    }

    /// Sent at once, not behind the operation lock: the engine queues it after the command in
    /// flight, well within the network's wait (a long multipart send would not be).
    private func acknowledgeIfNeeded() async throws(SMSServiceError) {
        guard case .direct(acknowledge: true) = configuration.routing else { return }
        try await run(CNMA.Execute())
    }

    /// Reads one stored message, dispatches it and deletes it if configured. Call inside `exclusive`.
    func readAndDispatch(_ storage: SMSStorage, index: Int) async throws(SMSServiceError) {
        try await select(storage)
        if textCharacterSet != nil {
            let read = try argument { () throws(ATArgumentError) in try CMGR.TextExecute(index: index) }
            guard let stored = try await run(read) else { return }
            dispatchText("+CMGR: \(index)") { () throws(ATParseError) in stored }
        } else {
            let read = try argument { () throws(ATArgumentError) in try CMGR.Execute(index: index) }
            guard let stored = try await run(read) else { return }
            dispatch(pdu: stored.pdu)
        }
        if configuration.deleteAfterReading {
            try await run(try argument { () throws(ATArgumentError) in try CMGD.Set(index: index) })
        }
    }

    /// Reads and delivers the messages with `status` in `storage`, deleting them if configured
    /// (a full storage is emptied; unread messages left from before are delivered).
    func drain(_ storage: SMSStorage, status: SMSMessageStatus) async throws(SMSServiceError) {
        try await exclusive { () async throws(SMSServiceError) in
            try await select(storage)
            if textCharacterSet != nil { return try await drainText(status: status) }
            for stored in try await run(CMGL.Execute(status: status)) {
                // A sent message kept in the storage is not an incoming one.
                guard stored.status == .receivedRead || stored.status == .receivedUnread else { continue }
                dispatch(pdu: stored.pdu)
                guard configuration.deleteAfterReading else { continue }
                try await run(try argument { () throws(ATArgumentError) in try CMGD.Set(index: stored.index) })
            }
        }
    }

    /// Selects `<mem1>` (and `<mem2>`) when it is not the current one. Call inside `exclusive`.
    func select(_ storage: SMSStorage) async throws(SMSServiceError) {
        guard storage != readStorage else { return }
        let usage = try await run(try argument { () throws(ATArgumentError) in try CPMS.Set(read: storage, write: storage) })
        readStorage = storage
        if let receive = usage.last, receive.isFull { hub.publish(.storageFull(storage)) }
    }

    /// Decodes a PDU from the modem (SMSC first) and routes it: a DELIVER to reassembly, a
    /// STATUS-REPORT to correlation.
    func dispatch(pdu hex: String) {
        let pdu: SMSPDU
        do {
            pdu = try SMSPDU.decode(hex: hex, direction: .toMobile)
        } catch {
            hub.publish(.undecodable(pdu: hex, error: error))
            return
        }
        switch pdu.tpdu {
        case .deliver(let deliver): dispatch(deliver)
        case .statusReport(let report): dispatch(report)
        default: logger.debug("SMS PDU of another type ignored", metadata: ["pdu": "\(hex)"])
        }
    }

    /// A received part, to reassembly.
    func dispatch(_ deliver: SMSDeliver) {
        if let (_, total, sequence) = deliver.userData.header?.concatenation, total > 1 {
            hub.publish(.partReceived(from: deliver.originator.description, part: Int(sequence), of: Int(total)))
        }
        apply(reassembler.handle(.partReceived(deliver, at: elapsed())))
    }

    /// A status report, matched to the part it answers.
    func dispatch(_ report: SMSStatusReport) {
        let final = !(0x20...0x3F).contains(report.status.rawValue)
        let sent = correlator.match(reference: Int(report.messageReference), recipient: report.recipient.description, final: final)
        hub.publish(.statusReport(SMSDeliveryReport(
            reference: Int(report.messageReference), recipient: report.recipient.description,
            status: report.status, sent: sent, report: report
        )))
    }

    func apply(_ actions: [SMSReassembler.Action]) {
        for action in actions {
            switch action {
            case .deliver(let message):
                hub.publish(.message(SMSReceivedMessage(message)))
            case .ignoredDuplicate(let key, let sequence):
                logger.debug("duplicate SMS part dropped", metadata: ["from": "\(key.originator)", "part": "\(sequence)"])
            case .startTimer(let deadline):
                reassemblyTimer?.cancel()
                let wait = deadline - elapsed()
                reassemblyTimer = Task { [clock, weak self] in
                    do { try await clock.sleep(for: wait) } catch { return }
                    await self?.reassemblyTimerFired()
                }
            case .cancelTimer:
                reassemblyTimer?.cancel()
                reassemblyTimer = nil
            }
        }
    }

    private func reassemblyTimerFired() {
        reassemblyTimer = nil
        apply(reassembler.handle(.timerFired(at: elapsed())))
    }
}

import SMSPDU

/// Incoming messages, from the network event to the terminal, routed as `+CNMI` says
/// (TS 27.005 §3.4.1):
///
/// - `<mt>` 0: stored, no indication; 1: stored and `+CMTI: "SM",3`; 2: `+CMT` with the message
///   (class 2 still stored), 3: `+CMT` only for class 3.
/// - `<ds>` 0: status reports dropped; 1: `+CDS` with the report; 2: stored and `+CDSI: "SM",4`.
/// - `<mode>` 0 buffers indications until a later `+CNMI` with mode 1–3 (`<bfr>` 0 flushes them,
///   1 discards them); 1–3 send them at once (held while a command runs).
/// - With `+CSMS=1`, `+CMT`/`+CDS` wait for `+CNMA`; later messages queue in the network meanwhile;
///   without it in time, routing is switched off (`<mt>` = `<ds>` = 0) and the message is stored.
///
/// A long text arrives as separate parts, each with its concatenation header, in the order
/// ``NetworkEvent/incomingSMS(from:text:parts:)`` lists (missing parts never come). When the receive
/// storage is full a message is refused and comes again when a deletion frees a slot.
extension VirtualModem {
    /// Hands an incoming message to the SMS layer (storage, `+CMTI`/`+CMT`, `+CUSD`).
    mutating func receiveMessage(_ event: NetworkEvent) {
        switch event {
        case .incomingSMS(let from, let text, let parts):
            receiveText(from: from, text: text, parts: parts, messageClass: nil)
        case .flashSMS(let from, let text):
            receiveText(from: from, text: text, parts: nil, messageClass: .class0)
        case .ussd(let text):
            networkInitiatedUSSD(text)
        default:
            break
        }
    }

    /// Delivers messages held while asleep or unregistered, and retries those the modem refused
    /// (full storage) or lost to a reset before acknowledging them.
    mutating func deliverHeldMessages() {
        let held = sms.held
        sms.held.removeAll()
        for event in held { apply(event) }
        redeliverRefused()
    }

    /// Splits `text` as the sender's phone would and delivers the parts `parts` names, in that order.
    mutating func receiveText(from sender: String, text: String, parts: [Int]?, messageClass: DataCodingScheme.MessageClass?) {
        guard let plan = try? SMSEncoder.plan(text) else { return }
        let reference = UInt16(sms.nextConcatenationReference)
        if plan.partCount > 1 { sms.nextConcatenationReference &+= 1 }
        let userData = plan.userData(reference: reference)
        let scheme = plan.dataCodingScheme(messageClass: messageClass)
        let stamp = smsTimestamp()
        let originator = Self.isDialString(sender) ? SMSAddress(sender) : SMSAddress(alphanumeric: String(sender.prefix(11)))
        for number in parts ?? Array(userData.indices.map { $0 + 1 }) where userData.indices.contains(number - 1) {
            let deliver = SMSDeliver(originator: originator, dataCodingScheme: scheme, serviceCentreTimestamp: stamp, userData: userData[number - 1])
            guard let pdu = try? SMSPDU(smsc: serviceCentreAddress, tpdu: .deliver(deliver)).encoded() else { continue }
            routeIncoming(pdu.bytes)
        }
    }

    /// Routes one SMS-DELIVER or SMS-STATUS-REPORT PDU (with its SMSC address).
    mutating func routeIncoming(_ pdu: [UInt8]) {
        guard let message = Self.decodeSMS(pdu, received: true) else { return }
        guard sms.awaitingAcknowledgement == nil else {
            if sms.networkQueue.count < SMSState.networkQueueLimit { sms.networkQueue.append(pdu) }
            return
        }
        let settings = sms.settings
        let storage = settings.receiveStorage.rawValue
        switch message.tpdu {
        case .deliver(let deliver):
            let messageClass = deliver.dataCodingScheme.messageClass
            let direct = (settings.messageIndication == 2 && messageClass != .class2)
                || (settings.messageIndication == 3 && messageClass == .class3)
            if direct {
                deliverDirectly(message)
            } else if let index = storeReceived(pdu), settings.messageIndication != 0 {
                indicate(["+CMTI: \"\(storage)\",\(index)"])
            }
        case .statusReport:
            switch settings.statusReportIndication {
            case 1:
                deliverDirectly(message)
            case 2:
                if let index = storeReceived(pdu) { indicate(["+CDSI: \"\(storage)\",\(index)"]) }
            default:
                break
            }
        case .submit, .submitReport, .deliverReport:
            break
        }
    }

    /// `+CMT`/`+CDS` with the message; with `+CSMS=1` it then waits for `+CNMA`.
    private mutating func deliverDirectly(_ message: DecodedSMS) {
        indicate(smsLines(message, .unsolicited))
        guard sms.settings.service == 1 else { return }
        sms.awaitingAcknowledgement = message.pdu
        sms.acknowledgementToken &+= 1
        let token = sms.acknowledgementToken
        schedule(after: SMSState.acknowledgementTimeout, tag: .sms) { $0.acknowledgementTimedOut(token) }
    }

    /// Stores a received PDU in the receive storage as unread; refuses it when full.
    private mutating func storeReceived(_ pdu: [UInt8]) -> Int? {
        if let index = sms.store(StoredMessage(status: .receivedUnread, pdu: pdu), in: sms.settings.receiveStorage) {
            return index
        }
        if sms.refused.count < SMSState.refusedLimit { sms.refused.append(pdu) }
        return nil
    }

    /// Sends an indication now or, with `+CNMI` mode 0, buffers it.
    private mutating func indicate(_ lines: [String]) {
        guard sms.settings.indicationMode == 0 else {
            emitURC(lines)
            return
        }
        sms.bufferedIndications.append(lines)
        if sms.bufferedIndications.count > SMSState.bufferLimit { sms.bufferedIndications.removeFirst() }
    }

    /// Sends (or, with `discard`, drops) what `+CNMI` mode 0 buffered.
    mutating func flushBufferedIndications(discard: Bool) {
        let buffered = sms.bufferedIndications
        sms.bufferedIndications.removeAll()
        guard !discard else { return }
        for lines in buffered { emitURC(lines) }
    }

    /// `+CNMA`: the pending `+CMT`/`+CDS` is acknowledged (or, negatively, rejected and dropped);
    /// `false` when nothing waits for one.
    mutating func acknowledgeDelivery(positive: Bool) -> Bool {
        guard sms.awaitingAcknowledgement != nil else { return false }
        sms.awaitingAcknowledgement = nil
        sms.acknowledgementToken &+= 1
        deliverNetworkQueue()
        return true
    }

    private mutating func acknowledgementTimedOut(_ token: Int) {
        guard token == sms.acknowledgementToken, let pdu = sms.awaitingAcknowledgement else { return }
        sms.awaitingAcknowledgement = nil
        sms.settings.messageIndication = 0
        sms.settings.statusReportIndication = 0
        routeIncoming(pdu)
        deliverNetworkQueue()
    }

    private mutating func deliverNetworkQueue() {
        while sms.awaitingAcknowledgement == nil, !sms.networkQueue.isEmpty {
            routeIncoming(sms.networkQueue.removeFirst())
        }
    }

    /// After a deletion: the network delivers the messages it could not before.
    mutating func redeliverRefused() {
        guard !sms.refused.isEmpty, !sms.isFull(sms.settings.receiveStorage) else { return }
        let refused = sms.refused
        sms.refused.removeAll()
        for pdu in refused { routeIncoming(pdu) }
    }
}

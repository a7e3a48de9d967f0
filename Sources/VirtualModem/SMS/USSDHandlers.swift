/// Unstructured supplementary service data (TS 27.007 §7.15, `+CUSD`).
///
///     AT+CUSD=1,"*100#",15   → OK, a second later: +CUSD: 0,"Balance: 10.00 EUR. Valid until 31/12/2026.",15
///     AT+CUSD=1,"*#100#",15  → OK, then: +CUSD: 0,"Your number is +15550100001",15
///     AT+CUSD=1,"*999#",15   → OK, then: +CUSD: 4   (the network does not know the code)
///     AT+CUSD=2              → OK (cancels the session)
///
/// Strings travel in the TE character set (`+CSCS`); the network's answers and network-initiated
/// messages (``NetworkEvent/ussd(text:)``) are shown only while presentation is on (`<n>` = 1).
extension VirtualModem {
    static func registerUSSD(into table: inout [String: HandlerTable.Handler]) {
        table["+CUSD"] = { modem, command in
            switch command.kind {
            case .test: return .ok(["+CUSD: (0-2)"])
            case .read: return .ok(["+CUSD: \(modem.sms.settings.ussdPresentation)"])
            case .execute:
                modem.sms.settings.ussdPresentation = 0
                return .ok
            case .set:
                guard case .some(.some(let n)) = command.int(0, in: 0...2, default: 0),
                      case .some = command.int(2, in: 0...255, default: 15)
                else { return .error(.invalidParameter) }
                if n == 2 {
                    modem.sms.ussdSession &+= 1
                    return .ok
                }
                modem.sms.settings.ussdPresentation = n
                guard let raw = command.text(1), !raw.isEmpty else { return .ok }
                if let failure = modem.simFailure() { return .error(failure) }
                guard modem.network.isRegistered else { return .error(.noNetwork) }
                guard let request = modem.teCharacterSet.decode(field: raw),
                      request.count <= 182, request.allSatisfy({ "0123456789*#+".contains($0) })
                else { return .error(.invalidParameter) }
                let answer = modem.ussdAnswer(request)
                modem.sms.ussdSession &+= 1
                let session = modem.sms.ussdSession
                modem.schedule(after: SMSState.ussdTime, tag: .sms) { modem in
                    guard modem.sms.ussdSession == session, modem.sms.settings.ussdPresentation == 1 else { return }
                    if let answer {
                        modem.emitURC(["+CUSD: 0,\(modem.quote(answer)),15"])
                    } else {
                        modem.emitURC(["+CUSD: 4"])
                    }
                }
                return .ok
            }
        }
    }

    /// The virtual network's answer to a USSD request; `nil` for codes it does not know.
    func ussdAnswer(_ request: String) -> String? {
        switch request {
        case "*100#", "*101#": "Balance: 10.00 EUR. Valid until 31/12/2026."
        case "*#100#": "Your number is \(Self.ownNumber)"
        case "*#06#": profile.imei
        default: nil
        }
    }

    /// A USSD message the network sends by itself.
    mutating func networkInitiatedUSSD(_ text: String) {
        guard sms.settings.ussdPresentation == 1 else { return }
        emitURC(["+CUSD: 0,\(quote(text)),15"])
    }
}

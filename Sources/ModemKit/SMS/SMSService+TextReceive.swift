import ATCodec
import SMSPDU

/// Receiving in text mode (``SMSService/Configuration/ReceiveMode/text(characterSet:)``): the
/// modem's text-mode lines become the same `SMSDeliver`/`SMSStatusReport` values PDU mode gives,
/// and from there the same reassembly, correlation and events.
///
///     ← +CMT: "+447700900123",,"26/01/01,00:00:30+00",145,4,0,0,"+15550100000",145,5  / Hello
///     ← +CMTI: "SM",2      → AT+CMGR=2   ← +CMGR: "REC UNREAD","+4477...",,"26/01/01,..." / Hello
///     ← +CDS: 6,7,"+447700900123",145,"26/01/01,00:01:00+00","26/01/01,00:01:02+00",0
extension SMSService {
    /// Whether a `+CMT`/`+CDS` line is in its text-mode shape: more fields than its PDU-mode form
    /// (`pduFields`), or a quoted last field where PDU mode prints the bare `<length>`.
    static func isTextMode(_ line: String, pduFields: Int) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let fields = ATFields(line[line.index(after: colon)...])
        if case .quoted = fields.last { return true }
        return fields.count > pduFields
    }

    /// Parses and decodes a text-mode message or report and routes it; a failure is published
    /// as ``SMSServiceEvent/undecodableText(line:error:)``.
    func dispatchText(_ line: String, _ parse: () throws(ATParseError) -> SMSTextStored) {
        let decoder = SMSTextDecoder(characterSet: textCharacterSet ?? .ira)
        do {
            switch try parse() {
            case .message(let message):
                guard message.kind == .deliver else { return }
                dispatch(try decoder.deliver(message))
            case .statusReport(let report):
                dispatch(try decoder.statusReport(report))
            }
        } catch let error as ATParseError {
            hub.publish(.undecodableText(line: error.line ?? line, error: error.reason))
        } catch let error as SMSTextDecodingError {
            hub.publish(.undecodableText(line: line, error: error.description))
        } catch {
            hub.publish(.undecodableText(line: line, error: "\(error)"))
        }
    }

    /// `AT+CMGL="REC UNREAD"` (or `"ALL"`) in text mode: delivers the received messages and
    /// reports, deleting them if configured. Call inside `exclusive`, storage selected.
    func drainText(status: SMSMessageStatus) async throws(SMSServiceError) {
        for stored in try await run(CMGL.TextExecute(status: status)) {
            let index: Int?
            switch stored {
            case .message(let message):
                // A sent message kept in the storage is not an incoming one.
                guard message.kind == .deliver else { continue }
                index = message.index
            case .statusReport(let report):
                index = report.index
            }
            dispatchText("+CMGL: \(index ?? -1)") { () throws(ATParseError) in stored }
            guard configuration.deleteAfterReading, let index else { continue }
            try await run(try argument { () throws(ATArgumentError) in try CMGD.Set(index: index) })
        }
    }
}

import SMSPDU

/// A decoded PDU as `modemkit pdu decode` prints it (JSON keys sorted; absent fields left out).
struct PDUDescription: Encodable {
    struct Failure: Encodable {
        var error: String
        var offset: Int
    }

    var pdu: String
    var type: String?
    var smsc: String?
    var from: String?
    var to: String?
    var text: String?
    var data: String?
    var alphabet: String?
    var messageClass: Int?
    var timestamp: String?
    var reference: Int?
    var statusReportRequested: Bool?
    var status: Int?
    var statusMeaning: String?
    var concatenation: [Int]?
    var tpduLength: Int?
    var failure: Failure?

    /// Decodes `hex`; `direction` nil tries SMS-DELIVER/STATUS-REPORT first, then SMS-SUBMIT
    /// (the first error is reported when neither fits).
    init(hex: String, direction: SMSDirection?, includesSMSC: Bool) {
        pdu = hex
        let directions: [SMSDirection] = direction.map { [$0] } ?? [.toMobile, .fromMobile]
        var firstError: PDUError?
        for direction in directions {
            do {
                let decoded = try SMSPDU.decode(hex: hex, direction: direction, includesSMSC: includesSMSC)
                // Guessing, only a SUBMIT is taken from the mobile's side: a truncated DELIVER
                // would otherwise read as a (short) DELIVER-REPORT.
                if directions.count > 1, direction == .fromMobile, case .deliverReport = decoded.tpdu { break }
                fill(decoded)
                return
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { failure = Failure(error: "\(firstError.kind)", offset: firstError.offset) }
    }

    private mutating func fill(_ decoded: SMSPDU) {
        smsc = decoded.smsc?.description
        tpduLength = try? decoded.encoded(includingSMSC: false).tpduLength
        switch decoded.tpdu {
        case .deliver(let deliver):
            type = "SMS-DELIVER"
            from = deliver.originator.description
            timestamp = deliver.serviceCentreTimestamp.description
            describe(deliver.userData, deliver.dataCodingScheme)
        case .submit(let submit):
            type = "SMS-SUBMIT"
            to = submit.destination.description
            reference = Int(submit.messageReference)
            statusReportRequested = submit.statusReportRequest
            describe(submit.userData, submit.dataCodingScheme)
        case .statusReport(let report):
            type = "SMS-STATUS-REPORT"
            to = report.recipient.description
            reference = Int(report.messageReference)
            timestamp = report.dischargeTime.description
            status = Int(report.status.rawValue)
            statusMeaning = report.status.meaning
        case .submitReport:
            type = "SMS-SUBMIT-REPORT"
        case .deliverReport:
            type = "SMS-DELIVER-REPORT"
        }
    }

    private mutating func describe(_ userData: SMSUserData, _ scheme: DataCodingScheme) {
        alphabet = switch scheme.alphabet {
        case .gsm7: "gsm7"
        case .eightBit: "8bit"
        case .ucs2: "ucs2"
        }
        messageClass = scheme.messageClass.map { Int($0.rawValue) }
        if let (reference, total, sequence) = userData.header?.concatenation {
            concatenation = [Int(reference), Int(total), Int(sequence)]
        }
        switch userData.body {
        case .text(let text): self.text = text
        case .data(let bytes), .compressed(let bytes): data = PDUHex.string(bytes)
        }
    }

    /// Lines for a terminal.
    var humanLines: [String] {
        if let failure { return ["\(pdu): cannot decode: \(failure.error) at offset \(failure.offset)"] }
        var lines = [type ?? "PDU"]
        func add(_ label: String, _ value: String?) { if let value { lines.append("  \(label): \(value)") } }
        add("SMSC", smsc)
        add("from", from)
        add("to", to)
        add("time", timestamp)
        add("reference", reference.map(String.init))
        add("status", status.map { "\($0) (\(statusMeaning ?? ""))" })
        add("alphabet", alphabet.map { $0 + (messageClass.map { ", class \($0)" } ?? "") })
        add("part", concatenation.map { "\($0[2]) of \($0[1]) (reference \($0[0]))" })
        add("text", text)
        add("data", data)
        return lines
    }
}

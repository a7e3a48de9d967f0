import ATCodec
import SMSPDU

/// A USSD answer, decoded.
public struct USSDResponse: Sendable, Hashable {
    /// `<m>`: 0 done, 1 the network wants an answer, 2 ended by the network, 4 not supported, 5 timed out.
    public var status: Int
    /// The text, decoded by its DCS (UCS-2 hex → text; packed 7-bit hex → text); `nil` when none.
    public var text: String?
    public var dataCodingScheme: Int?
    /// `<str>` exactly as the modem printed it.
    public var raw: String?
}

extension SMSService {
    /// Sends a USSD code and waits for the network's answer.
    ///
    ///     → AT+CUSD=1,"*100#",15
    ///     ← OK
    ///     ← +CUSD: 0,"Your balance is 5.00 GBP",15
    ///
    /// - Throws: ``SMSServiceError/invalidArgument(_:)`` for a code that is not `0-9*#+`
    ///   (nothing sent), ``SMSServiceError/noUSSDAnswer`` when no `+CUSD` comes within `timeout`.
    public func ussd(_ code: String, timeout: Duration = .seconds(30)) async throws(SMSServiceError) -> USSDResponse {
        let command = try argument { () throws(ATArgumentError) in try CUSD.Set(code: code) }
        let urc: ATURC
        do {
            (_, urc) = try await client.send(command, thenAwait: "+CUSD", timeout: timeout)
        } catch {
            if case .deferredResultTimedOut = error { throw .noUSSDAnswer }
            throw .modem(error, sentReferences: [])
        }
        let notification: CUSD.Notification
        do { notification = try CUSD.Unsolicited.parse(urc.line) } catch { throw .modem(.parseFailed(error), sentReferences: []) }
        return USSDResponse(
            status: notification.status,
            text: notification.string.map { USSDText.decode($0, dataCodingScheme: notification.dataCodingScheme) },
            dataCodingScheme: notification.dataCodingScheme, raw: notification.string
        )
    }
}

/// Decodes a `+CUSD` `<str>` by its cell-broadcast DCS (TS 23.038 §5).
///
///     USSDText.decode("Balance 5.00", dataCodingScheme: 15)        // "Balance 5.00" (IRA as printed)
///     USSDText.decode("00420061006C", dataCodingScheme: 72)        // "Bal" (UCS-2 hex)
///     USSDText.decode("C2303BEC1E9701", dataCodingScheme: 15)      // "Balance" (packed 7-bit hex, SIM7600 with +CSCS="HEX")
public enum USSDText {
    public enum Alphabet: Sendable, Hashable { case gsm7, eightBit, ucs2 }

    /// The alphabet of a CBS DCS; unknown groups are GSM 7-bit.
    public static func alphabet(_ dcs: Int) -> Alphabet {
        switch dcs {
        case 0x11: return .ucs2
        case 0x40...0x7F:
            switch (dcs >> 2) & 0x03 {
            case 1: return .eightBit
            case 2: return .ucs2
            default: return .gsm7
            }
        case 0xF0...0xFF: return dcs & 0x04 == 0 ? .gsm7 : .eightBit
        default: return .gsm7
        }
    }

    /// The text: UCS-2 given as hex is decoded, 7-bit given as packed hex (only when it is long
    /// enough to be unambiguous and decodes to printable text) is unpacked, anything else is
    /// returned as printed.
    public static func decode(_ string: String, dataCodingScheme: Int?) -> String {
        guard let bytes = try? PDUHex.bytes(string), !bytes.isEmpty else { return string }
        switch alphabet(dataCodingScheme ?? 15) {
        case .ucs2:
            guard bytes.count % 2 == 0 else { return string }
            let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        case .gsm7:
            // "1234" is hex and plain text alike: only strings that are not all digits are unpacked.
            guard string.contains(where: { !$0.isNumber }) else { return string }
            var septets = GSM7Packing.unpack(bytes[...], count: bytes.count * 8 / 7)
            // Seven spare bits are padding: CR as TS 23.038 §6.1.2.3.1 says, or zero ("@") as
            // many gateways leave them.
            if bytes.count % 7 == 0, septets.last == 0x0D || septets.last == 0x00 { septets.removeLast() }
            guard let text = try? GSM7Alphabet().text(septets), text.allSatisfy({ !$0.isASCII || $0.isLetter || $0.isNumber || $0.isPunctuation || $0 == " " || $0.isSymbol }) else {
                return string
            }
            return text
        case .eightBit:
            return string
        }
    }
}

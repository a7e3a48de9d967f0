import SMSPDU
import VirtualModem

/// PDUs from the SMS literature and from real devices, used by the SMS transcript tests.
enum SMSFixtures {
    /// SMS-SUBMIT "hellohello" to +46708251358, relative validity AA, SMSC "00" (use the default):
    /// the example most PDU-mode guides use; `AT+CMGS=23`.
    static let submitHelloHello = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"
    /// The same with TP-SRR (first octet 0x31): asks for a status report.
    static let submitWithReport = "0031000B916407281553F80000AA0AE8329BFD4697D9EC37"
    /// SMS-SUBMIT in UCS-2 ("Hi€") to +31628870634, no validity period, with an SMSC.
    static let submitUCS2 = "07911326040000F001000B911326880736F40008060048006920AC"
}

extension ModemHarness {
    /// A booted modem with echo off and, optionally, text mode.
    static func sms(textMode: Bool = false, _ configuration: VirtualModemConfiguration = VirtualModemConfiguration()) -> ModemHarness {
        var harness = ModemHarness(configuration)
        _ = harness.send("ATE0")
        if textMode { _ = harness.send("AT+CMGF=1") }
        return harness
    }

    /// Sends `command`, types `payload` after the prompt and ends it with Ctrl-Z; returns the
    /// prompt and, after the network's round trip, the result.
    mutating func submit(_ command: String, _ payload: String) -> String {
        var output = send(command)
        output += type(Array(payload.utf8) + [0x1A])
        output += advance(by: .seconds(1))
        return output
    }
}

/// The lines of an output, CR LF split, empty ones dropped.
func lines(_ output: String) -> [String] {
    output.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
}

/// Decodes the PDU line that follows the first line starting with `prefix`.
func pdu(after prefix: String, in output: String) -> SMSPDU? {
    let all = lines(output)
    guard let index = all.firstIndex(where: { $0.hasPrefix(prefix) }), index + 1 < all.count else { return nil }
    return try? SMSPDU.decode(hex: all[index + 1], direction: .toMobile)
}

/// The TPDU length `AT+CMGS`/`AT+CMGW` want for a PDU with an SMSC part.
func tpduLength(_ hex: String) -> Int {
    let bytes = (try? PDUHex.bytes(hex)) ?? []
    guard let first = bytes.first else { return 0 }
    return bytes.count - Int(first) - 1
}

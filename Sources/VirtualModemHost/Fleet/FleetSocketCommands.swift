import VirtualModem

/// How a dialect opens, uses and closes TCP socket 0, as a fleet host types it: the same
/// commands for the benchmark's one send and for a whole conversation (``FleetConversation``).
///
///     quectel   AT+QIOPEN=1,0,"TCP","127.0.0.1",1883,0,0  → OK, +QIOPEN: 0,0
///               AT+QISEND=0,21  → "> ", 21 bytes → SEND OK
///               +QIURC: "recv",0   AT+QIRD=0,1500  → +QIRD: 4 <CR><LF> 4 bytes <CR><LF> OK
///               AT+QICLOSE=0  → OK
///     sim7600   AT+CIPSEND=0,21 → ">", 21 bytes → OK, +CIPSEND: 0,21,21
///               +CIPRXGET: 1,0     AT+CIPRXGET=2,0,1024 → +CIPRXGET: 2,0,4,0 <CR><LF> 4 bytes … OK
///     sim800    AT+CIPSEND=0,21 → "> ", 21 bytes → 0, SEND OK       (reads as sim7600)
///     u-blox    AT+USOWR=0,21   → "@", 21 bytes → +USOWR: 0,21  OK
///               +UUSORD: 0,4       AT+USORD=0,512 → +USORD: 0,4,"20020000"  OK   (hex mode)
public struct FleetSocketCommands: Sendable {
    /// How the receive command's answer carries the bytes.
    public enum ReadFormat: Sendable, Equatable {
        /// A header line whose comma-separated field `countField` is the byte count, then that
        /// many raw bytes (`+QIRD: 4`, `+CIPRXGET: 2,0,4,0`).
        case raw(countField: Int)
        /// One line whose last field is the bytes in quoted hex (`+USORD: 0,4,"20020000"`).
        case hexLine
    }

    /// The steps that open the socket to `port` on 127.0.0.1, data read by command (`manual`)
    /// or, for the benchmark's send-only use, the dialect's default.
    public var open: @Sendable (_ port: Int, _ manual: Bool) -> [FleetWorkload.Step]
    /// `AT+QISEND=0,` (the byte count follows).
    public var sendPrefix: String
    /// The line that says a send went out (`SEND OK`, `+CIPSEND: 0,`, `0, SEND OK`, `+USOWR: 0,`).
    public var sendDone: String
    /// Whether a separate `OK` belongs to the send too (before or after ``sendDone``).
    public var sendHasOK: Bool
    /// The URC that announces received data (`+QIURC: "recv",0`).
    public var announce: String
    /// The read command (`AT+QIRD=0,1500`).
    public var read: String
    /// Its answer's first line's prefix (`+QIRD: `).
    public var readHeader: String
    public var readFormat: ReadFormat
    /// The steps that close the socket.
    public var close: [FleetWorkload.Step]

    /// The commands of a dialect, `nil` for one without sockets (generic 3GPP).
    public static func of(_ dialect: VirtualModemProfile.Dialect) -> FleetSocketCommands? {
        typealias Step = FleetWorkload.Step
        switch dialect {
        case .generic:
            return nil
        case .quectel:
            return FleetSocketCommands(
                open: { port, manual in
                    [Step("AT+QIACT=1"),
                     Step("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",\(port),0,\(manual ? 0 : 1)", until: .line(["+QIOPEN: 0,0"]))]
                },
                sendPrefix: "AT+QISEND=0,", sendDone: "SEND OK", sendHasOK: false,
                announce: "+QIURC: \"recv\",0", read: "AT+QIRD=0,1500", readHeader: "+QIRD: ", readFormat: .raw(countField: 0),
                close: [Step("AT+QICLOSE=0")]
            )
        case .simcomSIM7600:
            return FleetSocketCommands(
                open: { port, manual in
                    (manual ? [Step("AT+CIPRXGET=1")] : []) + [
                        Step("AT+NETOPEN", until: .line(["+NETOPEN: 0"])),
                        Step("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",\(port)", until: .line(["+CIPOPEN: 0,0"])),
                    ]
                },
                sendPrefix: "AT+CIPSEND=0,", sendDone: "+CIPSEND: 0,", sendHasOK: true,
                announce: "+CIPRXGET: 1,0", read: "AT+CIPRXGET=2,0,1024", readHeader: "+CIPRXGET: 2,0,", readFormat: .raw(countField: 2),
                close: [Step("AT+CIPCLOSE=0", until: .line(["+CIPCLOSE: 0,0"]))]
            )
        case .simcomSIM800:
            return FleetSocketCommands(
                open: { port, manual in
                    [Step("AT+CIPMUX=1")] + (manual ? [Step("AT+CIPRXGET=1")] : []) + [
                        Step("AT+CSTT=\"internet\""),
                        Step("AT+CIICR"),
                        Step("AT+CIFSR", until: .line(["10."])),
                        Step("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"\(port)\"", until: .line(["0, CONNECT OK"])),
                    ]
                },
                sendPrefix: "AT+CIPSEND=0,", sendDone: "0, SEND OK", sendHasOK: false,
                announce: "+CIPRXGET: 1,0", read: "AT+CIPRXGET=2,0,1024", readHeader: "+CIPRXGET: 2,0,", readFormat: .raw(countField: 2),
                close: [Step("AT+CIPCLOSE=0", until: .line(["0, CLOSE OK"]))]
            )
        case .ublox:
            return FleetSocketCommands(
                open: { port, _ in
                    [Step("AT+UDCONF=1,1"),  // hex mode: +USORD prints the bytes as hex
                     Step("AT+USOCR=6", until: .line(["+USOCR: 0"])),
                     Step("AT+USOCO=0,\"127.0.0.1\",\(port)")]
                },
                sendPrefix: "AT+USOWR=0,", sendDone: "+USOWR: 0,", sendHasOK: true,
                announce: "+UUSORD: 0,", read: "AT+USORD=0,512", readHeader: "+USORD: 0,", readFormat: .hexLine,
                close: [Step("AT+USOCL=0")]
            )
        }
    }

    /// The two steps that send `payload` (the send command and the prompt's answer).
    func send(_ payload: [UInt8]) -> [FleetWorkload.Step] {
        let done: FleetWorkload.Step.Until = sendHasOK ? .line([sendDone]) : .final(sendDone)
        return [FleetWorkload.Step(sendPrefix + "\(payload.count)", until: .prompt, payload: payload), FleetWorkload.Step("", until: done)]
    }
}

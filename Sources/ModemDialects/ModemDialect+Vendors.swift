import ATCodec

extension ModemDialect {
    /// SIMCom SIM800/SIM900 (2G, "CIP" stack). Deferred socket results arrive as `0, CONNECT OK`
    /// (link number, comma, space); pushed data as `+RECEIVE,<n>,<len>:` then raw bytes.
    public static let simcomSIM800 = ModemDialect(
        name: "simcom-sim800",
        vendorURCs: [
            URCDescriptor("CONNECT OK", .exact("CONNECT OK")),
            URCDescriptor("CONNECT FAIL", .exact("CONNECT FAIL")),
            URCDescriptor("ALREADY CONNECT", .exact("ALREADY CONNECT")),
            URCDescriptor("CLOSED", .exact("CLOSED")),
            URCDescriptor("CONNECT OK", .linked("CONNECT OK")),
            URCDescriptor("CONNECT FAIL", .linked("CONNECT FAIL")),
            URCDescriptor("ALREADY CONNECT", .linked("ALREADY CONNECT")),
            URCDescriptor("CLOSED", .linked("CLOSED")),
            URCDescriptor("CLOSE OK", .linked("CLOSE OK")),
            URCDescriptor("SEND OK", .linked("SEND OK")),
            URCDescriptor("SEND FAIL", .linked("SEND FAIL")),
            URCDescriptor("+PDP", .prefix("+PDP: DEACT")),
            URCDescriptor("+CIPRXGET", .prefix("+CIPRXGET: 1")),
            // +RECEIVE,0,5:  → 5 raw bytes follow the line.
            URCDescriptor("+RECEIVE", .prefix("+RECEIVE,"), payloadLength: { line in
                var text = ATText.decode(line.dropFirst("+RECEIVE,".utf8.count))
                if text.hasSuffix(":") { text.removeLast() }
                let fields = ATFields(text)
                return fields.count >= 2 ? fields.text(1).flatMap { Int($0) } : nil
            }),
            URCDescriptor("*PSUTTZ", .prefix("*PSUTTZ:")),
            URCDescriptor("DST", .prefix("DST:")),
            URCDescriptor("+CSQN", .prefix("+CSQN:")),
            URCDescriptor("UNDER-VOLTAGE POWER DOWN", .exact("UNDER-VOLTAGE POWER DOWN")),
            URCDescriptor("UNDER-VOLTAGE WARNNING", .exact("UNDER-VOLTAGE WARNNING")),
            URCDescriptor("NORMAL POWER DOWN", .exact("NORMAL POWER DOWN")),
        ],
        finals: [ATFinalPattern(.exact("COMMAND NOT SUPPORT"), success: false)]
    )

    /// SIMCom SIM7500/SIM7600 (LTE, NETOPEN/CIPOPEN stack).
    public static let simcomSIM7600 = ModemDialect(
        name: "simcom-sim7600",
        vendorURCs: [
            URCDescriptor("+NETOPEN", .prefix("+NETOPEN:")),
            URCDescriptor("+NETCLOSE", .prefix("+NETCLOSE:")),
            URCDescriptor("+CIPOPEN", .prefix("+CIPOPEN:")),
            // +CIPSEND: 0,31,31 after a send's OK: how many bytes the link accepted.
            URCDescriptor("+CIPSEND", .prefix("+CIPSEND:")),
            URCDescriptor("+CIPCLOSE", .prefix("+CIPCLOSE:")),
            URCDescriptor("+IPCLOSE", .prefix("+IPCLOSE:")),
            URCDescriptor("+CIPEVENT", .prefix("+CIPEVENT:")),
            URCDescriptor("+CIPRXGET", .prefix("+CIPRXGET: 1")),
            // +RECEIVE,1,5  → 5 raw bytes follow the line.
            URCDescriptor("+RECEIVE", .prefix("+RECEIVE,"), payloadLength: { line in
                var text = ATText.decode(line.dropFirst("+RECEIVE,".utf8.count))
                if text.hasSuffix(":") { text.removeLast() }
                return ATFields(text).text(1).flatMap { Int($0) }
            }),
            // +IPD23 → 23 raw bytes follow (AT+CIPHEAD=1, no comma before the length).
            URCDescriptor("+IPD", .prefix("+IPD"), payloadLength: { line in
                Int(String(ATText.decode(line.dropFirst(4)).filter { $0.isNumber }))
            }),
            URCDescriptor("SMS DONE", .exact("SMS DONE"), bootRole: .readiness),
            URCDescriptor("+CGEV", .prefix("+CGEV:")),
        ],
        finals: [ATFinalPattern(.exact("COMMAND NOT SUPPORT"), success: false)]
    )

    /// Quectel BG95/BG96/EC2x (QI stack).
    public static let quectel = ModemDialect(
        name: "quectel",
        vendorURCs: [
            // +QIURC: "recv",0          buffer mode: read with AT+QIRD.
            // +QIURC: "recv",0,4 \r\n test   push mode: 4 raw bytes follow.
            URCDescriptor("+QIURC", .prefix("+QIURC:"), payloadLength: { line in
                let fields = ATFields(ATText.decode(line.dropFirst("+QIURC:".utf8.count)))
                guard fields.text(0) == "recv", fields.count >= 3 else { return nil }
                return fields.text(2).flatMap { Int($0) }
            }),
            URCDescriptor("+QIOPEN", .prefix("+QIOPEN:")),
            URCDescriptor("+QIND", .prefix("+QIND:")),
            URCDescriptor("+QUSIM", .prefix("+QUSIM:"), bootRole: .readiness),
            URCDescriptor("APP RDY", .exact("APP RDY"), bootRole: .readiness),
            URCDescriptor("POWERED DOWN", .exact("POWERED DOWN")),
            URCDescriptor("+QPSMTIMER", .prefix("+QPSMTIMER:")),
        ]
    )

    /// u-blox SARA-R4/R5 (USO* sockets).
    public static let ublox = ModemDialect(
        name: "ublox",
        vendorURCs: [
            URCDescriptor("+UUSORD", .prefix("+UUSORD:")),
            URCDescriptor("+UUSORF", .prefix("+UUSORF:")),
            URCDescriptor("+UUSOCL", .prefix("+UUSOCL:")),
            URCDescriptor("+UUSOCO", .prefix("+UUSOCO:")),
            URCDescriptor("+UUSOLI", .prefix("+UUSOLI:")),
            URCDescriptor("+UUPSDA", .prefix("+UUPSDA:")),
            URCDescriptor("+UUPSDD", .prefix("+UUPSDD:")),
            URCDescriptor("+UUSOCTL", .prefix("+UUSOCTL:")),
            URCDescriptor("+UUPINGER", .prefix("+UUPINGER:")),
            URCDescriptor("+UUFWINSTALL", .prefix("+UUFWINSTALL:")),
        ]
    )
}

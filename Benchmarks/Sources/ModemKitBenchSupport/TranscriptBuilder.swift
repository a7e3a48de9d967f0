import ModemKitTestSupport
import ATCodec

/// Writes a session exchange by exchange and counts what each line must be classified as.
struct TranscriptBuilder {
    private var random: SeededGenerator
    private(set) var bytes: [UInt8] = []
    private(set) var commands: [Transcript.Command] = []
    private(set) var expected = LineTally()

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
        bytes.reserveCapacity(17 << 20)
    }

    // MARK: - Exchanges

    /// One command and its answer, with URCs before it now and then.
    mutating func exchange() {
        var kind = SessionCommand.pick(random.int(in: 0..<100))
        if kind == .probe, random.int(in: 0..<250) == 0 { kind = .reset }
        if chance(percent: 15) { idleURC(avoiding: kind.prefixes) }
        switch kind {
        case .csq:
            command(kind)
            information("+CSQ: \(random.int(in: 5...31)),99")
            maybeURCInsideResponse()
            final("OK")
        case .creg:
            command(kind)
            information("+CREG: 2,1,\"1A2B\",\"01A2D001\",7")
            final("OK")
        case .cereg:
            command(kind)
            information("+CEREG: 2,5,\"1A2B\",\"01A2D001\",7")
            final("OK")
        case .cops:
            command(kind)
            information("+COPS: 0,0,\"Vodafone.de\",7")
            maybeURCInsideResponse()
            final("OK")
        case .cgdcont:
            command(kind)
            information("+CGDCONT: 1,\"IP\",\"internet\",\"0.0.0.0\",0,0")
            if chance(percent: 50) { information("+CGDCONT: 2,\"IPV4V6\",\"ims\",\"0.0.0.0\",0,0") }
            final("OK")
        case .cmgl:
            command(kind)
            messageList(count: random.int(in: 0...3))
        case .cmgs:
            sendMessage()
        case .cimi:
            command(kind)
            final("+CME ERROR: 10")
        case .probe:
            command(kind)
            final("OK")
        case .ati:
            command(kind)
            information("Quectel")
            information("EC25")
            information("Revision: EC25EFAR06A03M4G")
            final("OK")
        case .cgsn:
            command(kind)
            information("86\(random.int(in: 1_000_000_000_000...9_999_999_999_999))")
            final("OK")
        case .cclk:
            command(kind)
            let minute = random.int(in: 10...59)
            information("+CCLK: \"24/11/25,16:\(minute):12+04\"")
            final("OK")
        case .reset:
            command(kind)
            final("OK")
            reboot()
        }
    }

    /// The modem restarts: the probe the host writes next is lost, then the boot lines come.
    mutating func reboot() {
        commands.append(Transcript.Command(context: SessionCommand.probe.context, answered: false))
        for line in ["RDY", "+CFUN: 1", "+CPIN: READY", "SMS Ready"] { urc(line) }
        expected.commandsEnded += 1  // the lost probe, failed by RDY
    }

    // MARK: - Lines

    private mutating func command(_ kind: SessionCommand) {
        commands.append(Transcript.Command(context: kind.context, answered: true))
        echo(kind.text)
    }

    /// The echo of the command line: ended by the CR the host wrote.
    private mutating func echo(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0D)
        expected.lines += 1
        expected.echoes += 1
    }

    private mutating func information(_ text: String) {
        line(text)
        expected.information += 1
    }

    private mutating func final(_ text: String) {
        line(text)
        expected.finals += 1
        expected.commandsEnded += 1
    }

    private mutating func urc(_ text: String) {
        line(text)
        expected.urcs += 1
    }

    /// `CR LF text CR LF`, as V.250 frames every result in verbose mode.
    private mutating func line(_ text: String) {
        bytes.append(contentsOf: [0x0D, 0x0A])
        bytes.append(contentsOf: text.utf8)
        bytes.append(contentsOf: [0x0D, 0x0A])
        expected.lines += 1
    }

    // MARK: - SMS

    /// `+CMGL: i,1,,len` then the PDU on its own line, per message (TS 27.005 §3.4.2, PDU mode).
    private mutating func messageList(count: Int) {
        for index in 0..<count {
            let pdu = deliverPDU()
            let octets = pdu.count / 2 - 8  // without the SMSC address
            line("+CMGL: \(index + 1),1,,\(octets)")
            bytes.append(contentsOf: pdu.utf8)
            bytes.append(contentsOf: [0x0D, 0x0A])
            expected.lines += 1
            expected.information += 2
        }
        final("OK")
    }

    /// `AT+CMGS=n`, the `> ` prompt, the PDU echoed with its Ctrl-Z, then `+CMGS: mr` and OK.
    private mutating func sendMessage() {
        let pdu = submitPDU()
        let text = "AT+CMGS=\(pdu.count / 2 - 1)"
        let payload = Array(pdu.utf8) + [0x1A]
        let context = ATCommandContext(echo: text, prefixes: ["+CMGS:"], payloadEcho: payload)
        commands.append(Transcript.Command(context: context, answered: true))
        echo(text)
        bytes.append(contentsOf: [0x0D, 0x0A, UInt8(ascii: ">"), UInt8(ascii: " ")])
        expected.prompts += 1
        bytes.append(contentsOf: payload)
        bytes.append(contentsOf: [0x0D, 0x0A])
        expected.lines += 1
        expected.echoes += 1
        information("+CMGS: \(random.int(in: 0...255))")
        final("OK")
    }

    /// An SMS-DELIVER PDU with an SMSC address, as `+CMGL` lists it.
    private mutating func deliverPDU() -> String {
        let length = random.int(in: 10...140)
        return "07911326040000F0" + "040B911346610089F6" + "0000" + "42117261738480"
            + hexByte(length) + hexOctets(length)
    }

    /// An SMS-SUBMIT PDU without an SMSC address (`00` first), as `AT+CMGS` takes it.
    private mutating func submitPDU() -> String {
        let length = random.int(in: 10...140)
        return "0011000B911346610089F60000AA" + hexByte(length) + hexOctets(length)
    }

    private mutating func hexOctets(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 2)
        for _ in 0..<count { text += hexByte(random.int(in: 0...255)) }
        return text
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    private func hexByte(_ value: Int) -> String {
        var text = ""
        text.unicodeScalars.append(Self.hexDigits[value >> 4])
        text.unicodeScalars.append(Self.hexDigits[value & 0x0F])
        return text
    }

    // MARK: - URCs

    /// A URC between commands; never one whose prefix the next command claims, since without
    /// an `ownsLine` check the classifier would rightly take it as that command's line.
    private mutating func idleURC(avoiding prefixes: [String]) {
        let candidates = ["+CMTI: \"SM\",\(random.int(in: 1...40))", "+CEREG: 5", "+CEREG: 5",
                          "+CGEV: ME PDN ACT 1", "+CREG: 5"]
        let pick = candidates[random.int(in: 0..<candidates.count)]
        if prefixes.contains(where: { pick.hasPrefix($0) }) {
            urc("+CMTI: \"SM\",\(random.int(in: 1...40))")
        } else {
            urc(pick)
        }
    }

    /// A new-message indication between a command's information line and its final result.
    private mutating func maybeURCInsideResponse() {
        if chance(percent: 3) { urc("+CMTI: \"SM\",\(random.int(in: 1...40))") }
    }

    private mutating func chance(percent: Int) -> Bool {
        random.int(in: 0..<100) < percent
    }
}

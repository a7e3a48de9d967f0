import ATCodec
import VirtualModem

/// Runs a ``FleetConversation`` over a modem's open socket 0 with the dialect's send and receive
/// commands: one command in flight at a time, reads first, sends when nothing is waiting.
/// Pure: the host hands it tokens, it returns what to type.
///
///     (idle, CONNECT to send)      → AT+QISEND=0,19
///     "> "                         → 19 bytes
///     SEND OK                      (idle, waits for the peer)
///     +QIURC: "recv",0             → AT+QIRD=0,1500
///     +QIRD: 4, 4 raw bytes, OK    (the conversation gets CONNACK; read again until empty)
struct FleetSocketTalk: Sendable {
    private enum InFlight: Sendable, Equatable {
        case none
        /// A send command: waiting for its prompt, then for its result (and `OK`).
        case send(prompted: Bool, sawDone: Bool, sawOK: Bool)
        /// A read command: `remaining` raw bytes still to come; `got` bytes read so far.
        case read(remaining: Int, got: Int)
    }

    var conversation: any FleetConversation
    private var inFlight = InFlight.none
    private var pending: [UInt8] = []
    private var dataWaiting = false
    private(set) var failure: String?
    /// Command lines typed.
    private(set) var typed = 0

    init(_ conversation: any FleetConversation) {
        self.conversation = conversation
    }

    /// What the framer should look for next.
    var hint: FramingHint {
        switch inFlight {
        case .send(prompted: false, _, _): .prompt
        case .read(let remaining, _) where remaining > 0: .payload(count: remaining)
        default: .lines
        }
    }

    /// Done: the conversation finished and no command is in flight.
    var isFinished: Bool { inFlight == .none && conversation.outcome == .done }

    /// The next command, if none is in flight and there is something to do.
    mutating func next(_ commands: FleetSocketCommands) -> [UInt8] {
        guard inFlight == .none, failure == nil else { return [] }
        if case .failed(let why) = conversation.outcome {
            failure = why
            return []
        }
        if dataWaiting {
            dataWaiting = false
            inFlight = .read(remaining: 0, got: 0)
            typed += 1
            return Array((commands.read + "\r").utf8)
        }
        guard let packet = conversation.nextOutgoing() else { return [] }
        pending = packet
        inFlight = .send(prompted: false, sawDone: false, sawOK: false)
        typed += 1
        return Array((commands.sendPrefix + "\(packet.count)\r").utf8)
    }

    /// A token from the modem; returns bytes to type (a payload after a prompt, or the next command).
    mutating func handle(_ token: ATToken, _ commands: FleetSocketCommands) -> [UInt8] {
        switch token {
        case .prompt:
            guard case .send(false, _, _) = inFlight else { return [] }
            inFlight = .send(prompted: true, sawDone: false, sawOK: false)
            defer { pending = [] }
            return pending
        case .payload(let bytes):
            guard case .read(let remaining, let got) = inFlight else { return [] }
            conversation.received(bytes)
            inFlight = .read(remaining: remaining - bytes.count, got: got + bytes.count)
            return []
        case .line(let raw):
            return handle(line: ATText.decode(raw), commands)
        case .data, .overflow:
            failure = "unexpected modem output while talking over the socket"
            return []
        }
    }

    private mutating func handle(line: String, _ commands: FleetSocketCommands) -> [UInt8] {
        if line == "ERROR" || line.hasPrefix("+CME ERROR") || line == "SEND FAIL" {
            failure = "\(line) during \(inFlight)"
            return []
        }
        if line.hasPrefix(commands.announce) {
            dataWaiting = true
            return next(commands)
        }
        switch inFlight {
        case .none:
            return []
        case .send(let prompted, var sawDone, var sawOK):
            if line.hasPrefix(commands.sendDone) { sawDone = true }
            if line == "OK" { sawOK = true }
            guard sawDone, sawOK || !commands.sendHasOK else {
                inFlight = .send(prompted: prompted, sawDone: sawDone, sawOK: sawOK)
                return []
            }
            inFlight = .none
            return next(commands)
        case .read(_, let got):
            if line.hasPrefix(commands.readHeader) {
                let fields = line.dropFirst(commands.readHeader.count).split(separator: ",", omittingEmptySubsequences: false)
                switch commands.readFormat {
                case .raw(let countField):
                    // The header's fields after the prefix; the prefix already holds `countField` of them.
                    let index = countField - commands.readHeader.filter { $0 == "," }.count
                    guard fields.indices.contains(index), let count = Int(fields[index]) else {
                        failure = "cannot read \(line)"
                        return []
                    }
                    inFlight = .read(remaining: count, got: got)
                case .hexLine:
                    guard let hex = fields.last, let bytes = SocketHex.decode(String(hex.filter { $0 != "\"" })) else {
                        failure = "cannot read \(line)"
                        return []
                    }
                    conversation.received(bytes[...])
                    inFlight = .read(remaining: 0, got: got + bytes.count)
                }
                return []
            }
            guard line == "OK" else { return [] }
            // Read until a read comes back empty: the announcing URC is not repeated before.
            if got > 0 { dataWaiting = true }
            inFlight = .none
            return next(commands)
        }
    }
}

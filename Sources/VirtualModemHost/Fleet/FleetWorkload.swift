import ATCodec
import VirtualModem

/// What each modem of a fleet is made to do by its built-in host: a list of steps, each a line
/// to type and what ends it. The default is the benchmark's: boot → register → attach → open a
/// TCP socket to a sink → send 100 bytes → close.
///
///     AT            (repeated until OK: the modem is booting)
///     ATE0 / AT+CMEE=1
///     AT+CEREG?     (repeated until registered)
///     AT+CGATT=1
///     AT+QIOPEN=1,0,"TCP","127.0.0.1",9000,0,1   → OK, then +QIOPEN: 0,0
///     AT+QISEND=0,100  → "> ", 100 bytes → SEND OK
///     AT+QICLOSE=0  → OK
public struct FleetWorkload: Sendable {
    /// One exchange.
    public struct Step: Sendable {
        public enum Until: Sendable {
            /// The final result `OK` (or the given vendor final).
            case final(String)
            /// An information line or URC starting with one of these, after the final result.
            case line([String])
            /// The `> ` prompt: the step's payload follows it.
            case prompt
        }

        public var line: String
        public var until: Until
        /// Written after a prompt.
        public var payload: [UInt8]
        /// Written again this often until the step succeeds (booting, registering); `nil`
        /// fails the modem's run instead.
        public var retryEvery: Duration?
        /// A final result that is not a success is retried (with ``retryEvery``) instead of failing.
        public var retryOnError: Bool

        public init(_ line: String, until: Until = .final("OK"), payload: [UInt8] = [], retryEvery: Duration? = nil, retryOnError: Bool = false) {
            self.line = line
            self.until = until
            self.payload = payload
            self.retryEvery = retryEvery
            self.retryOnError = retryOnError
        }
    }

    public var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// The benchmark workload for a profile's dialect, sending `payloadSize` bytes to `port` on
    /// 127.0.0.1; `nil` when the dialect has no sockets (then it stops after attaching).
    public static func connectAndSend(dialect: VirtualModemProfile.Dialect, port: Int, payloadSize: Int = 100) -> FleetWorkload {
        let payload = (0..<payloadSize).map { UInt8(0x41 + $0 % 26) }
        var steps: [Step] = [
            Step("AT", retryEvery: .milliseconds(200)),
            Step("ATE0"),
            Step("AT+CMEE=1"),
        ]
        switch dialect {
        case .simcomSIM800:
            steps += [
                Step("AT+CREG?", until: .line(["+CREG: 0,1", "+CREG: 0,5"]), retryEvery: .milliseconds(100), retryOnError: true),
                Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
                Step("AT+CIPMUX=1"),
                Step("AT+CSTT=\"internet\""),
                Step("AT+CIICR"),
                Step("AT+CIFSR", until: .line(["10."])),
                Step("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"\(port)\"", until: .line(["0, CONNECT OK"])),
                Step("AT+CIPSEND=0,\(payloadSize)", until: .prompt, payload: payload),
                Step("", until: .line(["0, SEND OK"])),
                Step("AT+CIPCLOSE=0", until: .line(["0, CLOSE OK"])),
            ]
        case .simcomSIM7600:
            steps += [
                Step("AT+CEREG?", until: .line(["+CEREG: 0,1", "+CEREG: 0,5"]), retryEvery: .milliseconds(100), retryOnError: true),
                Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
                Step("AT+NETOPEN", until: .line(["+NETOPEN: 0"])),
                Step("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",\(port)", until: .line(["+CIPOPEN: 0,0"])),
                Step("AT+CIPSEND=0,\(payloadSize)", until: .prompt, payload: payload),
                Step("", until: .line(["+CIPSEND: 0,"])),
                Step("AT+CIPCLOSE=0", until: .line(["+CIPCLOSE: 0,0"])),
            ]
        case .quectel:
            steps += [
                Step("AT+CEREG?", until: .line(["+CEREG: 0,1", "+CEREG: 0,5"]), retryEvery: .milliseconds(100), retryOnError: true),
                Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
                Step("AT+QIACT=1"),
                Step("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",\(port),0,1", until: .line(["+QIOPEN: 0,0"])),
                Step("AT+QISEND=0,\(payloadSize)", until: .prompt, payload: payload),
                Step("", until: .final("SEND OK")),
                Step("AT+QICLOSE=0"),
            ]
        case .ublox:
            steps += [
                Step("AT+CEREG?", until: .line(["+CEREG: 0,1", "+CEREG: 0,5"]), retryEvery: .milliseconds(100), retryOnError: true),
                Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
                Step("AT+USOCR=6", until: .line(["+USOCR: 0"])),
                Step("AT+USOCO=0,\"127.0.0.1\",\(port)"),
                Step("AT+USOWR=0,\(payloadSize),\"\(payload.map { String($0, radix: 16, uppercase: true) }.joined())\"", until: .line(["+USOWR: 0,\(payloadSize)"])),
                Step("AT+USOCL=0"),
            ]
        case .generic:
            steps += [
                Step("AT+CEREG?", until: .line(["+CEREG: 0,1", "+CEREG: 0,5"]), retryEvery: .milliseconds(100), retryOnError: true),
                Step("AT+CGATT=1", retryEvery: .milliseconds(200), retryOnError: true),
                Step("AT+CGACT?", until: .line(["+CGACT: 1,1"])),
            ]
        }
        return FleetWorkload(steps: steps)
    }
}

/// The built-in host of one fleet modem: types the workload's lines and reads the answers with
/// the same framer ModemKit's engine uses. Pure: bytes and time in, bytes and deadlines out.
struct FleetHost: Sendable {
    enum Phase: Sendable, Equatable {
        case running
        case done
        case failed(String)
    }

    private(set) var phase = Phase.running
    private(set) var step = 0
    private(set) var commandsSent = 0
    /// When to type the current step's line again (retries).
    private(set) var retryAt: Duration?
    private var framer = ATFramer(limits: .init(maxLineLength: 2048))
    private var sawFinal = false
    private var awaitingPayloadResult = false

    /// Starts: the first line.
    mutating func start(workload: FleetWorkload, at now: Duration) -> [UInt8] {
        send(workload, at: now)
    }

    /// Takes what the modem wrote; returns what to type next (possibly nothing).
    mutating func received(_ bytes: [UInt8], workload: FleetWorkload, at now: Duration) -> [UInt8] {
        guard phase == .running else { return [] }
        framer.append(bytes)
        let current = workload.steps[step]
        var out: [UInt8] = []
        while phase == .running, let token = framer.next(expecting: .prompt) {
            switch token {
            case .prompt:
                if case .prompt = current.until {
                    out += advance(workload, at: now, payload: current.payload)
                    return out
                }
            case .line(let line):
                out += handle(line: ATText.decode(line), workload: workload, at: now)
                if !out.isEmpty { return out }
            default:
                continue
            }
        }
        return out
    }

    private mutating func handle(line: String, workload: FleetWorkload, at now: Duration) -> [UInt8] {
        let current = workload.steps[step]
        let isError = line == "ERROR" || line.hasPrefix("+CME ERROR") || line.hasPrefix("+CMS ERROR") || line == "SEND FAIL"
        if isError {
            if current.retryOnError, let every = current.retryEvery {
                retryAt = now + every
                return []
            }
            phase = .failed("step \(step) \(current.line): \(line)")
            return []
        }
        switch current.until {
        case .final(let word):
            if line == word { return advance(workload, at: now) }
        case .line(let prefixes):
            if prefixes.contains(where: { line.hasPrefix($0) }) { return advance(workload, at: now) }
            if line == "OK", current.retryEvery != nil { retryAt = now + (current.retryEvery ?? .zero) }
        case .prompt:
            break
        }
        return []
    }

    /// Time passed: a retry may be due.
    mutating func timerFired(workload: FleetWorkload, at now: Duration) -> [UInt8] {
        guard phase == .running, let due = retryAt, due <= now else { return [] }
        return send(workload, at: now)
    }

    private mutating func advance(_ workload: FleetWorkload, at now: Duration, payload: [UInt8] = []) -> [UInt8] {
        retryAt = nil
        if !payload.isEmpty {
            // The payload answers the prompt; the next step waits for the send's result.
            step += 1
            return payload
        }
        step += 1
        guard step < workload.steps.count else {
            phase = .done
            return []
        }
        if workload.steps[step].line.isEmpty { return [] }
        return send(workload, at: now)
    }

    private mutating func send(_ workload: FleetWorkload, at now: Duration) -> [UInt8] {
        let current = workload.steps[step]
        retryAt = current.retryEvery.map { now + $0 }
        commandsSent += 1
        return Array((current.line + "\r").utf8)
    }
}

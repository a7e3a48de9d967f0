import ATCodec

extension DemoModem {
    /// What the demo modem is: identity, SIM and timings. The defaults are what `modemkit demo`
    /// and the end-to-end tests use.
    public struct Configuration: Sendable {
        public var manufacturer = "ModemKit"
        public var model = "DemoModem"
        public var revision = "DEMO01A01"
        /// Made up, with a valid Luhn check digit.
        public var imei = "356938035643809"
        /// On the test network 001-01.
        public var imsi = "001010123456789"
        /// Made up, 20 digits with a valid Luhn check digit.
        public var iccid = "89883030000001234563"
        public var operatorName = "ModemKit Demo"
        /// `false` makes every SIM-related command answer `+CME ERROR: 10` (SIM not inserted).
        public var simInserted = true
        /// Echo at power-on (`ATE1`, as real modems ship).
        public var echo = true
        /// `+CMEE` at power-on: 0 plain `ERROR`, 1 numeric, 2 verbose.
        public var cmee = 0
        /// `+CREG` URC mode at power-on. Real modems start at 0; the demo modem behaves as if
        /// `AT+CREG=2` had been stored, so its network attach is visible from the first command.
        public var cregReporting = 2
        /// How long the attach takes after the host first writes (searching → registered).
        public var attachDelay: Duration = .milliseconds(300)
        /// How often a `+CMTI` arrives once registered; `nil` for never.
        public var newMessageInterval: Duration? = .seconds(2)
        /// `+CSQ` values, one per query, cycling: the signal "changes".
        public var signalSequence = [21, 23, 19, 24, 17, 22]

        public init() {}
    }

    /// The modem's behaviour without I/O or clock: lines and timer firings in, bytes to write
    /// and timers to start out. ``DemoModem`` drives it over a transport.
    ///
    ///     var modem = DemoModem.Behaviour(configuration: .init())
    ///     modem.handle(.lineReceived("AT+CSQ"))
    ///     // [.write("AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n"), .write("\r\n+CREG: 2\r\n"),
    ///     //  .startTimer(.attach, 300 ms)]
    public struct Behaviour: Sendable {
        /// Past-tense facts.
        public enum Event: Sendable, Equatable {
            case lineReceived(String)
            case timerFired(Timer)
        }

        public enum Timer: Sendable, Hashable {
            case attach
            case newMessage
        }

        /// Imperatives for the runner.
        public enum Action: Sendable, Equatable {
            case write([UInt8])
            case startTimer(Timer, Duration)
            case cancelTimer(Timer)
        }

        public let configuration: Configuration
        var echo: Bool
        var cmee: Int
        var fun = 1
        var reporting: [String: Int]
        /// `<stat>`: 0 not registered, 1 home, 2 searching.
        var status = 0
        var awake = false
        var signalIndex = 0
        var messageIndex = 0
        var lastLine: String?
        /// Actions a command causes besides its reply (`AT+CFUN=0` detaches).
        var followUps: [Action] = []

        public init(configuration: Configuration) {
            self.configuration = configuration
            self.echo = configuration.echo
            self.cmee = configuration.cmee
            self.reporting = ["+CREG": configuration.cregReporting, "+CGREG": 0, "+CEREG": 0]
        }

        public mutating func handle(_ event: Event) -> [Action] {
            switch event {
            case .lineReceived(let line):
                var actions = [Action.write(respond(to: line))]
                if !awake {
                    awake = true
                    actions += startAttach()
                }
                actions += followUps
                followUps = []
                return actions
            case .timerFired(.attach):
                guard fun == 1, configuration.simInserted else { return [] }
                status = 1
                var actions = registrationURCs()
                if let interval = configuration.newMessageInterval {
                    actions.append(.startTimer(.newMessage, interval))
                }
                return actions
            case .timerFired(.newMessage):
                guard status == 1, let interval = configuration.newMessageInterval else { return [] }
                messageIndex += 1
                return [.write(urc("+CMTI: \"SM\",\(messageIndex)")), .startTimer(.newMessage, interval)]
            }
        }

        // MARK: - Network

        private mutating func startAttach() -> [Action] {
            guard fun == 1, configuration.simInserted else { return [] }
            status = 2
            return registrationURCs() + [.startTimer(.attach, configuration.attachDelay)]
        }

        private mutating func detach() -> [Action] {
            status = 0
            return registrationURCs() + [.cancelTimer(.attach), .cancelTimer(.newMessage)]
        }

        private func registrationURCs() -> [Action] {
            ["+CREG", "+CGREG", "+CEREG"].compactMap { name in
                guard let mode = reporting[name], mode > 0 else { return nil }
                return .write(urc(name + ": " + registrationFields(mode: mode)))
            }
        }

        /// `<stat>[,<lac>,<ci>,<AcT>]`: location only in mode 2 and when there is a cell.
        func registrationFields(mode: Int) -> String {
            guard mode >= 2, status == 1 else { return "\(status)" }
            return "\(status),\"00C3\",\"01A2D101\",7"
        }

        // MARK: - Commands

        private mutating func respond(to line: String) -> [UInt8] {
            var line = line
            if line.uppercased() == "A/", let last = lastLine { line = last }
            let echoed = echo ? Array(line.utf8) + [0x0D] : []
            guard line.uppercased().hasPrefix("AT") else { return echoed }
            lastLine = line
            let reply = execute(String(line.dropFirst(2)))
            return echoed + Array(reply.utf8)
        }

        /// The reply to one command body (the text after `AT`), with its final result.
        private mutating func execute(_ body: String) -> String {
            let upper = body.uppercased()
            switch upper {
            case "", "Z", "&F", "V1", "Q0": return ok()
            case "E0": echo = false; return ok()
            case "E1", "E": echo = true; return ok()
            case "I", "I0":
                return ok([configuration.manufacturer, configuration.model, "Revision: \(configuration.revision)"])
            default: break
            }
            guard upper.hasPrefix("+") else { return failure(.operationNotSupported) }
            let nameEnd = upper.firstIndex(where: { $0 == "=" || $0 == "?" }) ?? upper.endIndex
            let name = String(upper[..<nameEnd])
            let suffix = String(body[nameEnd...])
            return extended(name, suffix)
        }

        private mutating func extended(_ name: String, _ suffix: String) -> String {
            switch (name, suffix) {
            case ("+CGMI", ""): return ok([configuration.manufacturer])
            case ("+CGMM", ""): return ok([configuration.model])
            case ("+CGMR", ""): return ok(["Revision: \(configuration.revision)"])
            case ("+CGSN", ""), ("+GSN", ""): return ok([configuration.imei])
            case ("+CIMI", ""): return simOnly { [configuration.imsi] }
            case ("+CCID", ""), ("+CCID", "?"): return simOnly { ["+CCID: \(configuration.iccid)"] }
            case ("+CPIN", "?"): return simOnly { ["+CPIN: READY"] }
            case ("+CSQ", ""):
                let sequence = configuration.signalSequence
                // Signal is measured whenever the radio is on, registered or not.
                let rssi = fun != 1 || sequence.isEmpty ? 99 : sequence[signalIndex % sequence.count]
                signalIndex += 1
                return ok(["+CSQ: \(rssi),99"])
            case ("+COPS", "?"):
                guard status == 1 else { return ok(["+COPS: 0"]) }
                return ok(["+COPS: 0,0,\"\(configuration.operatorName)\",7"])
            case ("+CMEE", "?"): return ok(["+CMEE: \(cmee)"])
            case ("+CMEE", "=?"): return ok(["+CMEE: (0-2)"])
            case ("+CFUN", "?"): return ok(["+CFUN: \(fun)"])
            case ("+CFUN", "=?"): return ok(["+CFUN: (0,1,4),(0-1)"])
            case ("+CREG", "?"), ("+CGREG", "?"), ("+CEREG", "?"):
                return ok(["\(name): \(reporting[name] ?? 0),\(registrationFields(mode: reporting[name] ?? 0))"])
            case ("+CREG", "=?"), ("+CGREG", "=?"), ("+CEREG", "=?"):
                return ok(["\(name): (0-2)"])
            default: break
            }
            guard suffix.hasPrefix("="), let value = Int(suffix.dropFirst()) else {
                return failure(.operationNotSupported)
            }
            switch name {
            case "+CMEE" where (0...2).contains(value):
                cmee = value
                return ok()
            case "+CREG", "+CGREG", "+CEREG":
                guard (0...2).contains(value) else { return failure(.incorrectParameters) }
                reporting[name] = value
                return ok()
            case "+CFUN" where [0, 1, 4].contains(value):
                let wasOn = fun == 1
                fun = value
                if wasOn, value != 1 { followUps += detach() }
                if !wasOn, value == 1, awake { followUps += startAttach() }
                return ok()
            default:
                return failure(.operationNotSupported)
            }
        }

        private func simOnly(_ lines: () -> [String]) -> String {
            configuration.simInserted ? ok(lines()) : failure(.simNotInserted)
        }

        /// `\r\n<line>\r\n<line>\r\n\r\nOK\r\n`, as V.250 modems print a response with verbose results.
        private func ok(_ lines: [String] = []) -> String {
            (lines.isEmpty ? "" : "\r\n" + lines.joined(separator: "\r\n") + "\r\n") + "\r\nOK\r\n"
        }

        private func failure(_ error: CMEError) -> String {
            switch cmee {
            case 1: "\r\n+CME ERROR: \(error.code)\r\n"
            case 2: "\r\n+CME ERROR: \(error.text)\r\n"
            default: "\r\nERROR\r\n"
            }
        }

        private func urc(_ line: String) -> [UInt8] {
            Array("\r\n\(line)\r\n".utf8)
        }
    }
}

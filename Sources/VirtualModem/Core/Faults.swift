/// Seeded random faults: each is a probability per command (0 never, 1 always). The draws come
/// from the modem's own fault generator, so a run with the same seed and inputs fails the same
/// way every time.
///
///     var plan = FaultPlan()
///     plan.dropResponse = 0.05          // one final result in twenty never comes
///     plan.urcInsideResponse = 0.2      // "+CSQ: 9,99" between a response's lines
///     _ = modem.setFaults(plan, at: now)
public struct FaultPlan: Sendable, Codable, Equatable {
    /// A command's final result is never sent.
    public var dropResponse: Double = 0
    /// A command's answer comes ``responseDelayMilliseconds`` late.
    public var delayResponse: Double = 0
    public var responseDelayMilliseconds: Int = 2000
    /// Random bytes precede a final result.
    public var garbage: Double = 0
    /// ``insideURC`` is printed after a response's information lines, before its final result.
    public var urcInsideResponse: Double = 0
    public var insideURC: String = "+CSQ: 9,99"
    /// The modem reboots while running a command (no answer, then boot URCs).
    public var rebootMidCommand: Double = 0
    /// An extended command fails with `+CME ERROR: <cmeCode>`.
    public var cmeError: Double = 0
    public var cmeCode: Int = 100
    /// A socket connect fails (`CONNECT FAIL`, `+QIOPEN: 0,566`...).
    public var connectFail: Double = 0
    /// A socket send fails (`SEND FAIL`...).
    public var sendFail: Double = 0
    /// Emulated line speed in bits per second (10 bits per byte); `nil` is as fast as possible.
    /// The host side paces the modem's output by it.
    public var baudRate: Int?

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case dropResponse, delayResponse, responseDelayMilliseconds, garbage, urcInsideResponse, insideURC
        case rebootMidCommand, cmeError, cmeCode, connectFail, sendFail, baudRate
    }

    /// Every field is optional in a file; probabilities must lie in 0...1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func probability(_ key: CodingKeys) throws -> Double {
            let value = try c.decodeIfPresent(Double.self, forKey: key) ?? 0
            guard (0...1).contains(value) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a probability is between 0 and 1")
            }
            return value
        }
        dropResponse = try probability(.dropResponse)
        delayResponse = try probability(.delayResponse)
        responseDelayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .responseDelayMilliseconds) ?? 2000
        garbage = try probability(.garbage)
        urcInsideResponse = try probability(.urcInsideResponse)
        insideURC = try c.decodeIfPresent(String.self, forKey: .insideURC) ?? "+CSQ: 9,99"
        rebootMidCommand = try probability(.rebootMidCommand)
        cmeError = try probability(.cmeError)
        cmeCode = try c.decodeIfPresent(Int.self, forKey: .cmeCode) ?? 100
        connectFail = try probability(.connectFail)
        sendFail = try probability(.sendFail)
        baudRate = try c.decodeIfPresent(Int.self, forKey: .baudRate)
        if let baudRate, !(300...4_000_000).contains(baudRate) {
            throw DecodingError.dataCorruptedError(forKey: .baudRate, in: c, debugDescription: "baud rate out of range")
        }
    }
}

/// A one-off fault, injected by a scenario step, a test or `modemkit sim ctl`.
public enum Fault: Sendable, Codable, Equatable {
    case dropNextResponse
    case delayNextResponse(milliseconds: Int)
    case rebootDuringNextCommand
    case cmeErrorOnNext(code: Int)
    case urcInsideNextResponse(urc: String)
    case connectFailNext
    case sendFailNext
    /// Random bytes on the line now.
    case garbage(count: Int)
    /// The same URC many times, now.
    case urcStorm(urc: String, count: Int)
}

struct FaultState: Sendable {
    var plan = FaultPlan()
    var pending: [Fault] = []
    var random = SplitMix64(seed: 0)

    mutating func draw(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        return Double(random.next() >> 11) / Double(1 << 53) < probability
    }

    /// Takes the first pending one-off fault that `matches`.
    mutating func take(_ matches: (Fault) -> Bool) -> Fault? {
        guard let index = pending.firstIndex(where: matches) else { return nil }
        return pending.remove(at: index)
    }
}

extension VirtualModem {
    /// The random fault plan in force.
    public var faultPlan: FaultPlan { faults.plan }

    /// Applies a one-off fault.
    public mutating func inject(_ fault: Fault, at instant: Duration) -> [Action] {
        runTimers(upTo: instant)
        applyFault(fault)
        return takeActions()
    }

    mutating func applyFault(_ fault: Fault) {
        switch fault {
        case .garbage(let count):
            for _ in 0..<max(0, min(count, 65_536)) { outBytes.append(UInt8(truncatingIfNeeded: faults.random.next())) }
        case .urcStorm(let urc, let count):
            for _ in 0..<max(0, min(count, 100_000)) { emitURC(urc) }
        default:
            faults.pending.append(fault)
        }
    }

    /// A fault that replaces this command's normal handling, if one falls due.
    mutating func faultResult(for command: ParsedCommand) -> CommandResult? {
        if faults.take({ $0 == .rebootDuringNextCommand }) != nil || faults.draw(faults.plan.rebootMidCommand) {
            schedule(after: .milliseconds(1), tag: .fault) { $0.reboot() }
            return .suspend(key: -1) { _, _ in .error(.error) }
        }
        if command.isExtended {
            if case .cmeErrorOnNext(let code)? = faults.take({ if case .cmeErrorOnNext = $0 { true } else { false } }) {
                return .error(.cme(code))
            }
            if faults.draw(faults.plan.cmeError) { return .error(.cme(faults.plan.cmeCode)) }
        }
        return nil
    }

    /// How long this command's answer is held back by a fault, if at all.
    mutating func faultDelay() -> Duration? {
        if case .delayNextResponse(let ms)? = faults.take({ if case .delayNextResponse = $0 { true } else { false } }) {
            return .milliseconds(ms)
        }
        if faults.draw(faults.plan.delayResponse) { return .milliseconds(faults.plan.responseDelayMilliseconds) }
        return nil
    }

    /// Whether a fault swallows the final result about to be written; may write garbage first.
    mutating func faultDropsResponse() -> Bool {
        if faults.draw(faults.plan.garbage) {
            for _ in 0..<8 { outBytes.append(UInt8(truncatingIfNeeded: faults.random.next()) | 0x80) }
        }
        if faults.take({ $0 == .dropNextResponse }) != nil { return true }
        return faults.draw(faults.plan.dropResponse)
    }

    /// After a response's information lines: a URC may be slipped in before the final result.
    mutating func faultsAfterResponseLine() {
        if case .urcInsideNextResponse(let urc)? = faults.take({ if case .urcInsideNextResponse = $0 { true } else { false } }) {
            writeURC([urc])
        } else if faults.draw(faults.plan.urcInsideResponse) {
            writeURC([faults.plan.insideURC])
        }
    }

    /// Whether the next socket connect fails.
    mutating func faultFailsConnect() -> Bool {
        faults.take({ $0 == .connectFailNext }) != nil || faults.draw(faults.plan.connectFail)
    }

    /// Whether the next socket send fails.
    mutating func faultFailsSend() -> Bool {
        faults.take({ $0 == .sendFailNext }) != nil || faults.draw(faults.plan.sendFail)
    }
}

/// The commands one profile knows, by name. Built once per profile and shared by every modem of
/// that profile (a fleet of ten thousand shares one table).
public final class HandlerTable: Sendable {
    /// Answers one command. It may change the modem; it must not block.
    public typealias Handler = @Sendable (inout VirtualModem, ParsedCommand) -> CommandResult

    private let handlers: [String: Handler]

    /// The names the table knows, sorted (what `AT+CLAC` prints).
    public let names: [String]

    public init(profile: VirtualModemProfile) {
        var table: [String: Handler] = [:]
        VirtualModem.registerV250(into: &table)
        VirtualModem.registerIdentity(into: &table, profile: profile)
        VirtualModem.registerSIM(into: &table)
        VirtualModem.registerNetwork(into: &table)
        VirtualModem.registerPacket(into: &table)
        VirtualModem.registerPowerSaving(into: &table)
        VirtualModem.registerSMS(into: &table)
        VirtualModem.registerVendor(into: &table, dialect: profile.dialect)
        VirtualModem.registerSockets(into: &table, dialect: profile.dialect)
        for name in profile.unsupportedCommands { table[name.uppercased()] = nil }
        handlers = table
        names = table.keys.sorted()
    }

    public func handler(for name: String) -> Handler? {
        handlers[name]
    }
}

// MARK: - Helpers for handlers

extension ParsedCommand {
    /// The integer at `index`, or `defaultValue` when the field is absent or empty; `nil` when
    /// it is not a number in `range`.
    func int(_ index: Int, in range: ClosedRange<Int>, default defaultValue: Int? = nil) -> Int?? {
        let fields = self.fields
        guard index < fields.count, let text = fields[index].text, !text.isEmpty else { return .some(defaultValue) }
        guard let value = Int(text), range.contains(value) else { return .none }
        return .some(value)
    }

    /// The text at `index` (quotes removed), or `nil`.
    func text(_ index: Int) -> String? {
        let fields = self.fields
        guard index < fields.count else { return nil }
        return fields[index].text
    }
}

extension VirtualModem {
    /// The error a SIM-dependent command gets now, or `nil` when the SIM is usable.
    func simFailure() -> ModemFailure? {
        guard sim.present else { return .simNotInserted }
        if !sim.initialised || now < sim.busyUntil { return .simBusy }
        switch sim.lock {
        case .ready: return nil
        case .pinRequired: return .simPINRequired
        case .pukRequired: return .simPUKRequired
        case .blocked: return .cme(13)
        }
    }

    /// Renders `(0-3)`-style ranges the way test commands print them.
    static func range(_ values: ClosedRange<Int>) -> String {
        "(\(values.lowerBound)-\(values.upperBound))"
    }
}

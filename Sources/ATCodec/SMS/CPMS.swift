/// Preferred message storage, TS 27.005 §3.2.2: where `+CMGL/+CMGR/+CMGD` read (`<mem1>`),
/// `+CMGW/+CMSS` write (`<mem2>`) and received messages go (`<mem3>`), with usage.
public enum CPMS {
    public static let name = "+CPMS"

    /// One storage's use.
    public struct Usage: Sendable, Hashable {
        /// `nil` in the set answer, which prints numbers only.
        public var storage: SMSStorage?
        public var used: Int
        public var total: Int
        public var isFull: Bool { total > 0 && used >= total }

        public init(storage: SMSStorage?, used: Int, total: Int) {
            self.storage = storage
            self.used = used
            self.total = total
        }
    }

    /// Selects the storages (`write` and `receive` may be left out) and returns their use.
    ///
    ///     → AT+CPMS="ME","ME","ME"
    ///     ← +CPMS: 3,50,3,50,3,50
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// - Throws: ``ATArgumentError`` when a storage name is not 1 to 8 letters or digits.
        public init(read: SMSStorage, write: SMSStorage? = nil, receive: SMSStorage? = nil) throws(ATArgumentError) {
            let storages = [read] + [write, receive].compactMap { $0 }
            for storage in storages where !storage.isSendable {
                throw ATArgumentError(command: CPMS.name, parameter: "mem", reason: "must be 1 to 8 letters or digits")
            }
            text = StandardParsing.setLine(CPMS.name, safeStrings: storages.map(\.rawValue))
        }

        public static var prefixes: [String] { ["+CPMS:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [Usage] {
            try CPMS.usages(response)
        }
    }

    /// Reads the storages in use with their counts.
    ///
    ///     → AT+CPMS?
    ///     ← +CPMS: "SM",2,30,"SM",2,30,"SM",2,30          (BG96)
    ///     ← +CPMS: "SM_P",0,50,"SM_P",0,50,"SM_P",0,50    (SIM800)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CPMS.name) }
        public static var prefixes: [String] { ["+CPMS:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [Usage] {
            try CPMS.usages(response)
        }
    }

    /// `"SM",2,30,...` (named triples) or `2,30,...` (pairs).
    static func usages(_ response: ATResponse) throws(ATParseError) -> [Usage] {
        let (body, context) = try StandardParsing.line(response, prefix: "+CPMS:")
        let fields = try StandardParsing.fields(body, context)
        let named: Bool = if case .quoted = fields.first ?? .empty { true } else { false }
        let width = named ? 3 : 2
        guard !fields.isEmpty, fields.count % width == 0 else {
            throw context.error("expected \(named ? "<mem>,<used>,<total>" : "<used>,<total>") groups")
        }
        var result: [Usage] = []
        for start in stride(from: 0, to: fields.count, by: width) {
            let storage = named ? SMSStorage(rawValue: try fields.requiredText(start, in: context)) : nil
            let used = try StandardParsing.count(fields, start + width - 2, name: "<used>", in: context)
            let total = try StandardParsing.count(fields, start + width - 1, name: "<total>", in: context)
            result.append(Usage(storage: storage, used: used, total: total))
        }
        return result
    }
}

/// Service centre address, TS 27.005 §3.3.1.
public enum CSCA {
    public static let name = "+CSCA"

    /// Reads the SMSC number; `nil` when the SIM holds none (`+CSCA: "",129`).
    ///
    ///     → AT+CSCA?
    ///     ← +CSCA: "+447785016005",145      (SIM800, Vodafone UK)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CSCA.name) }
        public static var prefixes: [String] { ["+CSCA:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> (number: String, type: Int?)? {
            let (body, context) = try StandardParsing.line(response, prefix: "+CSCA:")
            let fields = try StandardParsing.fields(body, context)
            guard let number = StandardParsing.text(fields, 0)?.trimmingSpaces(), !number.isEmpty else { return nil }
            return (number, try fields.int(1, in: context))
        }
    }

    /// Sets the SMSC number: `+` and digits only.
    ///
    ///     → AT+CSCA="+447785016005",145
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// - Throws: ``ATArgumentError`` when the number is not an optional `+` and 1 to 20 digits.
        public init(number: String) throws(ATArgumentError) {
            guard CMGS.isValidNumber(number) else {
                throw ATArgumentError(command: CSCA.name, parameter: "sca", reason: "must be an optional + and 1 to 20 digits")
            }
            let type: ATParameter = .int(number.hasPrefix("+") ? 145 : 129)
            text = (try? ATCommandLine.set(CSCA.name, [.string(number), type])) ?? "AT+CSCA=\"\(number)\""
        }

        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

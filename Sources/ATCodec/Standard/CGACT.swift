/// PDP context activation, TS 27.007 §10.1.10.
public enum CGACT {
    public static let name = "+CGACT"

    /// One line of the read answer: `+CGACT: <cid>,<state>`.
    public struct ContextState: Sendable, Hashable {
        public var cid: Int
        public var isActive: Bool

        public init(cid: Int, isActive: Bool) {
            self.cid = cid
            self.isActive = isActive
        }
    }

    /// Reads which contexts are active.
    ///
    ///     → AT+CGACT?
    ///     ← +CGACT: 1,1
    ///     ← +CGACT: 2,0
    ///     ← OK
    ///
    /// Timeout: local state; 1 s.
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CGACT.name) }
        public static var prefixes: [String] { ["+CGACT:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [ContextState] {
            var states: [ContextState] = []
            for (line, body) in StandardParsing.lines(response, prefix: "+CGACT:") {
                let context = ATFieldsContext(command: response.command, line: line)
                let fields = try StandardParsing.fields(body, context)
                let cid = try StandardParsing.count(fields, 0, name: "<cid>", in: context)
                let state = try fields.requiredInt(1, in: context)
                guard state == 0 || state == 1 else { throw context.error("<state> \(state) is not 0 or 1") }
                states.append(ContextState(cid: cid, isActive: state == 1))
            }
            return states
        }
    }

    /// Activates or deactivates contexts (all defined ones when `cids` is empty).
    ///
    ///     → AT+CGACT=1,1
    ///     ← OK
    ///
    /// Timeout: the network decides; Quectel BG96 gives 150 s.
    public struct Set: ATCommand {
        public let active: Bool
        public let cids: [Int]

        public init(active: Bool, cids: [Int] = []) {
            self.active = active
            self.cids = cids
        }

        public var text: String { StandardParsing.setLine(CGACT.name, numbers: [active ? 1 : 0] + cids) }
        public static var timeout: Duration { .seconds(150) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

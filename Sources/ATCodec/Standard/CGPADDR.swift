/// Show PDP address(es), TS 27.007 §10.1.14.
public enum CGPADDR {
    public static let name = "+CGPADDR"

    /// One line: `+CGPADDR: <cid>[,<PDP_addr_1>[,<PDP_addr_2>]]`.
    public struct Addresses: Sendable, Hashable {
        public var cid: Int
        /// In the order printed; none for a context without an address.
        public var addresses: [IPAddress]

        public init(cid: Int, addresses: [IPAddress]) {
            self.cid = cid
            self.addresses = addresses
        }

        /// The first IPv4 address.
        public var ipv4: IPAddress? { addresses.first(where: \.isIPv4) }
        /// The first IPv6 address.
        public var ipv6: IPAddress? { addresses.first(where: \.isIPv6) }
    }

    /// Reads the addresses of the given contexts (all defined ones when `cids` is empty).
    ///
    ///     → AT+CGPADDR=1
    ///     ← +CGPADDR: 1,10.71.155.118                                       (SIM7600: unquoted)
    ///     ← OK
    ///
    ///     ← +CGPADDR: 1,"10.0.0.2","32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1"   (IPV4V6)
    ///     ← +CGPADDR: 1,"10.0.0.2 32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1"     (both in one field)
    ///
    /// Timeout: local state; Quectel gives 300 ms, we allow 1 s.
    public struct Execute: ATCommand {
        public let cids: [Int]

        public init(cids: [Int] = []) { self.cids = cids }

        public var text: String {
            cids.isEmpty ? ATCommandLine.execute(CGPADDR.name) : StandardParsing.setLine(CGPADDR.name, numbers: cids)
        }
        public static var prefixes: [String] { ["+CGPADDR:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [Addresses] {
            var result: [Addresses] = []
            for (line, body) in StandardParsing.lines(response, prefix: "+CGPADDR:") {
                let context = ATFieldsContext(command: response.command, line: line)
                let fields = try StandardParsing.fields(body, context)
                let cid = try StandardParsing.count(fields, 0, name: "<cid>", in: context)
                var addresses: [IPAddress] = []
                for index in fields.indices.dropFirst() {
                    for text in (fields.text(index) ?? "").split(separator: " ") {
                        guard let address = IPAddress(text) else {
                            throw context.error("\"\(text)\" is not an IPv4 or IPv6 address")
                        }
                        addresses.append(address)
                    }
                }
                result.append(Addresses(cid: cid, addresses: addresses))
            }
            return result
        }
    }
}

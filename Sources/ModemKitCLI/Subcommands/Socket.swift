import ArgumentParser
import ModemCore
import ModemKit

extension ModemKitCommand {
    /// `modemkit socket tcp://HOST:PORT`: netcat over the modem.
    struct Socket: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Netcat over the modem: stdin to a TCP or UDP socket the modem opens, the socket to stdout.",
            discussion: """
                Brings data up (as connect does), opens the socket with the dialect's commands \
                (Quectel AT+QIOPEN, u-blox AT+USOCR/USOCO, SIMCom AT+CIPOPEN / AT+CIPSTART) and \
                copies stdin to it and what arrives to stdout. After stdin ends it keeps reading \
                until the peer closes or nothing arrives for --linger seconds. With UDP each read \
                of stdin is one datagram.

                Example: echo hello | modemkit socket --sim quectel-bg96 --apn internet tcp://127.0.0.1:7000

                --json prints {"sent":…,"received":…,"seconds":…} on stderr at the end (stdout \
                carries the data). Exit codes: 0 done; 1 the SIM is locked or the socket failed; \
                2 usage error; 3 no data session within --timeout; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var lifecycleOptions: LifecycleOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: ArgumentHelp("Where to connect: tcp://HOST:PORT or udp://HOST:PORT.", valueName: "url"))
        var url: SocketAddress
        @Option(help: ArgumentHelp("Access point name (empty: the network's).", valueName: "apn"))
        var apn = ""
        @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks.", valueName: "pin"))
        var pin: String?
        @Option(help: ArgumentHelp("Seconds to wait for the data session.", valueName: "seconds"))
        var timeout: Double = 180
        @Option(help: ArgumentHelp("After stdin ends: seconds without data before closing.", valueName: "seconds"))
        var linger: Double = 2

        func validate() throws {
            do {
                _ = try DataSessionSettings(apn: apn)
            } catch {
                throw ValidationError("\(error)")
            }
            try CodeChecks.pin(pin)
            try CodeChecks.seconds(timeout, option: "--timeout")
            guard linger >= 0, linger <= 3600 else { throw ValidationError("--linger must be between 0 and 3600 seconds.") }
        }

        func run() async throws {
            let session = try DataSessionSettings(apn: apn)
            var lifecycle = ModemLifecycleStateMachine.Configuration(pin: pin, dataSession: session)
            try lifecycleOptions.apply(to: &lifecycle)
            let connection = try await ModemConnection.open(self.connection)
            Console.progress("Connected to \(connection.summary); bringing data up…")
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), logger: logging.logger(label: "modemkit.modem"))
            let result: Result<SocketCopy.Totals, CLIError>
            do {
                try await SocketCopy.dataUp(modem, timeout: .seconds(timeout))
                result = .success(try await SocketCopy.run(modem: modem, session: session, address: url, linger: .milliseconds(Int64(linger * 1000))))
            } catch {
                result = .failure(error)
            }
            await modem.stop()
            await client.close()
            await connection.close()
            let totals = try result.get()
            if output.json {
                Console.error("{\"received\":\(totals.received),\"seconds\":\(totals.seconds),\"sent\":\(totals.sent)}")
            } else {
                Console.progress("sent \(totals.sent) bytes, received \(totals.received) bytes in \(totals.seconds) s")
            }
        }
    }
}

/// `tcp://host:port` or `udp://host:port`, checked: a host without spaces, quotes, backslashes
/// or control characters (at most 255 characters), a port 1...65535.
struct SocketAddress: ExpressibleByArgument, Sendable {
    enum Kind: String, Sendable { case tcp, udp }

    let kind: Kind
    let host: String
    let port: Int

    init?(argument: String) {
        guard let range = argument.range(of: "://"), let kind = Kind(rawValue: String(argument[..<range.lowerBound]).lowercased()) else { return nil }
        let rest = argument[range.upperBound...]
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        var host = String(rest[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let forbidden = host.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || $0 == "\"" || $0 == "\\" || !$0.isASCII }
        guard !host.isEmpty, host.utf8.count <= 255, !forbidden else { return nil }
        self.kind = kind
        self.host = host
        self.port = port
    }
}

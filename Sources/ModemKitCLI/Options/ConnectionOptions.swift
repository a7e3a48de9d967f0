import ArgumentParser
import ModemTransport
import VirtualModem

/// How to reach the modem: a serial device (`--device`, with its line settings) or a raw TCP
/// port (`--tcp`, such as ser2net), optionally recorded to a trace file (`--record`).
public struct ConnectionOptions: ParsableArguments {
    /// `--parity`.
    public enum Parity: String, CaseIterable, ExpressibleByArgument, Sendable {
        case none, odd, even, mark, space
    }

    /// `--flow`.
    public enum Flow: String, CaseIterable, ExpressibleByArgument, Sendable {
        case none, rtscts, xonxoff
    }

    @Option(help: ArgumentHelp("Serial device of the modem's AT port.", valueName: "path"))
    public var device: String?

    @Option(help: "Line speed in bit/s.")
    public var baud = 115_200

    @Option(name: .customLong("data-bits"), help: "Data bits: 5 to 8.")
    public var dataBits = 8

    @Option(help: "Parity.")
    public var parity: Parity = .none

    @Option(name: .customLong("stop-bits"), help: "Stop bits: 1 or 2.")
    public var stopBits = 1

    @Option(help: "Flow control.")
    public var flow: Flow = .none

    @Option(help: ArgumentHelp("Raw TCP port carrying the AT stream (ser2net, a virtual modem).", valueName: "host:port"))
    public var tcp: String?

    @Option(help: ArgumentHelp("No hardware: a virtual modem of this profile in this process (generic, simcom-sim800, simcom-sim7600, quectel-bg96, ublox-sara-r4), booted and registered.", valueName: "profile"))
    public var sim: String?

    @Option(help: ArgumentHelp("Record every byte in both directions to a trace file.", valueName: "file"))
    public var record: String?

    public init() {}

    public func validate() throws {
        if let sim {
            guard device == nil, tcp == nil else { throw ValidationError("Give one of --device, --tcp or --sim.") }
            guard VirtualModemProfile.named(sim) != nil else {
                throw ValidationError("Unknown profile '\(sim)'. Known: \(VirtualModemProfile.builtIn.map(\.name).joined(separator: ", ")).")
            }
            if let record, record.isEmpty { throw ValidationError("--record needs a file name.") }
            return
        }
        switch (device, tcp) {
        case (nil, nil):
            throw ValidationError("Say where the modem is: --device PATH, --tcp HOST:PORT or --sim PROFILE (see `modemkit ports`).")
        case (.some, .some):
            throw ValidationError("Give either --device or --tcp, not both.")
        case (.some(let path), nil):
            guard !path.isEmpty else { throw ValidationError("--device needs a path.") }
            do {
                try serialConfiguration.validate()
            } catch {
                throw ValidationError("\(error)")
            }
            guard stopBits == 1 || stopBits == 2 else {
                throw ValidationError("--stop-bits must be 1 or 2, not \(stopBits).")
            }
        case (nil, .some(let address)):
            _ = try Self.endpoint(address)
        }
        if let record, record.isEmpty { throw ValidationError("--record needs a file name.") }
    }

    /// The line settings for `--device`.
    public var serialConfiguration: SerialConfiguration {
        let parity: SerialConfiguration.Parity = switch self.parity {
        case .none: .none
        case .odd: .odd
        case .even: .even
        case .mark: .mark
        case .space: .space
        }
        let flow: SerialConfiguration.FlowControl = switch self.flow {
        case .none: .none
        case .rtscts: .rtsCts
        case .xonxoff: .xonXoff
        }
        return SerialConfiguration(
            baud: baud, dataBits: dataBits, parity: parity,
            stopBits: stopBits == 2 ? .two : .one, flowControl: flow
        )
    }

    /// Splits `host:port` (`[::1]:2000` for IPv6) and checks the port. A server may listen on
    /// port 0 (`listening: true`), which lets the system pick a free one.
    static func endpoint(_ address: String, listening: Bool = false) throws -> (host: String, port: Int) {
        var host: Substring
        let portText: Substring
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            host = address[address.index(after: address.startIndex)..<close]
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ValidationError("--tcp wants HOST:PORT, got \"\(address)\".") }
            portText = rest.dropFirst()
        } else {
            guard let colon = address.lastIndex(of: ":") else {
                throw ValidationError("--tcp wants HOST:PORT, got \"\(address)\".")
            }
            host = address[..<colon]
            portText = address[address.index(after: colon)...]
        }
        host = host.isEmpty ? "127.0.0.1" : host
        let lowest = listening ? 0 : 1
        guard let port = Int(portText), (lowest...65_535).contains(port) else {
            throw ValidationError("--tcp port must be \(lowest)...65535, got \"\(portText)\".")
        }
        return (String(host), port)
    }
}

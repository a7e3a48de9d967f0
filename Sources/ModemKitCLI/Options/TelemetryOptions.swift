import ArgumentParser
import Foundation
import ModemCore
import ModemTelemetry
import Telemetry
import VirtualModem
import Yams

/// What `telemetry send` and `telemetry run` share: where the modem is, its data session, the
/// destinations, the outbox and the delivery policy. Every option can also come from a YAML
/// file (`--config`) under its long name; the command line wins.
///
///     # /etc/modemkit/telemetry.yaml
///     device: /dev/ttyUSB2
///     apn: internet
///     to: ["mqtt://meter:secret@broker.example:1883/meters/{device}", "http://collector:8080/ingest"]
///     sms: "+15551234567"
///     sms-after: 600
///     outbox: /var/lib/modemkit/outbox.sqlite
struct TelemetryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("YAML file with any of these options under their long names.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Serial device of the modem's AT port.", valueName: "path"))
    var device: String?
    @Option(help: "Line speed in bit/s (default 115200).")
    var baud: Int?
    @Option(help: ArgumentHelp("No hardware: a virtual modem of this profile in this process.", valueName: "profile"))
    var sim: String?
    @Option(help: ArgumentHelp("Record every byte to and from the modem to a trace file.", valueName: "file"))
    var record: String?
    @Option(help: ArgumentHelp("Access point name (default: the network's).", valueName: "apn"))
    var apn: String?
    @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks.", valueName: "pin"))
    var pin: String?

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "Destination, repeatable, first is preferred: mqtt://[user:pass@]host:port/topic, http://host:port/path, tcp://host:port, udp://host:port, sms:+NUMBER.",
        valueName: "url"))
    var destinations: [String] = []
    @Option(help: ArgumentHelp("SMS fallback number, used once data has been down for --sms-after.", valueName: "number"))
    var sms: String?
    @Option(name: .customLong("sms-after"), help: ArgumentHelp("Seconds data must be down before readings go by SMS (default 600).", valueName: "seconds"))
    var smsAfter: Double?
    @Option(name: .customLong("device-name"), help: ArgumentHelp("This device's name: {device} in topics, the MQTT client ID (default: the host name).", valueName: "name"))
    var deviceName: String?

    @Option(help: ArgumentHelp("Outbox database (default: $XDG_STATE_HOME/modemkit/outbox.sqlite).", valueName: "file"))
    var outbox: String?
    @Option(help: "Readings the outbox keeps at most (default 100000).")
    var capacity: Int?
    @Option(name: .customLong("when-full"), help: "drop-oldest or refuse-new (default drop-oldest).")
    var whenFull: String?
    @Option(help: "normal (survives a crash) or full (also power loss, slower) (default normal).")
    var durability: String?
    @Option(help: "Readings per batch (default 20).")
    var batch: Int?

    /// The options after merging the file in: command line first, then the file, then defaults.
    func resolved() throws(CLIError) -> TelemetrySettings {
        let file = try config.map { path throws(CLIError) in try TelemetryConfigFile.load(path) } ?? TelemetryConfigFile()
        var settings = TelemetrySettings()
        settings.device = device ?? file.device
        settings.baud = baud ?? file.baud ?? 115_200
        settings.sim = sim ?? file.sim
        settings.record = record ?? file.record
        settings.apn = apn ?? file.apn ?? ""
        settings.pin = pin ?? file.pin
        settings.destinations = destinations.isEmpty ? (file.to ?? []) : destinations
        if let number = sms ?? file.sms { settings.destinations.append("sms:" + number) }
        settings.smsAfter = smsAfter ?? file.smsAfter ?? 600
        settings.deviceName = deviceName ?? file.deviceName ?? ProcessInfo.processInfo.hostName
        settings.outbox = outbox ?? file.outbox ?? Self.defaultOutboxPath()
        settings.capacity = capacity ?? file.capacity ?? 100_000
        settings.batch = batch ?? file.batch ?? 20
        switch whenFull ?? file.whenFull ?? "drop-oldest" {
        case "drop-oldest": settings.whenFull = .dropOldest
        case "refuse-new": settings.whenFull = .refuseNew
        case let other: throw CLIError("when-full must be drop-oldest or refuse-new, not '\(other)'", exitCode: CLIExit.usage)
        }
        switch durability ?? file.durability ?? "normal" {
        case "normal": settings.durability = .normal
        case "full": settings.durability = .full
        case let other: throw CLIError("durability must be normal or full, not '\(other)'", exitCode: CLIExit.usage)
        }
        try settings.check()
        return settings
    }

    /// `$XDG_STATE_HOME/modemkit/outbox.sqlite`, or under `~/.local/state`.
    static func defaultOutboxPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/modemkit/outbox.sqlite"
    }
}

/// The merged telemetry settings.
struct TelemetrySettings: Sendable {
    var device: String?
    var baud = 115_200
    var sim: String?
    var record: String?
    var apn = ""
    var pin: String?
    var destinations: [String] = []
    var smsAfter: Double = 600
    var deviceName = "modemkit"
    var outbox = ""
    var capacity = 100_000
    var whenFull: OutboxConfiguration.FullPolicy = .dropOldest
    var durability: OutboxConfiguration.Durability = .normal
    var batch = 20

    func check() throws(CLIError) {
        func usage(_ text: String) -> CLIError { CLIError(text, exitCode: CLIExit.usage) }
        if device != nil && sim != nil { throw usage("give --device or --sim, not both") }
        if let sim, VirtualModemProfile.named(sim) == nil {
            throw usage("unknown profile '\(sim)'; known: \(VirtualModemProfile.builtIn.map(\.name).joined(separator: ", "))")
        }
        if destinations.isEmpty { throw usage("say where readings go: --to URL (or 'to:' in --config)") }
        do {
            for url in destinations { _ = try TelemetryDestination(url) }
        } catch {
            throw usage("destination: \(error)")
        }
        if let pin, !(4...8).contains(pin.count) || !pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw usage("the PIN must be 4 to 8 digits")
        }
        do {
            _ = try DataSessionSettings(apn: apn)
        } catch {
            throw usage("apn: \(error)")
        }
        guard smsAfter >= 0, smsAfter <= 86_400 * 30 else { throw usage("sms-after must be between 0 and 2592000 seconds") }
        guard capacity >= 1 else { throw usage("capacity must be at least 1") }
        guard (1...1000).contains(batch) else { throw usage("batch must be between 1 and 1000") }
        guard !outbox.isEmpty else { throw usage("outbox needs a file name") }
    }

    /// The connection options for ``ModemConnection/open(_:)``.
    func connectionOptions() throws(CLIError) -> ConnectionOptions {
        var arguments: [String] = []
        if let device { arguments += ["--device", device, "--baud", String(baud)] }
        if let sim { arguments += ["--sim", sim] }
        if let record { arguments += ["--record", record] }
        guard device != nil || sim != nil else {
            throw CLIError("say where the modem is: --device PATH or --sim PROFILE (or in --config)", exitCode: CLIExit.usage)
        }
        // Parsed, not assigned: an option group's wrappers hold values only once parsed.
        do {
            return try ConnectionOptions.parse(arguments)
        } catch {
            throw CLIError(ConnectionOptions.message(for: error), exitCode: CLIExit.usage)
        }
    }
}

/// The `--config` file: the same names as the long options.
struct TelemetryConfigFile: Decodable {
    var device: String?
    var baud: Int?
    var sim: String?
    var record: String?
    var apn: String?
    var pin: String?
    var to: [String]?
    var sms: String?
    var smsAfter: Double?
    var deviceName: String?
    var outbox: String?
    var capacity: Int?
    var whenFull: String?
    var durability: String?
    var batch: Int?
    var interval: Double?
    var command: String?
    var input: String?

    enum CodingKeys: String, CodingKey {
        case device, baud, sim, record, apn, pin, to, sms, outbox, capacity, durability, batch, interval, command, input
        case smsAfter = "sms-after", deviceName = "device-name", whenFull = "when-full"
    }

    static func load(_ path: String) throws(CLIError) -> TelemetryConfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)", exitCode: CLIExit.usage)
        }
        do {
            return try YAMLDecoder().decode(TelemetryConfigFile.self, from: text)
        } catch {
            throw CLIError("\(path): \(error)", exitCode: CLIExit.usage)
        }
    }
}

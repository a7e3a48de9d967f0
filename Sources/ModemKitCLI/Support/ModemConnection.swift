import Foundation
import ModemCore
import ModemTrace
import ModemTransport
import VirtualModem
import VirtualModemHost

/// The transport a subcommand talks through, opened from ``ConnectionOptions``, wrapped in a
/// ``RecordingTransport`` when `--record` is given.
struct ModemConnection {
    let transport: any ByteTransport
    let recorder: TraceRecorder?
    /// `/dev/ttyUSB2 (115200 8N1)`, `tcp 127.0.0.1:2000`.
    let summary: String
    /// The in-process virtual modem behind `--sim`, stopped with the connection.
    var virtualModem: VirtualModemRunner? = nil

    /// The version string written into trace headers.
    static let tool = "modemkit \(ModemKitCommand.version)"

    /// Opens the device or connects; every failure is ``CLIExit/transport`` with the reason.
    static func open(_ options: ConnectionOptions) async throws(CLIError) -> ModemConnection {
        let transport: any ByteTransport
        let summary: String
        if let path = options.device {
            let configuration = options.serialConfiguration
            do {
                let port = try SerialTransport(path: path, configuration: configuration)
                transport = port
                summary = "\(path) (\(configuration), \(port.backend.rawValue))"
            } catch {
                throw CLIError("cannot open \(path): \(Self.explain(error))", exitCode: CLIExit.transport)
            }
        } else if let address = options.tcp {
            let endpoint: (host: String, port: Int)
            do {
                endpoint = try ConnectionOptions.endpoint(address)
            } catch {
                throw CLIError("\(error)", exitCode: CLIExit.usage)
            }
            do {
                transport = try await TCPTransport(host: endpoint.host, port: UInt16(endpoint.port), connectTimeout: .seconds(10))
                summary = "tcp \(endpoint.host):\(endpoint.port)"
            } catch {
                throw CLIError("cannot connect to \(address): \(Self.explain(error))", exitCode: CLIExit.transport)
            }
        } else if let name = options.sim, let profile = VirtualModemProfile.named(name) {
            let runner: VirtualModemRunner
            (transport, runner) = await startVirtualModem(profile)
            summary = "virtual \(profile.name) modem (in process)"
            guard let path = options.record else {
                return ModemConnection(transport: transport, recorder: nil, summary: summary, virtualModem: runner)
            }
            var connection = try await recording(transport, to: path, summary: summary, baud: nil, profile: profile.name)
            connection.virtualModem = runner
            return connection
        } else {
            throw CLIError("no --device, --tcp or --sim given", exitCode: CLIExit.usage)
        }
        guard let path = options.record else {
            return ModemConnection(transport: transport, recorder: nil, summary: summary)
        }
        return try await recording(transport, to: path, summary: summary, baud: options.device == nil ? nil : options.baud)
    }

    /// A virtual modem on an in-memory pair, with its boot and registration shortened to
    /// milliseconds; returns once it has registered.
    static func startVirtualModem(_ profile: VirtualModemProfile) async -> (any ByteTransport, VirtualModemRunner) {
        let profile = quick(profile)
        let (modemEnd, hostEnd) = InMemoryTransport.pair(label: "sim")
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile)), transport: modemEnd, sockets: SocketBridge.loopback)
        await runner.start()
        await runner.wait { $0.power == "on" && [1, 5].contains($0.registration) }
        // What it printed while booting went to nobody, as with a modem whose port was not
        // open yet: drop it, so the boot URCs are not taken for a reset mid-command.
        var pending = await runner.snapshot.statistics.bytesOut
        while pending > 0, let chunk = try? await hostEnd.read() { pending -= chunk.count }
        return (hostEnd, runner)
    }

    /// `profile` with its boot and registration shortened to milliseconds.
    static func quick(_ profile: VirtualModemProfile) -> VirtualModemProfile {
        var profile = profile
        profile.timing = SimTiming.fast
        return profile
    }

    /// Wraps `transport` in a recorder writing to `path`; closes the transport if that fails.
    static func recording(
        _ transport: any ByteTransport, to path: String, summary: String, baud: Int?, profile: String? = nil
    ) async throws(CLIError) -> ModemConnection {
        do {
            // The profile names the dialect `modemkit replay decode` uses for the trace.
            let header = TraceHeader(tool: tool, device: transport.descriptionForLog, profile: profile, baud: baud)
            let recorder = try TraceRecorder(path: path, header: header)
            return ModemConnection(
                transport: RecordingTransport(wrapping: transport, recorder: recorder),
                recorder: recorder, summary: summary + ", recording to \(path)"
            )
        } catch {
            await transport.close()
            throw CLIError("cannot record to \(path): \(Self.explain(error))", exitCode: CLIExit.transport)
        }
    }

    /// Closes the transport (idempotent) and the trace file.
    func close() async {
        await transport.close()
        await virtualModem?.stop()
        guard let recorder else { return }
        do {
            try recorder.close()
        } catch {
            Console.error("modemkit: the trace file may be incomplete: \(Self.explain(error))")
        }
    }

    static func explain(_ error: TransportError) -> String {
        switch error {
        case .notFound: "no such device or address"
        case .system(_, let code, let message) where code == EACCES: "\(message) (is your user in the dialout group?)"
        case .system(_, _, let message): message
        default: error.description
        }
    }
}

import Foundation
import Logging
import ModemCore
import ModemKit
import ModemTelemetry
import Telemetry

/// What `telemetry send` and `telemetry run` run on: the outbox, the modem brought up with its
/// data session, the SMS service when an `sms:` destination needs it, and the agent.
struct TelemetrySession {
    let settings: TelemetrySettings
    let outbox: Outbox
    let connection: ModemConnection
    let client: ATClient
    let modem: Modem
    let sms: SMSService?
    let agent: TelemetryAgent
    private let signals: SignalStop

    /// Opens the outbox (creating its folder), then the modem, and starts bringing it up.
    static func open(_ settings: TelemetrySettings, logging: LoggingOptions) async throws(CLIError) -> TelemetrySession {
        let outbox = try openOutbox(settings)
        let connection = try await ModemConnection.open(try settings.connectionOptions())
        Console.progress("Connected to \(connection.summary); bringing the modem up…")
        let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
        var lifecycle = ModemLifecycleStateMachine.Configuration(pin: settings.pin)
        let dataSession: DataSessionSettings
        do {
            dataSession = try DataSessionSettings(apn: settings.apn)
        } catch {
            throw CLIError("apn: \(error)", exitCode: CLIExit.usage)
        }
        lifecycle.dataSession = dataSession
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), logger: logging.logger(label: "modemkit.modem"))
        await modem.start()
        // Sending needs no set-up beyond the modem's default PDU mode (AT+CMGF=0).
        var sms: SMSService?
        if settings.destinations.contains(where: { $0.hasPrefix("sms:") }) {
            sms = SMSService(client: client, logger: logging.logger(label: "modemkit.sms"))
        }
        let routes: [TelemetryAgent.Route]
        do {
            routes = try TelemetryRoutes(
                connector: ModemDataConnector(modem: modem, session: dataSession), sms: sms, device: settings.deviceName,
                logger: logging.logger(label: "modemkit.telemetry")
            ).make(settings.destinations)
        } catch {
            throw CLIError("\(error)", exitCode: CLIExit.usage)
        }
        let agent = TelemetryAgent(
            queue: outbox, routes: routes,
            configuration: .init(batchSize: settings.batch, policy: .init(smsAfter: .milliseconds(Int64(settings.smsAfter * 1000)))),
            logger: logging.logger(label: "modemkit.telemetry"))
        let signals = SignalStop { await agent.stop() }
        return TelemetrySession(
            settings: settings, outbox: outbox, connection: connection, client: client, modem: modem, sms: sms, agent: agent,
            signals: signals)
    }

    static func openOutbox(_ settings: TelemetrySettings) throws(CLIError) -> Outbox {
        var configuration = OutboxConfiguration()
        configuration.capacity = settings.capacity
        configuration.whenFull = settings.whenFull
        configuration.durability = settings.durability
        let folder = (settings.outbox as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        do {
            return try Outbox(path: settings.outbox, configuration: configuration)
        } catch {
            throw CLIError("outbox: \(error)", exitCode: CLIExit.transport)
        }
    }

    /// Stops everything: the agent (after the batch in flight, closing its connections), the
    /// modem's supervision, the AT channel and the port.
    func close() async {
        signals.cancel()
        await agent.stop()
        await agent.closeSenders()
        await sms?.stop()
        await modem.stop()
        await client.close()
        await connection.close()
    }
}

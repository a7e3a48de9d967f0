import Foundation
import ModemCore
import ModemKit
import ModemKitTestSupport
import ModemTelemetry
import ModemTransport
import Telemetry
import Testing
import VirtualModem
import VirtualModemHost

/// The whole telemetry path for each dialect: outbox → agent → sender → the modem's socket AT
/// commands over a real pty → the virtual modem → a real loopback socket → mosquitto (counted
/// by a subscriber) or an HTTP server (counted from the bodies it received).
@Suite("Telemetry through a virtual modem on a pty, per dialect", .serialized)
struct TelemetryThroughVirtualModemTests {
    static let profiles = ["quectel-bg96", "simcom-sim800", "simcom-sim7600", "ublox-sara-r4"]

    /// A virtual modem of `profile` on a pty, a ``Modem`` bringing data up through
    /// ``SerialTransport``, and the connector over its data session.
    struct Stack {
        let pair: PseudoTerminalPair
        let runner: VirtualModemRunner
        let client: ATClient
        let modem: Modem
        let connector: ModemDataConnector
        let outbox: Outbox
        let folder: URL

        static func start(
            _ profileName: String, waitForData: Duration = .seconds(20), configure: (inout VirtualModemConfiguration) -> Void = { _ in }
        ) async throws -> Stack {
            var profile = try #require(VirtualModemProfile.named(profileName))
            profile.timing = VirtualModemProfile.Timing(
                bootTime: .milliseconds(1), simBusyTime: .milliseconds(1), searchDelay: .milliseconds(1),
                registrationDelay: .milliseconds(5), operatorScanTime: .milliseconds(20),
                activationTime: .milliseconds(5), signalStep: .seconds(5))
            let pair = try PseudoTerminalPair()
            var configuration = VirtualModemConfiguration(profile: profile)
            configure(&configuration)
            let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: pair, sockets: SocketBridge.loopback)
            await runner.start()
            let client = ATClient(transport: try SerialTransport(path: pair.slavePath, baud: 115_200))
            var lifecycle = ModemLifecycleStateMachine.Configuration()
            lifecycle.dataSession = try DataSessionSettings(apn: "internet")
            let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle, probeTimeout: .milliseconds(300)))
            await modem.start()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-telemetry-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let outbox = try Outbox(path: folder.appendingPathComponent("outbox.sqlite").path)
            let connector = ModemDataConnector(modem: modem, session: lifecycle.dataSession, waitForData: waitForData)
            return Stack(pair: pair, runner: runner, client: client, modem: modem, connector: connector, outbox: outbox, folder: folder)
        }

        func enqueue(_ count: Int) throws -> Set<String> {
            Set(try outbox.enqueue(batch: (0..<count).map { Array(#"{"n":\#($0),"unit":"°C"}"#.utf8) }).map(\.id))
        }

        func deliver(to url: String, within bound: Duration = .seconds(60)) async throws -> TelemetryAgent.DrainResult {
            let routes = try TelemetryRoutes(connector: connector, device: "e2e").make([url])
            let agent = TelemetryAgent(queue: outbox, routes: routes, configuration: .init(batchSize: 10))
            let result = await agent.drain(within: bound)
            await agent.closeSenders()
            return result
        }

        func stop() async {
            await modem.stop()
            await client.close()
            await runner.stop()
            await pair.close()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)"), arguments: profiles)
    func mqttReadingsReachTheBrokerOncePerID(profile: String) async throws {
        let broker = try await LocalMosquitto.start()
        defer { Task { await broker.stop() } }
        let subscriber = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
        _ = try await subscriber.connect(MQTTClientOptions(clientID: "e2e-sub", cleanSession: true))
        _ = try await subscriber.subscribe([MQTTSubscription(filter: "e2e/#")])
        let stack = try await Stack.start(profile)
        let ids = try stack.enqueue(30)
        #expect(try await stack.deliver(to: "mqtt://127.0.0.1:\(broker.port)/e2e/{device}/{id}") == .empty)
        let arrived = try await bounded(.seconds(30)) {
            var seen: [String: String] = [:]
            for await message in subscriber.messages {
                let envelope = try JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any]
                let id = try #require(envelope?["id"] as? String)
                #expect(message.topic == "e2e/e2e/\(id)")
                seen[id] = message.topic
                if Set(seen.keys).isSuperset(of: ids) { break }
            }
            return Set(seen.keys)
        }
        #expect(arrived == ids)
        #expect(try stack.outbox.status().depth == 0)
        #expect(try stack.outbox.status().delivered == 30)
        await subscriber.disconnect()
        await stack.stop()
    }

    @Test(arguments: profiles)
    func httpBatchesReachTheServer(profile: String) async throws {
        let server = try await TestHTTPServer.start()
        defer { Task { await server.stop() } }
        let stack = try await Stack.start(profile)
        let ids = try stack.enqueue(25)
        #expect(try await stack.deliver(to: "http://127.0.0.1:\(server.port)/ingest") == .empty)
        let received = try await bounded(.seconds(30)) {
            var seen: Set<String> = []
            for await request in server.requests {
                #expect(request.head.uri == "/ingest")
                let batch = try JSONSerialization.jsonObject(with: Data(request.body)) as? [[String: Any]] ?? []
                for envelope in batch { if let id = envelope["id"] as? String { seen.insert(id) } }
                if seen.isSuperset(of: ids) { break }
            }
            return seen
        }
        #expect(received == ids)
        await stack.stop()
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func aRefusedLoginIsReportedAndNothingIsLost() async throws {
        let broker = try await LocalMosquitto.start(credentials: .init(username: "meter", password: "right"), allowAnonymous: false)
        defer { Task { await broker.stop() } }
        let stack = try await Stack.start("quectel-bg96")
        _ = try stack.enqueue(5)
        let result = try await stack.deliver(to: "mqtt://meter:wrong@127.0.0.1:\(broker.port)/e2e", within: .seconds(3))
        guard case .incomplete(let failure) = result else {
            Issue.record("expected the delivery to fail, got \(result)")
            return
        }
        // drain(within:) gives up after its bound; what matters is the reason and the outbox.
        #expect(failure?.contains("CONNACK 5") == true || failure?.contains("not authorized") == true, "\(failure ?? "nil")")
        #expect(failure?.contains("wrong") == false)
        #expect(try stack.outbox.status().depth == 5)
        await stack.stop()
    }

    @Test func aMissingSIMIsReportedAndNothingIsLost() async throws {
        let stack = try await Stack.start("quectel-bg96", waitForData: .seconds(1)) { $0.sim.present = false }
        try await Self.expectDataDownKeepingTheOutbox(stack, saying: "notInserted")
    }

    @Test func aWrongAPNIsReportedAndNothingIsLost() async throws {
        let stack = try await Stack.start("simcom-sim7600", waitForData: .seconds(1)) { $0.network.acceptedAPNs = ["iot.example"] }
        try await Self.expectDataDownKeepingTheOutbox(stack, saying: "APN")
    }

    /// Four readings go nowhere: the delivery fails saying the modem has no data session and
    /// why (`reason`), and the outbox keeps all four.
    static func expectDataDownKeepingTheOutbox(_ stack: Stack, saying reason: String) async throws {
        _ = try stack.enqueue(4)
        let result = try await stack.deliver(to: "tcp://127.0.0.1:9", within: .seconds(2))
        guard case .incomplete(let failure) = result else {
            Issue.record("expected the delivery to fail, got \(result)")
            await stack.stop()
            return
        }
        #expect(failure?.contains("no data session") == true, "\(failure ?? "nil")")
        #expect(failure?.contains(reason) == true, "\(failure ?? "nil")")
        #expect(try stack.outbox.status().depth == 4)
        await stack.stop()
    }

    @Test func smsTakesOverWhenDataIsDownAndCarriesTheIDs() async throws {
        let stack = try await Stack.start("quectel-bg96")
        let status = stack.modem.status()
        _ = try await bounded(.seconds(20)) {
            for await event in status { if case .stateChanged(.connected) = event { return } }
        }
        let sms = SMSService(client: stack.client)
        let events = sms.events()
        try await sms.start()
        let ids = try stack.enqueue(2)
        // Nothing listens on port 9: every data attempt fails; after 1 s of that, SMS goes.
        let routes = try TelemetryRoutes(connector: stack.connector, sms: sms, device: "e2e")
            .make(["tcp://127.0.0.1:9", "sms:+15550100001"])
        let policy = TelemetryDeliveryStateMachine.Configuration(
            backoff: RetryBackoff(initial: .milliseconds(200), maximum: .seconds(1)), smsAfter: .seconds(1))
        let agent = TelemetryAgent(queue: stack.outbox, routes: routes, configuration: .init(batchSize: 10, policy: policy))
        #expect(await agent.drain(within: .seconds(30)) == .empty)
        let outbox = try stack.outbox.status()
        #expect(outbox.lastDelivery?.destination == "sms:+15550100001")
        #expect(outbox.failures >= 2, "data was tried and failed before SMS took over")
        // The message comes back to the modem's own number: one line per reading, with its ID.
        let text = try await bounded(.seconds(20)) { () async throws -> String in
            for await event in events { if case .message(let message) = event { return message.text } }
            throw TimedOut(limit: .seconds(20))
        }
        for id in ids { #expect(text.contains(String(id.prefix(8))), "\(text)") }
        await sms.stop()
        await stack.stop()
    }
}

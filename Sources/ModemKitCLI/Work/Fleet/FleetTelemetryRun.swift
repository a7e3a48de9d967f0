import Foundation
import ModemTelemetry
import Synchronization
import Telemetry
import VirtualModem
import VirtualModemHost

/// `modemkit sim fleet --telemetry`: N virtual modems each publish `readings` QoS 1 telemetry
/// envelopes to one MQTT broker through their dialect's socket AT commands, a subscriber on
/// `<topic>/#` counts what the broker delivers, and the same connections and publishes are made
/// again straight over host sockets as the baseline.
struct FleetTelemetryRun {
    /// Where to publish: `mqtt://127.0.0.1:1883/fleet`; modem `i` publishes to `fleet/i`.
    struct Target: Sendable, Equatable {
        var port: Int
        var topic: String

        /// `mqtt://host[:port][/topic]`; the modems reach 127.0.0.1 only, so the host must be it
        /// (or `localhost`).
        static func parse(_ text: String) throws(CLIError) -> Target {
            guard let url = URLComponents(string: text), url.scheme == "mqtt", let host = url.host, !host.isEmpty else {
                throw CLIError("--telemetry takes mqtt://host:port/topic, not '\(text)'", exitCode: CLIExit.usage)
            }
            guard host == "127.0.0.1" || host == "localhost" else {
                throw CLIError("the virtual modems' sockets reach 127.0.0.1 only; run the fleet on the broker's host (or forward a port there), not \(host)", exitCode: CLIExit.usage)
            }
            let topic = url.path.split(separator: "/").joined(separator: "/")
            guard !topic.contains("+"), !topic.contains("#") else {
                throw CLIError("the topic must not hold wildcards: '\(topic)'", exitCode: CLIExit.usage)
            }
            return Target(port: url.port ?? 1883, topic: topic.isEmpty ? "fleet" : topic)
        }
    }

    struct Output: Codable {
        struct Baseline: Codable {
            var seconds: Double
            var failed: Int
            var failures: [String]
            var messagesReceived: Int
            var messagesPerSecond: Double
        }

        var profile: String
        var broker: String
        /// Whether this run started its own mosquitto.
        var startedBroker: Bool
        var readingsPerModem: Int
        var fleet: VirtualModemFleet.Report
        /// PUBACKed by the broker: readings × completed modems.
        var messagesPublished: Int
        /// What the subscriber on `<topic>/#` received from the fleet.
        var messagesReceived: Int
        /// Received messages per second, from the fleet's start to the last one's arrival.
        var messagesPerSecond: Double
        var baseline: Baseline?
        /// Fleet wall time over baseline wall time.
        var ratioToBaseline: Double?
        var openFilesLimit: Int
    }

    var profile: VirtualModemProfile
    var count: Int
    var seed: UInt64
    var readings: Int
    var target: Target?
    var baseline: Bool
    var json: Bool

    func run() async throws -> Output {
        let openFiles = OpenFiles.raiseSoftLimit()
        if openFiles < count + 64 {
            Console.error("warning: only \(openFiles) open files allowed (ulimit -n); \(count) modems and the broker may run out")
        }
        var broker: LocalMosquitto?
        let port: Int
        let topic = target?.topic ?? "fleet"
        if let target {
            port = target.port
        } else {
            do {
                // The default per-client queue (1000) would drop QoS 0 messages to a subscriber
                // that falls behind a burst of thousands.
                broker = try await LocalMosquitto.start(settings: ["max_queued_messages 0", "max_connections -1"])
            } catch {
                throw CLIError("--telemetry without a URL starts mosquitto: \(error)", exitCode: CLIExit.transport)
            }
            port = broker?.port ?? 0
            Console.error("started mosquitto on 127.0.0.1:\(port) (no broker URL given)")
        }
        let subscriber: FleetSubscriber
        do {
            subscriber = try await FleetSubscriber.start(port: port, filter: "\(topic)/#")
        } catch {
            if let broker { await broker.stop() }
            throw CLIError("cannot subscribe to \(topic)/# on 127.0.0.1:\(port): \(error)", exitCode: CLIExit.transport)
        }
        let timestamp = Int64(Date().timeIntervalSince1970 * 1000)
        let readings = self.readings
        guard let workload = FleetWorkload.converse(dialect: profile.dialect, port: port, conversation: {
            FleetMQTTConversation(index: $0, topic: topic, readings: readings, timestamp: timestamp)
        }) else {
            await subscriber.stop()
            if let broker { await broker.stop() }
            throw CLIError("\(profile.name) has no socket commands", exitCode: CLIExit.usage)
        }
        let fleet = VirtualModemFleet(
            count: count, configuration: VirtualModemConfiguration(profile: profile, seed: seed), workload: workload,
            sockets: SimNetwork.bridge)
        if !json { Console.progress("\(count) virtual \(profile.name) modems publishing \(readings) readings each…") }
        let started = ContinuousClock.now
        let report = await fleet.run()
        let published = report.completed * readings
        let received = await subscriber.waitFor(published, since: started, within: .seconds(10))
        var baselineOutput: Output.Baseline?
        if baseline {
            let before = subscriber.count
            let baselineStart = ContinuousClock.now
            let run = await FleetBaseline.run(count: count, port: port) {
                FleetMQTTConversation(index: $0, topic: topic, readings: readings, timestamp: timestamp, clientPrefix: "baseline")
            }
            let arrived = await subscriber.waitFor(before + (count - run.failed) * readings, since: baselineStart, within: .seconds(10))
            baselineOutput = Output.Baseline(
                seconds: run.seconds, failed: run.failed, failures: run.failures,
                messagesReceived: arrived.count - before, messagesPerSecond: arrived.perSecond(minus: before))
        }
        await subscriber.stop()
        if let broker { await broker.stop() }
        return Output(
            profile: profile.name, broker: "mqtt://127.0.0.1:\(port)/\(topic)", startedBroker: broker != nil,
            readingsPerModem: readings, fleet: report, messagesPublished: published,
            messagesReceived: received.count, messagesPerSecond: received.perSecond(minus: 0),
            baseline: baselineOutput,
            ratioToBaseline: baselineOutput.map { $0.seconds > 0 ? report.wallSeconds / $0.seconds : 0 },
            openFilesLimit: openFiles)
    }
}

/// An MQTT subscriber over a host socket that counts what arrives and when the last one did.
final class FleetSubscriber: Sendable {
    /// A count and the time from a start to the last arrival.
    struct Arrivals {
        var count: Int
        var seconds: Double

        func perSecond(minus earlier: Int) -> Double { seconds > 0 ? Double(count - earlier) / seconds : 0 }
    }

    let client: MQTTClient
    private let state = Mutex<(count: Int, last: ContinuousClock.Instant?)>((0, nil))
    private let reader = Mutex<Task<Void, Never>?>(nil)

    private init(client: MQTTClient) {
        self.client = client
    }

    static func start(port: Int, filter: String) async throws(MQTTError) -> FleetSubscriber {
        let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: port)
        _ = try await client.connect(MQTTClientOptions(clientID: "modemkit-fleet-subscriber-\(getpid())", cleanSession: true))
        let subscriber = FleetSubscriber(client: client)
        let messages = client.messages
        subscriber.reader.withLock {
            $0 = Task {
                for await _ in messages { subscriber.state.withLock { $0 = ($0.count + 1, ContinuousClock.now) } }
            }
        }
        // QoS 0: the broker's in-flight window (20) and queue would otherwise pace or drop a burst.
        _ = try await client.subscribe([MQTTSubscription(filter: filter, qos: .atMostOnce)])
        return subscriber
    }

    var count: Int { state.withLock { $0.count } }

    /// Waits until `target` messages have arrived or `bound` has passed (checked every 10 ms).
    func waitFor(_ target: Int, since start: ContinuousClock.Instant, within bound: Duration) async -> Arrivals {
        let deadline = ContinuousClock.now.advanced(by: bound)
        while count < target, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))   // polling a counter, bounded by the deadline
        }
        let (count, last) = state.withLock { $0 }
        let seconds = last.map { start.duration(to: $0) } ?? .zero
        return Arrivals(count: count, seconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18)
    }

    func stop() async {
        await client.shutdown()
        await reader.withLock { $0 }?.value
    }
}

/// The process's open-file limit.
enum OpenFiles {
    /// Raises the soft `RLIMIT_NOFILE` to the hard one (a fleet holds one socket per modem, and
    /// a broker started here inherits the limit); returns the soft limit now.
    @discardableResult
    static func raiseSoftLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}

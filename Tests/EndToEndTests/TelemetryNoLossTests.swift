import Foundation
import ModemKitTestSupport
import ModemTelemetry
import ModemTransport
import Synchronization
import Telemetry
import Testing
import VirtualModem
import VirtualModemHost

/// Nothing is lost: 1,000 readings go from an outbox to mosquitto through `modemkit telemetry
/// run` on a virtual modem (on a pty, outliving the sender) while, at seeded random points, the
/// modem reboots, loses registration, has its socket closed by the far end, and the sender is
/// killed with SIGKILL and started again. A subscriber counts every reading: all arrive, and a
/// reading that arrives twice carries the same ID both times.
@Suite("Telemetry: no loss through reboots, registration loss, dropped sockets and SIGKILL", .serialized, .enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)"))
struct TelemetryNoLossTests {
    enum Fault: CaseIterable { case reboot, registrationLost, socketDropped, senderKilled }

    /// What the subscriber saw: reading number → the IDs it came with.
    final class Arrivals: Sendable {
        private let state = Mutex<(ids: [Int: Set<String>], copies: Int, waiters: [(Int, CheckedContinuation<Void, Never>)])>(([:], 0, []))

        func record(_ payload: [UInt8]) {
            guard let envelope = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
                  let id = envelope["id"] as? String, let data = envelope["data"] as? [String: Any],
                  let n = data["n"] as? Int else { return }
            let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.ids[n, default: []].insert(id)
                state.copies += 1
                let count = state.ids.count
                let ready = state.waiters.filter { $0.0 <= count }.map(\.1)
                state.waiters.removeAll { $0.0 <= count }
                return ready
            }
            for waiter in ready { waiter.resume() }
        }

        var distinct: Int { state.withLock { $0.ids.count } }
        var snapshot: (ids: [Int: Set<String>], copies: Int) { state.withLock { ($0.ids, $0.copies) } }

        /// Waits (bounded) until `count` different readings have arrived; false on time-out.
        func wait(for count: Int, within bound: Duration) async -> Bool {
            let reached = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await withCheckedContinuation { continuation in
                        let now = self.state.withLock { state -> Bool in
                            if state.ids.count >= count { return true }
                            state.waiters.append((count, continuation))
                            return false
                        }
                        if now { continuation.resume() }
                    }
                    return true
                }
                group.addTask {
                    try? await ContinuousClock().sleep(for: bound)
                    return false
                }
                let first = await group.next() ?? false
                self.releaseAll()
                group.cancelAll()
                return first
            }
            return reached
        }

        func releaseAll() {
            let all = state.withLock { state in
                defer { state.waiters.removeAll() }
                return state.waiters.map(\.1)
            }
            for waiter in all { waiter.resume() }
        }
    }

    /// `modemkit telemetry run` as a child process that can be killed.
    final class Sender: Sendable {
        let process: Process
        private let exit: AsyncStream<Int32>

        init(arguments: [String]) throws {
            let binary = try #require(ModemkitProcess.binary, "build the modemkit product first")
            process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
            exit = stream
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
            try process.run()
        }

        func kill() async {
            Foundation.kill(process.processIdentifier, SIGKILL)
            _ = await exited(within: .seconds(10))
        }

        /// The exit status, or nil if it did not exit within `bound`.
        func exited(within bound: Duration) async -> Int32? {
            let stream = exit
            return await withTaskGroup(of: Int32?.self) { group in
                group.addTask { for await status in stream { return status }; return nil }
                group.addTask { try? await ContinuousClock().sleep(for: bound); return nil }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
        }
    }

    @Test(arguments: [UInt64(0x5EED), 0xC0FFEE])
    func everyReadingArrives(seed: UInt64) async throws {
        let count = 1000
        let broker = try await LocalMosquitto.start()
        defer { Task { await broker.stop() } }
        let arrivals = Arrivals()
        let subscriber = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
        _ = try await subscriber.connect(MQTTClientOptions(clientID: "chaos-sub", cleanSession: true))
        _ = try await subscriber.subscribe([MQTTSubscription(filter: "chaos/#")])
        let listening = Task { for await message in subscriber.messages { arrivals.record(message.payload) } }

        var profile = try #require(VirtualModemProfile.named("quectel-bg96"))
        profile.timing = VirtualModemProfile.Timing(
            bootTime: .milliseconds(5), simBusyTime: .milliseconds(5), searchDelay: .milliseconds(5),
            registrationDelay: .milliseconds(20), operatorScanTime: .milliseconds(50),
            activationTime: .milliseconds(5), signalStep: .seconds(5))
        let pair = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile, seed: seed)), transport: pair, sockets: SocketBridge.loopback)
        await runner.start()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-chaos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("outbox.sqlite").path
        let outbox = try Outbox(path: path)
        _ = try outbox.enqueue(batch: (1...count).map { Array(#"{"n":\#($0)}"#.utf8) })

        let arguments = [
            "telemetry", "run", "--device", pair.slavePath, "--apn", "internet", "--outbox", path, "--input", "/dev/null",
            "--to", "mqtt://127.0.0.1:\(broker.port)/chaos/{device}", "--device-name", "chaos", "--batch", "25",
        ]

        var sender = try Sender(arguments: arguments)
        var random = SeededGenerator(seed: seed)
        let points = (0..<8).map { _ in Int.random(in: 50...(count - 50), using: &random) }.sorted()
        var applied: [Fault] = []
        for point in points {
            let reached = await arrivals.wait(for: point, within: .seconds(60))
            #expect(reached, "stuck at \(arrivals.distinct) readings before the fault at \(point) (after \(applied))")
            guard reached else { break }
            let fault = Fault.allCases.randomElement(using: &random) ?? .reboot
            applied.append(fault)
            switch fault {
            case .reboot: await runner.inject(NetworkEvent.reboot)
            case .registrationLost: await runner.inject(NetworkEvent.registrationLost(recoverAfter: .milliseconds(300)))
            case .socketDropped: await runner.inject(NetworkEvent.remoteClose(socket: 0))
            case .senderKilled:
                await sender.kill()
                sender = try Sender(arguments: arguments)
            }
        }
        let all = await arrivals.wait(for: count, within: .seconds(120))
        #expect(all, "\(arrivals.distinct) of \(count) arrived; faults \(applied)")
        let status = await sender.exited(within: .seconds(30))
        #expect(status == 0, "the sender ends once the outbox is empty")
        if status == nil { await sender.kill() }

        let seen = arrivals.snapshot
        #expect(Set(seen.ids.keys) == Set(1...count))
        let withTwoIDs = seen.ids.filter { $0.value.count > 1 }.keys.sorted()
        #expect(withTwoIDs.isEmpty, "a reading arrived under two IDs: \(withTwoIDs)")
        #expect(try outbox.status().depth == 0)
        listening.cancel()
        await subscriber.disconnect()
        await runner.stop()
        await pair.close()
    }
}

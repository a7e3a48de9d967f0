import ArgumentParser
import COutboxBaseline
import Foundation
import ModemTelemetry
import Telemetry

extension ModemKitCommand {
    /// `modemkit outbox-stress` (hidden): the child process of the outbox crash test, and the
    /// outbox enqueue benchmark.
    ///
    ///     modemkit outbox-stress --db /tmp/o.sqlite --count 100000 --durability full
    ///     # prints "<sequence> <id>" for each reading, after its enqueue returned
    ///     modemkit outbox-stress --bench --db /tmp --count 20000
    ///     # enqueue rates, single and batched, at both durabilities, beside a C baseline
    struct OutboxStress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox-stress",
            abstract: "Enqueue readings in a loop, printing each committed one (crash tests); --bench measures enqueue rates.",
            shouldDisplay: false
        )

        enum DurabilityOption: String, ExpressibleByArgument, CaseIterable {
            case full, normal
            var durability: OutboxConfiguration.Durability { self == .full ? .full : .normal }
        }

        @Option(help: ArgumentHelp("The outbox database; with --bench, the folder for the benchmark databases.", valueName: "path"))
        var db: String
        @Option(help: "How many readings to enqueue (with --bench: per case; a tenth for single enqueues at full durability).")
        var count = 1_000_000
        @Option(help: "full: every enqueue survives power loss; normal: every enqueue survives a process crash.")
        var durability: DurabilityOption = .normal
        @Flag(help: "Measure enqueue rates instead (both durabilities, single and batched, and a C baseline).")
        var bench = false
        @Option(help: "Readings per transaction for the batched --bench cases.")
        var batch = 100
        @Option(help: "Concurrent producers sharing commits (enqueueGrouped); 0: one producer, one transaction per reading.")
        var producers = 0

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be positive.") }
            guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 100000.") }
            guard (0...10_000).contains(producers) else { throw ValidationError("--producers must be between 0 and 10000.") }
        }

        func run() async throws {
            do {
                if bench {
                    try await runBenchmark()
                } else if producers > 0 {
                    try await runGroupedStress()
                } else {
                    try runStress()
                }
            } catch let error as OutboxError {
                throw CLIError("outbox-stress: \(error)", exitCode: CLIExit.transport)
            }
        }

        /// Enqueues `count` readings one transaction each; each line is written (unbuffered)
        /// only after its enqueue returned, so a parent that kills this process knows which
        /// readings must be in the database.
        func runStress() throws {
            let outbox = try Outbox(path: db, configuration: configuration(durability, capacity: count))
            for index in 0..<count {
                let reading = try outbox.enqueue(Self.payload(index))
                Console.out("\(reading.sequence) \(reading.id)")
            }
        }

        /// `producers` tasks share `count` readings through group commit; each prints its line
        /// after its own enqueue returned.
        func runGroupedStress() async throws {
            let outbox = try Outbox(path: db, configuration: configuration(durability, capacity: count))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for producer in 0..<producers {
                    tasks.addTask {
                        for index in stride(from: producer, to: count, by: producers) {
                            let reading = try await outbox.enqueueGrouped(Self.payload(index))
                            Console.out("\(reading.sequence) \(reading.id)")
                        }
                    }
                }
                try await tasks.waitForAll()
            }
        }

        func configuration(_ durability: DurabilityOption, capacity: Int) -> OutboxConfiguration {
            var configuration = OutboxConfiguration()
            configuration.durability = durability.durability
            configuration.capacity = max(1, capacity)
            return configuration
        }

        static func payload(_ index: Int) -> [UInt8] {
            Array(#"{"n":\#(index),"rssi":-71,"temp":21.5,"cell":"26201-1a2b"}"#.utf8)
        }

        func runBenchmark() async throws {
            let payload = Self.payload(123_456)
            Console.out("outbox enqueue: \(payload.count)-byte readings, SQLite \(String(cString: sqlite3_libversion_string())) WAL, databases in \(db)")
            let validator = try validatorRate()
            Console.out("validator: \(Int(validator.rate)) MB/s on a \(validator.size)-byte reading (strings with escapes and UTF-8, numbers, nesting)")
            Console.out("durability  mode        readings   ModemKit/s   C sqlite3/s   ModemKit/C   (* C single: one transaction per reading)")
            for durability in [DurabilityOption.normal, .full] {
                var singleBaseline = 1.0
                for size in [1, batch] {
                    let readings = durability == .full && size == 1 ? max(100, count / 10) : count
                    let ours = try measureOutbox(durability: durability, batch: size, readings: readings, payload: payload)
                    let baseline = try measureBaseline(durability: durability, batch: size, readings: readings, payload: payload)
                    if size == 1 { singleBaseline = baseline }
                    let mode = size == 1 ? "single" : "batch \(size)"
                    Console.out(
                        pad(durability.rawValue, 12) + pad(mode, 12) + pad("\(readings)", 11, right: true)
                            + pad(String(Int(ours)), 13, right: true) + pad(String(Int(baseline)), 14, right: true)
                            + pad(String(format: "%.2f", ours / baseline), 13, right: true))
                }
                // Group commit against C's one transaction per reading: the same promise per call.
                let sharing = producers == 0 ? 64 : producers
                let grouped = try await measureGrouped(durability: durability, producers: sharing, readings: count, payload: payload)
                Console.out(
                    pad(durability.rawValue, 12) + pad("grouped \(sharing)", 12) + pad("\(count)", 11, right: true)
                        + pad(String(Int(grouped)), 13, right: true) + pad(String(Int(singleBaseline)) + "*", 14, right: true)
                        + pad(String(format: "%.2f", grouped / singleBaseline), 13, right: true))
            }
        }

        /// How fast ``ReadingValidator`` checks a mixed reading, in MB/s, and the reading's size.
        func validatorRate() throws -> (rate: Double, size: Int) {
            let element = #"{"t":21.5,"rssi":-71,"cell":"26201-1a2b","ok":true,"tags":["a\u00e9","\u20ac","caf\#u{E9}"],"n":null}"#
            let sample = Array(("[" + Array(repeating: element, count: 20).joined(separator: ",") + "]").utf8)
            let validator = ReadingValidator()
            let rounds = 20_000
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<rounds { try validator.validate(sample) }
            return (Double(sample.count * rounds) / seconds(clock.now - start) / 1_000_000, sample.count)
        }

        /// `producers` tasks enqueue `readings` between them through ``Outbox/enqueueGrouped(_:)``.
        func measureGrouped(durability: DurabilityOption, producers: Int, readings: Int, payload: [UInt8]) async throws -> Double {
            let outbox = try Outbox(path: freshPath("modemkit-\(durability.rawValue)-grouped.sqlite"), configuration: configuration(durability, capacity: readings))
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for producer in 0..<producers {
                    tasks.addTask {
                        for _ in stride(from: producer, to: readings, by: producers) { _ = try await outbox.enqueueGrouped(payload) }
                    }
                }
                try await tasks.waitForAll()
            }
            let elapsed = clock.now - start
            guard try outbox.status().depth == readings else { throw CLIError("outbox-stress: the outbox lost readings", exitCode: 1) }
            return Double(readings) / seconds(elapsed)
        }

        func measureOutbox(durability: DurabilityOption, batch: Int, readings: Int, payload: [UInt8]) throws -> Double {
            let path = freshPath("modemkit-\(durability.rawValue)-\(batch).sqlite")
            let outbox = try Outbox(path: path, configuration: configuration(durability, capacity: readings))
            let clock = ContinuousClock()
            let start = clock.now
            if batch == 1 {
                for _ in 0..<readings { try outbox.enqueue(payload) }
            } else {
                let chunk = Array(repeating: payload, count: batch)
                var done = 0
                while done < readings {
                    try outbox.enqueue(batch: done + batch <= readings ? chunk : Array(chunk[..<(readings - done)]))
                    done += batch
                }
            }
            let elapsed = clock.now - start
            guard try outbox.status().depth == readings else { throw CLIError("outbox-stress: the outbox lost readings", exitCode: 1) }
            return Double(readings) / seconds(elapsed)
        }

        func measureBaseline(durability: DurabilityOption, batch: Int, readings: Int, payload: [UInt8]) throws -> Double {
            let path = freshPath("c-\(durability.rawValue)-\(batch).sqlite")
            var elapsed = 0.0
            var message = [CChar](repeating: 0, count: 256)
            let code = payload.withUnsafeBufferPointer { bytes in
                outbox_baseline_insert(path, durability == .full ? 1 : 0, Int32(readings), Int32(batch), bytes.baseAddress, Int32(bytes.count), &elapsed, &message, Int32(message.count))
            }
            guard code == 0 else {
                throw CLIError("outbox-stress: C baseline failed (\(code)): \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))", exitCode: 1)
            }
            return Double(readings) / elapsed
        }

        func freshPath(_ name: String) -> String {
            let path = URL(fileURLWithPath: db).appendingPathComponent(name).path
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            return path
        }

        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return right ? space + text : text + space
        }
    }
}

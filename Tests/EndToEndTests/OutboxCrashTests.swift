import Foundation
import ModemKitTestSupport
import ModemTelemetry
import Testing

/// The outbox survives SIGKILL: a `modemkit outbox-stress` child enqueues in a loop, printing
/// each reading after its enqueue returned, and is killed at a random line; the reopened
/// database must be intact and hold every printed reading exactly once.
@Suite struct OutboxCrashTests {
    /// What one killed child printed, and how it ended.
    struct Run {
        var committed: [(sequence: Int64, id: String)]
        var killedBySIGKILL: Bool
        var timedOut: Bool
        var stderr: String
    }

    /// `producers` 0: one transaction per reading; otherwise that many tasks share commits.
    @Test(arguments: [("normal", 4, 0), ("full", 3, 0), ("full", 3, 8)])
    func everyReturnedEnqueueSurvivesSIGKILL(durability: String, rounds: Int, producers: Int) throws {
        let binary = try #require(ModemkitProcess.binary, "modemkit was not built next to the tests; run `swift build` first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("outbox.sqlite").path

        var generator = SeededGenerator(seed: durability == "full" ? 0xF011 + UInt64(producers) : 0x4E0A)
        var expected: [Int64: String] = [:]
        for round in 0..<rounds {
            // Fewer lines at full durability: each enqueue waits for an fsync.
            let killAfter = durability == "full" ? Int.random(in: 5...150, using: &generator) : Int.random(in: 50...2_000, using: &generator)
            let run = try Self.runAndKill(binary, ["outbox-stress", "--db", path, "--durability", durability, "--producers", "\(producers)"], afterLines: killAfter)
            #expect(!run.timedOut, "round \(round): the child did not print \(killAfter) lines within the bound; stderr: \(run.stderr)")
            #expect(run.killedBySIGKILL, "round \(round): the child ended by itself; stderr: \(run.stderr)")
            #expect(run.committed.count >= killAfter)
            for (sequence, id) in run.committed { expected[sequence] = id }

            let outbox = try Outbox(path: path)
            #expect(try outbox.checkIntegrity() == [], "round \(round)")
            let waiting = try outbox.next(limit: 1_000_000)
            let found = Dictionary(waiting.map { ($0.sequence, $0.id) }, uniquingKeysWith: { first, _ in first })
            #expect(found.count == waiting.count, "round \(round): a sequence appears twice")
            #expect(Set(waiting.map(\.id)).count == waiting.count, "round \(round): an ID appears twice")
            let missing = expected.filter { found[$0.key] != $0.value }
            #expect(missing.isEmpty, "round \(round): \(missing.count) readings whose enqueue returned are gone or changed, e.g. \(missing.first.map { "\($0)" } ?? "")")
            // At most the enqueues in flight at each kill (one per producer) committed unprinted.
            #expect(waiting.count - expected.count <= (round + 1) * max(1, producers), "round \(round): \(waiting.count) readings for \(expected.count) printed")
            #expect(try outbox.status().depth == waiting.count)
        }
    }

    /// Runs the binary, reads its stdout line by line, SIGKILLs it once `afterLines` complete
    /// lines arrived, and reads on to the end (lines printed before the kill landed still
    /// count). A watchdog kills it after 60 s if it never gets there.
    static func runAndKill(_ binary: URL, _ arguments: [String], afterLines: Int) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier

        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        let timedOut = Flag()
        let bound = DispatchWorkItem {
            timedOut.set()
            watchdog.perform()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: bound)

        var lines: [(Int64, String)] = []
        var pending: [UInt8] = []
        var killed = false
        let descriptor = out.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            pending += buffer[..<count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let fields = String(decoding: pending[..<newline], as: UTF8.self).split(separator: " ")
                pending.removeSubrange(...newline)
                if fields.count == 2, let sequence = Int64(fields[0]) { lines.append((sequence, String(fields[1]))) }
            }
            if !killed, lines.count >= afterLines {
                kill(pid, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        bound.cancel()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Run(
            committed: lines,
            killedBySIGKILL: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            timedOut: timedOut.value, stderr: stderr)
    }
}

/// A flag one thread sets and another reads.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func set() { lock.withLock { raised = true } }
    var value: Bool { lock.withLock { raised } }
}

@testable import ModemTelemetry
import Telemetry
import Testing

@Suite struct OutboxGroupCommitTests: OutboxTestSuite {
    let folder: TemporaryFolder
    let sources = TestSources()

    init() throws { folder = try TemporaryFolder() }

    @Test func concurrentCallersShareCommitsAndEachGetsItsOwnReading() async throws {
        let outbox = try open()
        let readings = try await withThrowingTaskGroup(of: TelemetryReading.self) { tasks in
            for index in 0..<300 { tasks.addTask { try await outbox.enqueueGrouped(Array("\(index)".utf8)) } }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(readings.map(\.sequence)) == Set(1...300))
        #expect(Set(readings.map(\.id)).count == 300)
        #expect(Set(readings.map { String(decoding: $0.payload, as: UTF8.self) }) == Set((0..<300).map { "\($0)" }))
        #expect(try outbox.next(limit: 1_000) == readings.sorted { $0.sequence < $1.sequence })
        #expect(try outbox.status().depth == 300)
        #expect(try outbox.checkIntegrity() == [])
    }

    @Test func whenFullRefuseNewAdmitsWhatFitsAndRefusesTheRest() async throws {
        let outbox = try open {
            $0.capacity = 5
            $0.whenFull = .refuseNew
        }
        let outcomes = await withTaskGroup(of: Bool.self) { tasks in
            for index in 0..<12 {
                tasks.addTask {
                    do {
                        _ = try await outbox.enqueueGrouped(Array("\(index)".utf8))
                        return true
                    } catch {
                        #expect(error as? OutboxError == .full(capacity: 5))
                        return false
                    }
                }
            }
            return await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 5)
        let status = try outbox.status()
        #expect(status.depth == 5 && status.refused == 7)
    }

    @Test func anInvalidReadingIsRefusedAtOnce() async throws {
        let outbox = try open()
        await #expect(throws: OutboxError.invalidReading(index: 0, ReadingError(.invalidLiteral, at: 1))) {
            try await outbox.enqueueGrouped(Array("[nul]".utf8))
        }
        #expect(try outbox.status().depth == 0)
    }
}

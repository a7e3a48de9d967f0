import Foundation
@testable import ModemTelemetry
import Synchronization

/// A temporary folder for one test's database, removed afterwards.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String = "outbox.sqlite") -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A clock and ID source a test controls.
final class TestSources: Sendable {
    let time = Atomic<Int64>(1_764_112_345_000)
    let counter = Atomic<Int>(0)

    func configure(_ configuration: inout OutboxConfiguration) {
        configuration.now = { self.time.load(ordering: .relaxed) }
        configuration.makeID = { "id-\(self.counter.add(1, ordering: .relaxed).newValue)" }
    }
}

/// A suite whose tests each open an outbox in their own folder, with the suite's clock and IDs.
protocol OutboxTestSuite {
    var folder: TemporaryFolder { get }
    var sources: TestSources { get }
}

extension OutboxTestSuite {
    func open(_ change: (inout OutboxConfiguration) -> Void = { _ in }) throws -> Outbox {
        var configuration = OutboxConfiguration()
        sources.configure(&configuration)
        change(&configuration)
        return try Outbox(path: folder.path(), configuration: configuration)
    }
}

import Logging
import Synchronization

/// A log handler that keeps every rendered message with its metadata, for assertions.
final class LogSink: LogHandler, Sendable {
    private let storage = Mutex<[String]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var lines: [String] { storage.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        let rendered = "\(event.level) \(event.message) \(event.metadata.map { "\($0)" } ?? "")"
        storage.withLock { $0.append(rendered) }
    }
}

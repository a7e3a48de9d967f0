import Logging
import Synchronization

/// A log handler that keeps every rendered message with its metadata, for assertions
/// (that secrets never reach a log, that a chunk was logged).
///
///     let sink = LogSink()
///     let logger = Logger(label: "test") { _ in sink }
public final class LogSink: LogHandler, Sendable {
    private let storage = Mutex<[String]>([])

    public init() {}

    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    public var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    public var lines: [String] { storage.withLock { $0 } }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    public func log(event: LogEvent) {
        let rendered = "\(event.level) \(event.message) \(event.metadata.map { "\($0)" } ?? "")"
        storage.withLock { $0.append(rendered) }
    }
}

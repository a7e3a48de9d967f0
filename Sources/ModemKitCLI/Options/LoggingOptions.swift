import ArgumentParser
import Logging

/// `--verbose` and `--log-level`: swift-log output on stderr.
///
/// At `trace` the engine logs every chunk written and read, escaped, with PINs and passwords
/// already redacted; at `debug` it logs lines nobody claimed.
public struct LoggingOptions: ParsableArguments {
    /// The levels `--log-level` takes.
    public enum Level: String, CaseIterable, ExpressibleByArgument, Sendable {
        case trace, debug, info, notice, warning, error, critical

        var loggerLevel: Logger.Level { Logger.Level(rawValue: rawValue) ?? .warning }
    }

    @Flag(name: [.short, .long], help: "Log every chunk sent and received on stderr (same as --log-level trace).")
    public var verbose = false

    @Option(name: .customLong("log-level"), help: "Log level on stderr (default: warning).")
    public var logLevel: Level?

    public init() {}

    /// The level in force: `--log-level`, else `trace` with `--verbose`, else `warning`.
    public var level: Logger.Level {
        logLevel?.loggerLevel ?? (verbose ? .trace : .warning)
    }

    /// A logger writing to stderr at ``level``; no global logging bootstrap is made.
    public func logger(label: String) -> Logger {
        var logger = Logger(label: label, factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }
}

import Foundation

/// Stops a long-running subcommand cleanly on Ctrl-C or SIGTERM (so symlinks and sockets are
/// removed), instead of the default of dying on the spot.
///
///     let signals = SignalStop { await runner.stop() }
///     await runner.waitUntilStopped()
///     signals.cancel()
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () async -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { Task { await stop() } }
            source.resume()
            return source
        }
    }

    /// Stops listening for the signals.
    func cancel() {
        for source in sources { source.cancel() }
    }
}

import ModemCore
import ModemReplay

/// A transport whose far side is a recorded session: hand it to ``ATClient`` (or any code
/// that takes a ``ByteTransport``) and it answers as the recorded modem did, as long as the
/// code writes what was recorded.
///
/// ```swift
/// let (script, errors) = ReplayScript.parse(try String(contentsOfFile: "field.trace", encoding: .utf8))
/// let transport = ReplayTransport(script: script, options: .init(matching: .strict, timing: .immediate))
/// let client = ATClient(transport: transport)
/// let quality = try await client.send(CSQ.Execute())   // answered from the trace
/// await client.close()
/// let report = await transport.report                  // mismatches, if the code wrote something else
/// #expect(report.succeeded)
/// ```
public final class ReplayTransport: ByteTransport {
    private let host: InMemoryTransport
    private let player: Task<ReplayReport, Never>
    private let starter: AsyncStream<Void>.Continuation

    public var descriptionForLog: String { "replay" }

    /// - Parameters:
    ///   - clock: the clock replies wait on with ``ReplayStateMachine/Timing/recorded`` or
    ///     ``ReplayStateMachine/Timing/scaled(_:)`` (a test clock gives a virtual time).
    ///   - autostart: start playing at once; with `false`, replies recorded before the first
    ///     write (boot URCs) wait for ``start()``, so a client can subscribe to URCs first.
    public init<C: Clock>(
        script: ReplayScript, options: ReplayStateMachine.Options = .init(), clock: C, autostart: Bool = true
    ) where C.Duration == Duration {
        let (host, modem) = InMemoryTransport.pair(label: "replay")
        self.host = host
        let (startSignal, starter) = AsyncStream<Void>.makeStream()
        self.starter = starter
        let player = ReplayPlayer(script: script, options: options, clock: clock)
        self.player = Task {
            for await _ in startSignal { break }
            let report = await player.run(on: modem)
            await modem.close()
            return report
        }
        if autostart { start() }
    }

    /// A replay on the real clock.
    public convenience init(script: ReplayScript, options: ReplayStateMachine.Options = .init(), autostart: Bool = true) {
        self.init(script: script, options: options, clock: ContinuousClock(), autostart: autostart)
    }

    /// Starts playing (see `autostart`); calling it again does nothing.
    public func start() {
        starter.yield()
        starter.finish()
    }

    public func read() async throws(TransportError) -> [UInt8] {
        try await host.read()
    }

    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await host.write(bytes)
    }

    public func close() async {
        start()
        await host.close()
    }

    /// The outcome, once the replay has stopped: after ``close()``, or at the first mismatch.
    public var report: ReplayReport {
        get async { await player.value }
    }
}

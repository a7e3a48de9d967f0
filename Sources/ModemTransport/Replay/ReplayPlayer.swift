import ModemCore
import ModemReplay

/// What a replay came to.
public struct ReplayReport: Sendable, Hashable, CustomStringConvertible {
    /// Where the host diverged from the recording (the replay stops at the first).
    public var mismatches: [ReplayMismatch] = []
    /// Whether every recorded step was played.
    public var finished = false
    /// Recorded replies sent to the host.
    public var repliesEmitted = 0
    /// Steps played, out of ``totalSteps``.
    public var stepsPlayed = 0
    public var totalSteps = 0

    public init() {}

    /// The replay matched the recording to its end.
    public var succeeded: Bool { finished && mismatches.isEmpty }

    public var description: String {
        if let mismatch = mismatches.first { return "mismatch: \(mismatch)" }
        if finished { return "replayed all \(totalSteps) steps (\(repliesEmitted) replies)" }
        return "stopped after \(stepsPlayed) of \(totalSteps) steps: the host closed the connection"
    }
}

/// Runs a ``ReplayStateMachine`` against the host on the far side of a transport: reads what
/// the host writes, sends the recorded replies on `clock`'s time.
///
/// ```swift
/// let (script, _) = ReplayScript.parse(traceText)
/// let pty = try PseudoTerminalPair.open(linkPath: "/tmp/ttyREPLAY")
/// let player = ReplayPlayer(script: script, options: .init(matching: .tolerant, timing: .scaled(0.5)))
/// let report = await player.run(on: pty.master)   // until the host closes, or a mismatch
/// print(report)                                   // "replayed all 24 steps (12 replies)"
/// ```
public struct ReplayPlayer<C: Clock>: Sendable where C.Duration == Duration {
    public let script: ReplayScript
    public let options: ReplayStateMachine.Options
    /// Return as soon as the whole recording was played, instead of when the host closes.
    public var stopWhenFinished: Bool
    /// Called for each reply sent and each mismatch, for progress output.
    public var onAction: (@Sendable (ReplayStateMachine.Action) -> Void)?
    private let clock: C

    public init(
        script: ReplayScript, options: ReplayStateMachine.Options = .init(), clock: C,
        stopWhenFinished: Bool = false, onAction: (@Sendable (ReplayStateMachine.Action) -> Void)? = nil
    ) {
        self.script = script
        self.options = options
        self.clock = clock
        self.stopWhenFinished = stopWhenFinished
        self.onAction = onAction
    }

    /// Plays until the host closes the transport, a write does not match (the transport is
    /// then closed, so the host sees the end at once), or the recording ends with
    /// ``stopWhenFinished``.
    public func run(on transport: any ByteTransport) async -> ReplayReport {
        var machine = ReplayStateMachine(script: script, options: options)
        var report = ReplayReport()
        report.totalSteps = script.steps.count
        let (events, input) = AsyncStream<ReplayStateMachine.Event>.makeStream()
        let reader = Task {
            while let bytes = try? await transport.read() { input.yield(.written(bytes)) }
            input.finish()
        }
        var timer: Task<Void, Never>?
        defer {
            reader.cancel()
            timer?.cancel()
        }
        input.yield(.started)
        loop: for await event in events {
            for action in machine.handle(event) {
                onAction?(action)
                switch action {
                case .emit(let bytes, _):
                    guard (try? await transport.write(bytes)) != nil else { break loop }
                    report.repliesEmitted += 1
                case .startTimer(let delay):
                    let clock = self.clock
                    timer = Task {
                        guard (try? await clock.sleep(for: delay)) != nil else { return }
                        input.yield(.timerFired)
                    }
                case .mismatch(let mismatch):
                    report.mismatches.append(mismatch)
                    await transport.close()
                    break loop
                case .finished:
                    report.finished = true
                    if stopWhenFinished { break loop }
                }
            }
        }
        report.stepsPlayed = machine.stepsPlayed
        return report
    }
}

extension ReplayPlayer where C == ContinuousClock {
    /// A player on the real clock.
    public init(
        script: ReplayScript, options: ReplayStateMachine.Options = .init(),
        stopWhenFinished: Bool = false, onAction: (@Sendable (ReplayStateMachine.Action) -> Void)? = nil
    ) {
        self.init(script: script, options: options, clock: ContinuousClock(), stopWhenFinished: stopWhenFinished, onAction: onAction)
    }
}

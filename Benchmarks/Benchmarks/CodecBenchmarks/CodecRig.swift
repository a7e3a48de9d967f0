import Benchmark
import ModemKitBenchSupport

/// The passes over one session, checked once before they are timed.
final class CodecRig: Sendable {
    let session: Transcript
    let codec: CodecPass
    let baseline: LineSplitterBaseline
    private let enginePass: EnginePass?

    init(_ session: Transcript, engineChunkSize: Int? = nil) {
        self.session = session
        codec = CodecPass(transcript: session)
        baseline = LineSplitterBaseline(bytes: session.bytes)
        enginePass = engineChunkSize.map { EnginePass(transcript: session, chunkSize: $0) }
    }

    /// The engine pass made for this rig's read size.
    var engine: EnginePass {
        guard let enginePass else { preconditionFailure("CodecRig made without an engine read size") }
        return enginePass
    }

    /// Runs the C splitter once, outside the measured region; returns its time.
    func timeBaseline(chunkSize: Int) -> Duration {
        let start = ContinuousClock.now
        let result = baseline.run(chunkSize: chunkSize)
        let elapsed = ContinuousClock.now - start
        blackHole(result)
        return elapsed
    }

    func record(_ benchmark: Benchmark, elapsed: Duration, baseline: Duration, mallocs: Int, lines: Int) {
        let bytes = session.bytes.count
        benchmark.measurement(CodecFigure.throughput, megabytesPerSecond(bytes, elapsed))
        benchmark.measurement(CodecFigure.baselineThroughput, megabytesPerSecond(bytes, baseline))
        benchmark.measurement(
            CodecFigure.timeOverBaseline, Int((Double(elapsed.nanoseconds) * 100 / Double(max(1, baseline.nanoseconds))).rounded()))
        benchmark.measurement(CodecFigure.mallocsPerThousandLines, Int((Double(mallocs) * 1_000 / Double(max(1, lines))).rounded()))
    }

    /// The framer and classifier must see exactly the lines the generator wrote, whatever the chunking.
    func verifyCodec(chunkSize: Int) throws {
        let tally = codec.run(chunkSize: chunkSize)
        guard tally == session.expected else {
            throw RigError(message: "framer + classifier, \(chunkSize) B reads: got \(tally), expected \(session.expected)")
        }
        if chunkSize == 4096 { print("session: \(session.summary)") }
    }

    /// Every command must end, every URC be published, and nothing be left unclaimed.
    func verifyEngine(chunkSize: Int) throws {
        let outcome = engine.run()
        let lost = session.commands.filter { !$0.answered }.count
        let expected = session.expected
        guard outcome.completed == session.commands.count, outcome.urcs == expected.urcs,
              outcome.notices == lost, outcome.responseLines == expected.information else {
            throw RigError(message: "engine, \(chunkSize) B reads: \(outcome) for \(session.summary)")
        }
    }
}

import ATCodec
import ModemCore

/// The whole engine minus I/O: ``ATEngineStateMachine`` fed every command as a submission and
/// the transcript as `bytesReceived` events, its actions consumed as a driver would.
///
/// All commands are submitted first; the engine writes each one when the previous one ends,
/// which is the order the transcript was recorded in. Reads arrive as arrays cut in setup, as
/// a transport hands them over. Timers are started and cancelled as actions but never fire.
public struct EnginePass: Sendable {
    /// What the engine reported over a pass.
    public struct Outcome: Sendable, Equatable {
        public var completed = 0
        public var succeeded = 0
        public var failed = 0
        public var urcs = 0
        public var notices = 0
        public var writes = 0
        /// Information lines in completed responses.
        public var responseLines = 0
    }

    public let transcript: Transcript
    public let chunks: [[UInt8]]
    private let submissions: [ATEngineStateMachine.Submission]

    public init(transcript: Transcript, chunkSize: Int) {
        self.transcript = transcript
        self.chunks = transcript.chunks(of: chunkSize)
        self.submissions = transcript.commands.enumerated().map { index, command in
            ATEngineStateMachine.Submission(id: UInt64(index + 1), context: command.context, timeout: .seconds(5))
        }
    }

    /// One pass with a fresh engine.
    public func run() -> Outcome {
        var engine = ATEngineStateMachine()
        var outcome = Outcome()
        for submission in submissions {
            consume(engine.handle(.submitted(submission)), into: &outcome)
        }
        for chunk in chunks {
            consume(engine.handle(.bytesReceived(chunk)), into: &outcome)
        }
        return outcome
    }

    private func consume(_ actions: [ATEngineStateMachine.Action], into outcome: inout Outcome) {
        for action in actions {
            switch action {
            case .write:
                outcome.writes += 1
            case .complete(_, .success(let response)):
                outcome.completed += 1
                outcome.responseLines += response.items.count
                if response.final.isSuccess { outcome.succeeded += 1 } else { outcome.failed += 1 }
            case .complete(_, .failure):
                outcome.completed += 1
                outcome.failed += 1
            case .publishURC:
                outcome.urcs += 1
            case .notify:
                outcome.notices += 1
            case .startTimer, .cancelTimer, .deliverData:
                break
            }
        }
    }
}

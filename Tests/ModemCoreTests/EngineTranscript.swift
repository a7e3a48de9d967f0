import ATCodec
import ModemCore

/// Helpers to drive ``ATEngineStateMachine`` and compare what it does.
typealias Engine = ATEngineStateMachine

/// An owned, comparable rendering of one action, so transcripts read like the wire.
enum Step: Hashable {
    case write(String)
    case startTimer(Engine.TimerID, Duration)
    case cancelTimer(Engine.TimerID)
    case completed(UInt64, [ATResponseItem], ATFinalResult)
    case failed(UInt64, Engine.Failure)
    case urc(Engine.URC)
    case notice(Engine.Notice)
    case data([UInt8])

    init(_ action: Engine.Action) {
        switch action {
        case .write(let bytes): self = .write(ATText.decode(bytes))
        case .startTimer(let id, let duration): self = .startTimer(id, duration)
        case .cancelTimer(let id): self = .cancelTimer(id)
        case .complete(let id, .success(let response)): self = .completed(id, response.items, response.final)
        case .complete(let id, .failure(let failure)): self = .failed(id, failure)
        case .publishURC(let urc): self = .urc(urc)
        case .notify(let notice): self = .notice(notice)
        case .deliverData(let bytes): self = .data(bytes)
        }
    }

    static func lines(_ id: UInt64, _ lines: [String], _ final: ATFinalResult = .ok) -> Step {
        .completed(id, lines.map(ATResponseItem.line), final)
    }
}

extension ATEngineStateMachine {
    mutating func steps(_ event: Event) -> [Step] {
        handle(event).map(Step.init)
    }

    /// Feeds `text` in the given chunks and returns every step, with adjacent data deliveries
    /// merged (their cutting follows the chunking by design).
    mutating func receive(_ chunks: [[UInt8]]) -> [Step] {
        var steps: [Step] = []
        for chunk in chunks {
            for step in handle(.bytesReceived(chunk)).map(Step.init) {
                if case .data(let more) = step, case .data(let previous)? = steps.last {
                    steps[steps.count - 1] = .data(previous + more)
                } else {
                    steps.append(step)
                }
            }
        }
        return steps
    }

    mutating func receive(_ text: String) -> [Step] {
        receive([Array(text.utf8)])
    }
}

extension Engine.Submission {
    static func command(
        _ id: UInt64, _ text: String, prefixes: [String] = [], bare: Bool = false, timeout: Duration = .seconds(5),
        payload: String? = nil, finals: [ATFinalPattern] = [],
        payloadLength: (@Sendable (ArraySlice<UInt8>) -> Int?)? = nil, dataMode: Bool = false,
        ownsLine: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil
    ) -> Engine.Submission {
        Engine.Submission(
            id: id,
            context: ATCommandContext(
                echo: text, prefixes: prefixes, acceptsBareLines: bare, finals: finals,
                payloadEcho: payload.map { Array($0.utf8) }, ownsLine: ownsLine,
                payloadLength: payloadLength, entersDataMode: dataMode
            ),
            timeout: timeout
        )
    }
}

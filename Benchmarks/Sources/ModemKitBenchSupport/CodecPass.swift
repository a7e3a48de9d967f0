import ATCodec

/// The framer and the classifier over a transcript, with the command in flight kept as the
/// engine keeps it, and nothing else: no actions, no strings, no response assembly. Tokens are
/// taken as ranges of the framer's buffer and classified in place, as the engine takes them.
///
/// Bytes are appended from memory in reads of `chunkSize` (the transport's job of making an
/// array per read is left out, as the C baseline has none either). Each line is classified with
/// the context of the command in flight; a final result or a power-on line (`RDY`) puts the
/// next command in flight, and the framer is told to expect a prompt while a command that
/// writes a payload (`AT+CMGS`) waits for one.
public struct CodecPass: Sendable {
    public let transcript: Transcript
    public let classifier: ATLineClassifier
    /// Whether each registered URC is a power-on line, by ID (read once, not per line).
    private let powerOn: [Bool]

    public init(transcript: Transcript, classifier: ATLineClassifier = ATLineClassifier()) {
        self.transcript = transcript
        self.classifier = classifier
        self.powerOn = classifier.urcs.descriptors.map { $0.bootRole == .powerOn }
    }

    /// One pass over the whole transcript; returns what was seen.
    public func run(chunkSize: Int) -> LineTally {
        var framer = ATFramer()
        var tally = LineTally()
        let commands = transcript.commands
        var next = 0
        var current: ATCommandContext?
        var awaitingPrompt = false

        func advance() {
            if next < commands.count {
                current = commands[next].context
                awaitingPrompt = current?.payloadEcho != nil
                next += 1
            } else {
                current = nil
                awaitingPrompt = false
            }
        }
        advance()

        transcript.bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(offset + chunkSize, all.count)
                framer.append(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
                while let token = framer.nextRange(expecting: awaitingPrompt ? .prompt : .lines) {
                    switch token {
                    case .line(let line):
                        tally.lines += 1
                        switch classifier.classify(line, in: framer, inFlight: current) {
                        case .final:
                            tally.finals += 1
                            tally.commandsEnded += 1
                            advance()
                        case .echo:
                            tally.echoes += 1
                        case .information:
                            tally.information += 1
                        case .urc(let id):
                            tally.urcs += 1
                            if powerOn[id] {
                                tally.commandsEnded += 1
                                advance()
                            }
                        case .unknown:
                            tally.unknown += 1
                        }
                    case .prompt:
                        tally.prompts += 1
                        awaitingPrompt = false
                    case .payload, .data, .overflow:
                        tally.unknown += 1
                    }
                }
            }
        }
        return tally
    }
}

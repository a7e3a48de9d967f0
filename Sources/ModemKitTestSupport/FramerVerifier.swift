import ATCodec

/// Feeds a byte stream through ``ATFramer`` and collects owned tokens, so tests can compare
/// the result of different chunkings.
public enum FramerVerifier {
    /// An owned copy of an ``ATToken``.
    public enum Token: Sendable, Hashable, CustomStringConvertible {
        case line(String)
        case prompt(UInt8)
        case payload([UInt8])
        case data([UInt8])
        case overflow(Int)

        public var description: String {
            switch self {
            case .line(let text): "line(\(ATText.escaped(text.utf8)))"
            case .prompt(let byte): "prompt(\(UnicodeScalar(byte)))"
            case .payload(let bytes): "payload(\(ATText.escaped(bytes)))"
            case .data(let bytes): "data(\(ATText.escaped(bytes)))"
            case .overflow(let count): "overflow(\(count))"
            }
        }
    }

    /// Tokens of `chunks` fed one after another with the fixed hint `.lines`; adjacent payload or
    /// data tokens are merged, since their cutting depends on chunking by design.
    public static func tokens(_ chunks: [[UInt8]], limits: ATFramer.Limits = .init(), hint: FramingHint = .lines) -> [Token] {
        var framer = ATFramer(limits: limits)
        var tokens: [Token] = []
        for chunk in chunks {
            framer.append(chunk)
            while let token = framer.next(expecting: hint) {
                let owned: Token
                switch token {
                case .line(let line): owned = .line(ATText.decode(line))
                case .prompt(let byte): owned = .prompt(byte)
                case .payload(let bytes): owned = .payload(Array(bytes))
                case .data(let bytes): owned = .data(Array(bytes))
                case .overflow(let count): owned = .overflow(count)
                }
                if case .data(let more) = owned, case .data(let previous)? = tokens.last {
                    tokens[tokens.count - 1] = .data(previous + more)
                } else {
                    tokens.append(owned)
                }
            }
        }
        return tokens
    }
}

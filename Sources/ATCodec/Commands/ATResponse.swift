/// One item of a command's response, in the order the modem printed it.
public enum ATResponseItem: Sendable, Hashable {
    /// An information line (echo and final excluded).
    case line(String)
    /// Raw bytes announced by the line before them (`+QIRD: 5` then 5 bytes).
    case payload([UInt8])
}

/// Everything the modem answered to one command.
///
///     AT+CGDCONT?
///     +CGDCONT: 1,"IP","internet","0.0.0.0",0,0
///     +CGDCONT: 2,"IPV4V6","ims","0.0.0.0",0,0
///     OK
///     → items [.line("+CGDCONT: 1,..."), .line("+CGDCONT: 2,...")], final .ok
public struct ATResponse: Sendable, Hashable {
    /// The command line this answers (without the CR).
    public var command: String
    public var items: [ATResponseItem]
    public var final: ATFinalResult

    public init(command: String, items: [ATResponseItem] = [], final: ATFinalResult = .ok) {
        self.command = command
        self.items = items
        self.final = final
    }

    public init(command: String, lines: [String], final: ATFinalResult = .ok) {
        self.init(command: command, items: lines.map(ATResponseItem.line), final: final)
    }

    /// The information lines, in order.
    public var lines: [String] {
        items.compactMap { if case .line(let line) = $0 { line } else { nil } }
    }

    /// The payloads, in order.
    public var payloads: [[UInt8]] {
        items.compactMap { if case .payload(let bytes) = $0 { bytes } else { nil } }
    }

    /// Lines starting with `prefix`, with the prefix and the spaces after it removed:
    /// `lines(withPrefix: "+CSQ:")` of `+CSQ: 21,99` → `["21,99"]`.
    public func lines(withPrefix prefix: String) -> [Substring] {
        lines.compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return line.dropFirst(prefix.count).drop(while: { $0 == " " })
        }
    }

    /// The one line starting with `prefix` (without it), or a parse error naming the command.
    public func line(withPrefix prefix: String) throws(ATParseError) -> Substring {
        guard let line = lines(withPrefix: prefix).first else {
            throw ATParseError(command: command, line: lines.first, reason: "no \(prefix) line in the response")
        }
        return line
    }
}

/// A response line that could not be parsed: carries the command, the raw line and why.
public struct ATParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var command: String
    public var line: String?
    public var reason: String

    public init(command: String, line: String?, reason: String) {
        self.command = command
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(command): \(reason) in \"\(ATText.escaped(line.utf8))\"" }
        return "\(command): \(reason)"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where `modemkit` writes: results on stdout, diagnostics and progress on stderr.
///
/// Writes go straight to the file descriptors (no stdio buffering), so stdout and stderr stay
/// in order when both are a terminal and the terminal session can show bytes as they arrive.
enum Console {
    /// Whether stderr is a terminal: progress lines are shown only then.
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Writes `text` and a newline to stdout.
    static func out(_ text: String = "") {
        emit(text + "\n", to: STDOUT_FILENO)
    }

    /// Writes `text` as is to stdout (the terminal session's output, prompts).
    static func outRaw(_ text: String) {
        emit(text, to: STDOUT_FILENO)
    }

    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        emit(text + "\n", to: STDERR_FILENO)
    }

    /// Writes `text` as is to stderr (progress that redraws itself with CR).
    static func errorRaw(_ text: String) {
        emit(text, to: STDERR_FILENO)
    }

    /// A progress line on stderr, only when stderr is a terminal.
    static func progress(_ text: String) {
        if stderrIsTerminal { error(text) }
    }

    /// Pretty-printed JSON with sorted keys on stdout.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        out(String(decoding: data, as: UTF8.self))
    }

    /// Writes bytes as they are to stdout (large blocks of decoded output).
    static func outBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        emit(UnsafeRawBufferPointer(bytes), to: STDOUT_FILENO)
    }

    private static func emit(_ text: String, to descriptor: Int32) {
        Array(text.utf8).withUnsafeBytes { emit($0, to: descriptor) }
    }

    private static func emit(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += count
        }
    }
}

/// A duration in seconds for people: `0.25 s`, `10 s`.
func describeSeconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
}

/// Milliseconds with one decimal, for round-trip times.
func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return (value * 10).rounded() / 10
}

extension Console {
    /// Compact JSON with sorted keys on one line of stdout (for streams: one object per line).
    static func jsonLine(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

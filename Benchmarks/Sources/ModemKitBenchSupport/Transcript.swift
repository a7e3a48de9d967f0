import ATCodec

/// A modem session as one byte stream, generated from a seed so that every run and every
/// machine measures the same bytes.
///
/// The stream is what a host reads from a Quectel- or SIMCom-like modem with echo on (`ATE1`):
///
///     AT+CSQ␍                                   ← echo, ended by a lone CR
///     ␍␊+CSQ: 21,99␍␊␍␊OK␍␊                       ← information line and final result
///     ␍␊+CMTI: "SM",3␍␊                           ← URC between commands
///     AT+CMGS=23␍␍␊> 0011000B91…␚␍␊+CMGS: 42␍␊␍␊OK␍␊   ← prompt, payload echo, answer
///     AT+CFUN=1,1␍␍␊OK␍␊␍␊RDY␍␊␍␊+CFUN: 1␍␊…       ← reboot: the probe written next is lost
///
/// ``commands`` lists every command the host wrote, in order, with the classifier context a
/// typed command gives, so a pass can keep the command in flight as the engine does: the next
/// command goes in flight when a final result ends the current one, or when a power-on line
/// (`RDY`) fails it.
public struct Transcript: Sendable {
    /// One command the host wrote.
    public struct Command: Sendable {
        public var context: ATCommandContext
        /// `false` for the probe written just before a reboot: the modem never answers it.
        public var answered: Bool
    }

    public let seed: UInt64
    public let bytes: [UInt8]
    public let commands: [Command]
    /// What a framer-and-classifier pass must count, whatever the chunking.
    public let expected: LineTally

    /// The default seed ("ModemKit" in ASCII).
    public static let defaultSeed: UInt64 = 0x4D6F_6465_6D4B_6974

    /// Generates about `targetBytes` of session (whole exchanges, so slightly more).
    public static func modemSession(seed: UInt64 = defaultSeed, targetBytes: Int = 8 << 20) -> Transcript {
        var builder = TranscriptBuilder(seed: seed)
        builder.reboot()  // the session starts at power-on
        while builder.bytes.count < targetBytes {
            builder.exchange()
        }
        return Transcript(seed: seed, bytes: builder.bytes, commands: builder.commands, expected: builder.expected)
    }

    /// The bytes cut into reads of `size` bytes (the last one shorter), as a port delivers them.
    public func chunks(of size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// Lines per kind in the stream, for the report.
    public var summary: String {
        let mebibytes = Double(bytes.count) / 1_048_576
        return "\(bytes.count) bytes (\(mebibytes.formatted(decimals: 2)) MiB), \(commands.count) commands, \(expected)"
    }
}

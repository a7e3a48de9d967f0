/// What the framer wants to know about the bytes that come next.
///
/// The framer cannot tell a `> ` prompt, a length-announced payload or a data-mode stream from
/// ordinary lines by looking at the bytes alone; the engine, which knows the command in flight,
/// passes a hint on every call to ``ATFramer/next(expecting:)``.
public enum FramingHint: Sendable, Equatable {
    /// Ordinary result and information lines.
    case lines
    /// A prompt may come: a `>` (SMS, SIMCom, Quectel) or `@` (u-blox) at the start of a line
    /// is returned as ``ATToken/prompt(_:)`` without waiting for a line end.
    case prompt
    /// Up to `count` raw bytes follow (after `+QIRD: 5`, `+CIPRXGET: 2,0,5,0`, `+RECEIVE,0,5:`).
    /// The framer returns what is buffered, at most `count` bytes; the caller asks again for the rest.
    case payload(count: Int)
    /// Data mode after `CONNECT`: every byte is returned raw until the caller switches back.
    case data
}

/// One unit of modem output, as split by ``ATFramer``.
///
/// Slices share the framer's buffer (no copy, no allocation); use them before the next
/// ``ATFramer/append(_:)`` or copy them with `Array(_:)`.
public enum ATToken: Sendable, Equatable {
    /// A line without its terminator; empty lines are never returned.
    case line(ArraySlice<UInt8>)
    /// A prompt character (`>` or `@`); a space right after it is consumed too.
    case prompt(UInt8)
    /// Raw bytes announced by a length (see ``FramingHint/payload(count:)``).
    case payload(ArraySlice<UInt8>)
    /// Raw bytes in data mode.
    case data(ArraySlice<UInt8>)
    /// A line longer than the framer's limit was dropped; `discarded` bytes were lost, and
    /// framing resumed at the next line end.
    case overflow(discarded: Int)
}

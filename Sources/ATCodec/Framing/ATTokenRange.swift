/// One unit of modem output as a place in ``ATFramer``'s buffer, returned by
/// ``ATFramer/nextRange(expecting:)``.
///
/// Unlike ``ATToken``, whose slices own a reference to the buffer, a range is plain integers:
/// making, copying and dropping one costs no reference counting, which is most of the framer's
/// cost per line. A range is valid until the next `append(_:)`
/// or ``ATFramer/reset()``; read its bytes in place with ``ATFramer/withBytes(_:_:)``, classify it
/// with ``ATLineClassifier/classify(_:in:inFlight:)``, or take an owned slice with
/// ``ATFramer/bytes(in:)`` when the line must outlive the buffer.
///
///     framer.append(Array("+CSQ: 21,99\r\nOK\r\n".utf8))
///     framer.nextRange(expecting: .lines)   // .line(0..<11)
///     framer.nextRange(expecting: .lines)   // .line(13..<15)
public enum ATTokenRange: Sendable, Hashable {
    /// A line without its terminator; empty lines are never returned.
    case line(Range<Int>)
    /// A prompt character (`>` or `@`); a space right after it is consumed too.
    case prompt(UInt8)
    /// Raw bytes announced by a length (see ``FramingHint/payload(count:)``).
    case payload(Range<Int>)
    /// Raw bytes in data mode.
    case data(Range<Int>)
    /// A line longer than the framer's limit was dropped; `discarded` bytes were lost, and
    /// framing resumed at the next line end.
    case overflow(discarded: Int)
}

/// One unit of modem output as a place in ``ATFramer``'s buffer, returned by
/// ``ATFramer/nextRange(expecting:)``.
///
/// Unlike ``ATToken``, whose slices own a reference to the buffer, a range is plain integers:
/// making, copying and dropping one costs no reference counting, which is most of the framer's
/// cost per line. A range is valid until the next `append(_:)` or ``ATFramer/reset()``; read
/// its bytes in place with ``ATFramer/withBytes(_:_:)``, classify it with
/// ``ATLineClassifier/classify(_:in:inFlight:)``, or take an owned slice with
/// ``ATFramer/bytes(in:)`` (or the whole token with ``ATFramer/token(_:)``) when the line must
/// outlive the buffer.
///
///     framer.append(Array("+CSQ: 21,99\r\nOK\r\n".utf8))
///     framer.nextRange(expecting: .lines)   // .line(0..<11)
///     framer.nextRange(expecting: .lines)   // .line(13..<15)
public enum ATTokenRange: Sendable, Hashable {
    /// Where ``ATToken/line(_:)`` lies.
    case line(Range<Int>)
    /// ``ATToken/prompt(_:)``: it has no bytes to place.
    case prompt(UInt8)
    /// Where ``ATToken/payload(_:)`` lies.
    case payload(Range<Int>)
    /// Where ``ATToken/data(_:)`` lies.
    case data(Range<Int>)
    /// ``ATToken/overflow(discarded:)``: the bytes are gone.
    case overflow(discarded: Int)
}

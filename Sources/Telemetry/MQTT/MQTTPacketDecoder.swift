/// Turns a byte stream, cut into chunks anywhere, into MQTT packets.
///
///     var decoder = MQTTPacketDecoder()
///     decoder.append([0x20, 0x02, 0x00])        // half a CONNACK
///     try decoder.next()                        // nil: more is needed
///     decoder.append([0x00, 0xD0, 0x00])
///     try decoder.next()                        // .connack(accepted)
///     try decoder.next()                        // .pingresp
///
/// Memory is bounded: a packet whose header announces more than ``maximumPacketSize`` bytes is
/// refused as soon as its length is read. Malformed input throws ``MQTTDecodingError`` with the
/// stream offset; after that the stream cannot be trusted (§4.8: close the connection), so the
/// decoder keeps throwing the same error.
public struct MQTTPacketDecoder: Sendable {
    /// The largest packet, headers included, that is accepted.
    public let maximumPacketSize: Int
    private var buffer: [UInt8] = []
    /// Where the next packet starts in `buffer`.
    private var start = 0
    /// The stream offset of `buffer[0]`.
    private var base = 0
    private var failure: MQTTDecodingError?

    public init(maximumPacketSize: Int = 1 << 20) {
        self.maximumPacketSize = max(2, maximumPacketSize)
    }

    /// Bytes held that do not make a whole packet yet.
    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            base += start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole packet, or `nil` until more bytes arrive.
    public mutating func next() throws(MQTTDecodingError) -> MQTTPacket? {
        if let failure { throw failure }
        do {
            return try decodeNext()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func decodeNext() throws(MQTTDecodingError) -> MQTTPacket? {
        guard start < buffer.count else { return nil }
        let header = buffer[start]
        do {
            try MQTTPacket.checkHeader(header)
        } catch {
            throw MQTTDecodingError(violation: error, offset: base + start)
        }
        let length: Int
        let lengthBytes: Int
        switch MQTTRemainingLength.decode(buffer[(start + 1)...]) {
        case .incomplete: return nil
        case .tooLong: throw MQTTDecodingError(violation: .remainingLengthTooLong, offset: base + start + 4)
        case .length(let value, let count):
            length = value
            lengthBytes = count
        }
        let size = 1 + lengthBytes + length
        guard size <= maximumPacketSize else {
            throw MQTTDecodingError(violation: .packetTooLarge(size: size, limit: maximumPacketSize), offset: base + start)
        }
        guard buffer.count - start >= size else { return nil }
        let bodyStart = start + 1 + lengthBytes
        var reader = MQTTReader(buffer, start: bodyStart, end: bodyStart + length, base: base)
        let packet = try MQTTPacket.decode(header: header, headerOffset: base + start, body: &reader)
        start += size
        if start == buffer.count {
            base += buffer.count
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return packet
    }
}

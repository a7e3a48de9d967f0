import ModemCore

/// One end of an in-memory pipe pair: what one end writes, the other reads, in order.
/// The transport of choice for tests and for wiring an engine to a virtual modem in-process.
///
/// ```swift
/// let (host, modem) = InMemoryTransport.pair()
/// try await host.write(Array("AT\r".utf8))
/// try await modem.read()                          // "AT\r"
/// try await modem.write(Array("\r\nOK\r\n".utf8))
/// await modem.close()
/// try await host.read()                           // "\r\nOK\r\n": queued bytes drain first…
/// try await host.read()                           // …then throws TransportError.closed
/// ```
///
/// - Writes never wait (the queue is unbounded) and are delivered whole, in order; a read
///   returns everything queued at that moment, so chunking may differ from the writes.
/// - ``close()`` on one end: its own pending and later reads and writes throw `.closed`
///   at once; the other end reads what was already sent, then `.closed`, and its writes
///   throw `.closed`.
/// - A read whose task is cancelled throws ``TransportError/system(operation:errno:message:)``
///   with `ECANCELED`; the pair stays usable.
/// - Safe to use from any number of tasks; no threads, no file descriptors.
public final class InMemoryTransport: ByteTransport {
    private let incoming: InMemoryPipe
    private let outgoing: InMemoryPipe
    public let descriptionForLog: String

    private init(incoming: InMemoryPipe, outgoing: InMemoryPipe, description: String) {
        self.incoming = incoming
        self.outgoing = outgoing
        self.descriptionForLog = description
    }

    /// Two connected ends, described as `"<label>:a"` and `"<label>:b"` in logs.
    public static func pair(label: String = "memory") -> (InMemoryTransport, InMemoryTransport) {
        let aToB = InMemoryPipe()
        let bToA = InMemoryPipe()
        return (
            InMemoryTransport(incoming: bToA, outgoing: aToB, description: "\(label):a"),
            InMemoryTransport(incoming: aToB, outgoing: bToA, description: "\(label):b")
        )
    }

    public func read() async throws(TransportError) -> [UInt8] {
        try await incoming.read()
    }

    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try outgoing.write(bytes)
    }

    public func close() async {
        outgoing.closeWriter()
        incoming.closeReader()
    }
}

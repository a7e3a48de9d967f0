/// Which way a chunk of bytes travelled, seen from the host.
///
///     TraceDirection.tx.rawValue   // "tx": written by the host, to the modem
///     TraceDirection.rx.rawValue   // "rx": read by the host, from the modem
public enum TraceDirection: String, Sendable, Hashable, CaseIterable, Codable {
    /// Host → modem (a chunk passed to `write`).
    case tx
    /// Modem → host (a chunk returned by `read`).
    case rx
}

import ModemCore

extension ATClient {
    /// Switches the line speed of the transport, for baud detection; throws
    /// ``TransportError/invalidConfiguration(_:)`` when the transport has no line speed
    /// (TCP, memory) or cannot take this one.
    ///
    ///     try await client.setBaudRate(9600)
    ///     try await client.send(AT.Execute())     // → AT  ← OK, from a modem at 9600
    ///
    /// Call it between commands: bytes of a command in flight could straddle the change.
    public func setBaudRate(_ baud: Int) async throws(TransportError) {
        guard let port = transport as? any BaudRateAdjustable else {
            throw .invalidConfiguration("\(transport.descriptionForLog) has no line speed to change")
        }
        try await port.setBaudRate(baud)
    }

    /// The transport's line speed; `nil` when it has none.
    public nonisolated var baudRate: Int? {
        guard let port = transport as? any BaudRateAdjustable, port.baudRate > 0 else { return nil }
        return port.baudRate
    }
}

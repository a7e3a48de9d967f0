/// A transport whose line speed can change while it stays open: a serial port, or the client
/// side of a pseudo-terminal. The lifecycle's baud detection switches rates through it.
///
///     let port: any ByteTransport = try SerialTransport(path: "/dev/ttyUSB2", baud: 115_200)
///     try await (port as? any BaudRateAdjustable)?.setBaudRate(9600)
///     try await port.write(Array("AT\r".utf8))      // now at 9600 bit/s
///     let reply = try await port.read()             // "\r\nOK\r\n" when the modem runs at 9600
public protocol BaudRateAdjustable: ByteTransport {
    /// The line speed in bit/s the port runs at now.
    var baudRate: Int { get }

    /// Switches the line speed, after the bytes already written have gone out; input received
    /// at the old speed (framing garbage, once the rates differ) is discarded.
    ///
    /// Throws ``TransportError/invalidConfiguration(_:)`` for a speed the port cannot take
    /// (the port keeps its old speed), ``TransportError/closed`` once closed.
    func setBaudRate(_ baud: Int) async throws(TransportError)
}

/// A transport that can see the line speed its far side chose: the master of a
/// pseudo-terminal, which reads the settings the client put on the slave. The virtual modem's
/// runner uses it to garble bytes when the client's rate is not the modem's, as a UART would.
///
///     let pty = try PseudoTerminalPair()
///     let client = try SerialTransport(path: pty.slavePath, baud: 9600)
///     pty.peerBaudRate        // 9600
public protocol LineSpeedObserving: ByteTransport {
    /// The far side's line speed in bit/s; `nil` when it cannot be read.
    var peerBaudRate: Int? { get }
}

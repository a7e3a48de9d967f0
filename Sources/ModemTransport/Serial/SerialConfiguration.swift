import ModemCore

/// Line settings for a serial port: speed, framing, flow control and the initial levels of
/// the DTR and RTS outputs.
///
///     var configuration = SerialConfiguration(baud: 115_200)     // 8N1, no flow control
///     configuration.flowControl = .rtsCts
///     let port = try SerialTransport(path: "/dev/ttyUSB2", configuration: configuration)
public struct SerialConfiguration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Parity bit.
    public enum Parity: String, Sendable, Hashable, CaseIterable, Codable {
        case none, odd, even
        /// Parity bit always 1 (Linux only on the termios path).
        case mark
        /// Parity bit always 0 (Linux only on the termios path).
        case space
    }

    /// Number of stop bits.
    public enum StopBits: Int, Sendable, Hashable, CaseIterable, Codable {
        case one = 1
        case two = 2
    }

    /// Flow control.
    public enum FlowControl: String, Sendable, Hashable, CaseIterable, Codable {
        case none
        /// Hardware: RTS/CTS lines.
        case rtsCts
        /// Software: XON (0x11) and XOFF (0x13) bytes in both directions.
        case xonXoff
    }

    /// Line speed in bit/s: 115200 by default.
    public var baud: Int
    /// 5 to 8; 8 by default.
    public var dataBits: Int
    public var parity: Parity
    public var stopBits: StopBits
    public var flowControl: FlowControl
    /// DTR level after opening (on by default; many modems hang up or sleep when it drops).
    /// Ignored by devices without modem-control lines, such as pseudo-terminals.
    public var dtr: Bool
    /// RTS level after opening when flow control is not `.rtsCts` (on by default).
    /// Ignored by devices without modem-control lines.
    public var rts: Bool

    public init(
        baud: Int = 115_200, dataBits: Int = 8, parity: Parity = .none, stopBits: StopBits = .one,
        flowControl: FlowControl = .none, dtr: Bool = true, rts: Bool = true
    ) {
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
        self.dtr = dtr
        self.rts = rts
    }

    /// Throws ``TransportError/invalidConfiguration(_:)`` for a non-positive speed or data
    /// bits outside 5...8. (Whether a speed is supported is up to the backend.)
    public func validate() throws(TransportError) {
        guard baud > 0 else { throw .invalidConfiguration("baud rate \(baud) must be positive") }
        guard (5...8).contains(dataBits) else {
            throw .invalidConfiguration("data bits \(dataBits) not in 5...8")
        }
    }

    /// `115200 8N1`, `9600 7E2 rtscts`.
    public var description: String {
        let parityLetter: String
        switch parity {
        case .none: parityLetter = "N"
        case .odd: parityLetter = "O"
        case .even: parityLetter = "E"
        case .mark: parityLetter = "M"
        case .space: parityLetter = "S"
        }
        let flow = flowControl == .none ? "" : " \(flowControl.rawValue.lowercased())"
        return "\(baud) \(dataBits)\(parityLetter)\(stopBits.rawValue)\(flow)"
    }
}

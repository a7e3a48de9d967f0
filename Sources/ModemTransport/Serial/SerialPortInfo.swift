/// A serial port the system knows about, as ``SerialPorts/list()`` reports it.
///
///     SerialPortInfo(name: "/dev/ttyUSB2", description: "Quectel EG25-G", transport: .usb,
///                    usbVendorID: 0x2C7C, usbProductID: 0x0125, …)
public struct SerialPortInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How the port is attached.
    public enum Transport: String, Sendable, Hashable, Codable {
        /// A native UART (`/dev/ttyS0`, `/dev/ttyAMA0`).
        case native
        /// A USB serial adapter or a USB modem's interface (`/dev/ttyUSB2`, `/dev/ttyACM0`).
        case usb
        /// A Bluetooth serial port (`/dev/rfcomm0`).
        case bluetooth
    }

    /// The path to open: `/dev/ttyUSB2`.
    public var name: String
    /// libserialport's human-readable description (often the USB product string).
    public var description: String
    public var transport: Transport
    /// USB vendor ID, for USB ports.
    public var usbVendorID: UInt16?
    /// USB product ID, for USB ports.
    public var usbProductID: UInt16?
    /// USB bus number, for USB ports.
    public var usbBus: Int?
    /// USB device address on its bus, for USB ports.
    public var usbAddress: Int?
    /// USB manufacturer string, when the device reports one.
    public var manufacturer: String?
    /// USB product string, when the device reports one.
    public var product: String?
    /// USB serial number, when the device reports one.
    public var serialNumber: String?
    /// Bluetooth MAC address, for Bluetooth ports.
    public var bluetoothAddress: String?

    public init(
        name: String, description: String, transport: Transport,
        usbVendorID: UInt16? = nil, usbProductID: UInt16? = nil, usbBus: Int? = nil, usbAddress: Int? = nil,
        manufacturer: String? = nil, product: String? = nil, serialNumber: String? = nil,
        bluetoothAddress: String? = nil
    ) {
        self.name = name
        self.description = description
        self.transport = transport
        self.usbVendorID = usbVendorID
        self.usbProductID = usbProductID
        self.usbBus = usbBus
        self.usbAddress = usbAddress
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
        self.bluetoothAddress = bluetoothAddress
    }

    /// `"2c7c:0125"` for USB ports, `nil` otherwise.
    public var usbID: String? {
        guard let usbVendorID, let usbProductID else { return nil }
        return "\(Self.hex4(usbVendorID)):\(Self.hex4(usbProductID))"
    }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

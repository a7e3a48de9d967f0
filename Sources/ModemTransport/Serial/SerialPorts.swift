import CLibSerialPort
import ModemCore

/// Discovery of the serial ports present on this machine, through libserialport.
///
/// ```swift
/// for port in try SerialPorts.list() where port.transport == .usb {
///     print(port.name, port.usbID ?? "", port.product ?? "")   // /dev/ttyUSB2 2c7c:0125 EG25-G
/// }
/// ```
///
/// On Linux this reads sysfs: pseudo-terminals are not listed; a machine without ports gives
/// an empty list.
public enum SerialPorts {
    /// Every port libserialport finds, sorted by name.
    ///
    /// - Throws: ``TransportError/system(operation:errno:message:)`` when enumeration fails
    ///   (for example, sysfs is not mounted).
    public static func list() throws(TransportError) -> [SerialPortInfo] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let result = sp_list_ports(&list)
        guard result == SP_OK else {
            var message = "libserialport error \(result.rawValue)"
            if let text = sp_last_error_message() {
                message = String(cString: text)
                sp_free_error_message(text)
            }
            throw .system(operation: "sp_list_ports", errno: sp_last_error_code(), message: message)
        }
        guard let list else { return [] }
        defer { sp_free_port_list(list) }
        var ports: [SerialPortInfo] = []
        var index = 0
        while let port = list[index] {
            ports.append(info(for: port))
            index += 1
        }
        return ports.sorted { $0.name < $1.name }
    }

    private static func info(for port: OpaquePointer) -> SerialPortInfo {
        let transport: SerialPortInfo.Transport
        switch sp_get_port_transport(port) {
        case SP_TRANSPORT_USB: transport = .usb
        case SP_TRANSPORT_BLUETOOTH: transport = .bluetooth
        default: transport = .native
        }
        var info = SerialPortInfo(
            name: string(sp_get_port_name(port)) ?? "",
            description: string(sp_get_port_description(port)) ?? "",
            transport: transport)
        switch transport {
        case .usb:
            var vendor: Int32 = 0
            var product: Int32 = 0
            if sp_get_port_usb_vid_pid(port, &vendor, &product) == SP_OK {
                info.usbVendorID = UInt16(truncatingIfNeeded: vendor)
                info.usbProductID = UInt16(truncatingIfNeeded: product)
            }
            var bus: Int32 = 0
            var address: Int32 = 0
            if sp_get_port_usb_bus_address(port, &bus, &address) == SP_OK {
                info.usbBus = Int(bus)
                info.usbAddress = Int(address)
            }
            info.manufacturer = string(sp_get_port_usb_manufacturer(port))
            info.product = string(sp_get_port_usb_product(port))
            info.serialNumber = string(sp_get_port_usb_serial(port))
        case .bluetooth:
            info.bluetoothAddress = string(sp_get_port_bluetooth_address(port))
        case .native:
            break
        }
        return info
    }

    /// A string owned by the port structure (not freed here); `nil` when absent or empty.
    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }
}

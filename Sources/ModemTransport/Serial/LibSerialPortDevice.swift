import CLibSerialPort
import ModemCore

/// Opening and configuring a port through libserialport; I/O then goes through the
/// descriptor libserialport hands out (`sp_get_port_handle`), like any other channel.
enum LibSerialPortDevice {
    /// A libserialport port pointer. It is touched only while opening and once when the
    /// channel releases it, never concurrently.
    private struct PortHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Opens `path` through libserialport; `nil` when libserialport cannot look the port up
    /// (pseudo-terminals and anything else that is not a tty in sysfs).
    static func open(path: String, configuration: SerialConfiguration) throws(TransportError) -> FileDescriptorChannel? {
        var port: OpaquePointer?
        guard sp_get_port_by_name(path, &port) == SP_OK, let port else { return nil }
        let opened = sp_open(port, SP_MODE_READ_WRITE)
        guard opened == SP_OK else {
            let error = failure(opened, "sp_open \(path)")
            sp_free_port(port)
            throw error
        }
        do throws(TransportError) {
            try configure(port, configuration)
            var fd: Int32 = -1
            try check(sp_get_port_handle(port, &fd), "sp_get_port_handle")
            // DTR/RTS as on the termios path: best effort, devices without the lines are fine.
            try ModemControlLines.applyInitialLevels(configuration, fd: fd)
            _ = sp_flush(port, SP_BUF_INPUT)  // stale input from before we opened
            let handle = PortHandle(pointer: port)
            return try FileDescriptorChannel(fd: fd, kind: .stream) { _ in
                sp_close(handle.pointer)
                sp_free_port(handle.pointer)
            }
        } catch {
            sp_close(port)
            sp_free_port(port)
            throw error
        }
    }

    private static func configure(_ port: OpaquePointer, _ configuration: SerialConfiguration) throws(TransportError) {
        var config: OpaquePointer?
        try check(sp_new_config(&config), "sp_new_config")
        guard let config else { throw .system(operation: "sp_new_config", errno: 0, message: "no configuration") }
        defer { sp_free_config(config) }
        try check(sp_set_config_baudrate(config, Int32(clamping: configuration.baud)), "baud rate \(configuration.baud)")
        try check(sp_set_config_bits(config, Int32(configuration.dataBits)), "data bits \(configuration.dataBits)")
        let parity: sp_parity
        switch configuration.parity {
        case .none: parity = SP_PARITY_NONE
        case .odd: parity = SP_PARITY_ODD
        case .even: parity = SP_PARITY_EVEN
        case .mark: parity = SP_PARITY_MARK
        case .space: parity = SP_PARITY_SPACE
        }
        try check(sp_set_config_parity(config, parity), "parity \(configuration.parity)")
        try check(sp_set_config_stopbits(config, Int32(configuration.stopBits.rawValue)), "stop bits")
        let flow: sp_flowcontrol
        switch configuration.flowControl {
        case .none: flow = SP_FLOWCONTROL_NONE
        case .rtsCts: flow = SP_FLOWCONTROL_RTSCTS
        case .xonXoff: flow = SP_FLOWCONTROL_XONXOFF
        }
        try check(sp_set_config_flowcontrol(config, flow), "flow control")
        try check(sp_set_config(port, config), "sp_set_config \(configuration)")
    }

    private static func check(_ result: sp_return, _ operation: String) throws(TransportError) {
        guard result == SP_OK else { throw failure(result, operation) }
    }

    /// Maps a libserialport result to a ``TransportError``.
    private static func failure(_ result: sp_return, _ operation: String) -> TransportError {
        switch result {
        case SP_ERR_ARG: return .invalidConfiguration("libserialport rejected \(operation)")
        case SP_ERR_SUPP: return .invalidConfiguration("libserialport does not support \(operation)")
        case SP_ERR_MEM: return .system(operation: operation, errno: 12, message: "out of memory")
        default:
            let code = sp_last_error_code()
            var message = "libserialport error \(result.rawValue)"
            if let text = sp_last_error_message() {
                message = String(cString: text)
                sp_free_error_message(text)
            }
            return .system(operation: operation, errno: code, message: message)
        }
    }
}

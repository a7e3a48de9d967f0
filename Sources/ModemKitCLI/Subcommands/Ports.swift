import ArgumentParser
import ModemTransport

extension ModemKitCommand {
    /// `modemkit ports`: the serial ports this machine has.
    struct Ports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List serial ports: name, description, USB VID:PID, manufacturer, product, serial number.",
            discussion: """
                Pseudo-terminals are not listed. A USB modem usually shows several ports (diagnostics, \
                NMEA, AT, modem); its manual says which one takes AT commands.

                Exit codes: 0 listed (possibly none); 4 the system could not be asked.
                """
        )

        @OptionGroup var output: OutputOptions

        /// One port in `--json` output; absent values are `null`.
        struct Port: Encodable {
            var name: String
            var description: String
            var transport: String
            var usbID: String?
            var manufacturer: String?
            var product: String?
            var serialNumber: String?

            init(_ info: SerialPortInfo) {
                name = info.name
                description = info.description
                transport = info.transport.rawValue
                usbID = info.usbID
                manufacturer = info.manufacturer
                product = info.product
                serialNumber = info.serialNumber
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(description, forKey: .description)
                try container.encode(transport, forKey: .transport)
                try container.encode(usbID, forKey: .usbID)
                try container.encode(manufacturer, forKey: .manufacturer)
                try container.encode(product, forKey: .product)
                try container.encode(serialNumber, forKey: .serialNumber)
            }

            private enum CodingKeys: String, CodingKey {
                case name, description, transport, usbID = "usb", manufacturer, product, serialNumber = "serial"
            }
        }

        func run() async throws {
            let ports: [Port]
            do {
                ports = try SerialPorts.list().map(Port.init)
            } catch {
                throw CLIError("cannot list serial ports: \(error)", exitCode: CLIExit.transport)
            }
            if output.json {
                try Console.json(ports)
                return
            }
            guard !ports.isEmpty else {
                Console.out("No serial ports found.")
                Console.out("A USB modem appears as /dev/ttyUSB* or /dev/ttyACM* once its driver is loaded;")
                Console.out("pseudo-terminals are not listed. To try ModemKit without hardware: modemkit demo")
                return
            }
            let header = ["PORT", "USB", "MANUFACTURER", "PRODUCT", "SERIAL", "DESCRIPTION"]
            let rows = ports.map { port in
                [port.name, port.usbID ?? "-", port.manufacturer ?? "-", port.product ?? "-", port.serialNumber ?? "-", port.description]
            }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                let cells = row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(widths[column])
                }
                Console.out(cells.joined(separator: "  "))
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemKitTestSupport
import ModemCore
import ModemTransport
import Testing

@Suite struct SerialTransportTests {
    @Test func missingDeviceIsNotFoundWithItsPath() {
        let path = "/dev/ttyMODEMKIT-does-not-exist"
        #expect(throws: TransportError.notFound(path)) { _ = try SerialTransport(path: path, baud: 115_200) }
        #expect(throws: TransportError.notFound(path)) { _ = try TermiosPort(path: path) }
    }

    @Test func danglingSymlinkIsNotFound() {
        let link = "/tmp/modemkit-test-dangling-\(getpid())"
        unlink(link)
        #expect(symlink("/dev/pts/999999", link) == 0)
        defer { unlink(link) }
        #expect(throws: TransportError.notFound(link)) { _ = try SerialTransport(path: link, baud: 115_200) }
    }

    @Test func aFileThatIsNotATerminalIsRefused() {
        #expect(throws: TransportError.invalidConfiguration("/dev/null is not a terminal")) {
            _ = try SerialTransport(path: "/dev/null", baud: 115_200)
        }
    }

    @Test(arguments: [
        SerialConfiguration(baud: 0),
        SerialConfiguration(baud: -9600),
        SerialConfiguration(dataBits: 9),
        SerialConfiguration(dataBits: 4),
    ])
    func invalidConfigurationsAreRefusedBeforeOpening(configuration: SerialConfiguration) {
        #expect(throws: TransportError.self) {
            _ = try SerialTransport(path: "/dev/ttyMODEMKIT-does-not-exist", configuration: configuration)
        }
        do {
            _ = try SerialTransport(path: "/dev/ttyMODEMKIT-does-not-exist", configuration: configuration)
        } catch {
            guard case .invalidConfiguration = error else {
                Issue.record("expected invalidConfiguration, got \(error)")
                return
            }
        }
    }

    @Test func termiosRefusesASpeedWithoutAConstant() throws {
        let pty = try PseudoTerminalPair()
        #expect(throws: TransportError.self) { _ = try TermiosPort(path: pty.slavePath, configuration: SerialConfiguration(baud: 123_456)) }
        do {
            _ = try SerialTransport(path: pty.slavePath, baud: 123_456)
            Issue.record("expected an error")
        } catch {
            guard case .invalidConfiguration(let message) = error else {
                Issue.record("expected invalidConfiguration, got \(error)")
                return
            }
            #expect(message.contains("123456"))
        }
    }

    @Test(arguments: [
        SerialConfiguration(baud: 9600, dataBits: 7, parity: .even, stopBits: .two),
        SerialConfiguration(baud: 4_000_000, dataBits: 5, parity: .odd, flowControl: .rtsCts),
        SerialConfiguration(baud: 57_600, dataBits: 6, parity: .mark, flowControl: .xonXoff, dtr: false, rts: false),
        SerialConfiguration(baud: 300, parity: .space),
    ])
    func everyOptionIsAcceptedByTheTermiosPath(configuration: SerialConfiguration) async throws {
        let pty = try PseudoTerminalPair()
        let port = try TermiosPort(path: pty.slavePath, configuration: configuration)
        #expect(port.configuration == configuration)
        await port.close()
        await pty.close()
    }

    @Test func configurationDescribesItself() {
        #expect(SerialConfiguration().description == "115200 8N1")
        #expect(SerialConfiguration(baud: 9600, dataBits: 7, parity: .even, stopBits: .two, flowControl: .rtsCts).description == "9600 7E2 rtscts")
    }

    @Test func listingPortsDoesNotCrash() throws {
        let ports = try SerialPorts.list()
        for port in ports {
            #expect(!port.name.isEmpty)
            if port.transport != .usb {
                #expect(port.usbVendorID == nil)
            }
        }
    }

    /// Opens a real port through libserialport when one is named in
    /// `MODEMKIT_TEST_SERIAL_PORT` (e.g. `/dev/ttyS0`; nothing is written to it).
    @Test(.enabled(if: getenv("MODEMKIT_TEST_SERIAL_PORT") != nil))
    func realPortOpensThroughLibserialportAndCloseUnblocksARead() async throws {
        let path = String(cString: getenv("MODEMKIT_TEST_SERIAL_PORT"))
        let port = try SerialTransport(path: path, baud: 115_200)
        #expect(port.backend == .libserialport)
        let reader = Task { await transportError { _ = try await port.read() } }
        await Task.yield()
        await port.close()
        #expect(try await bounded { await reader.value } == .closed)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ATCodec
import ModemKit
import ModemTransport
import VirtualModem
import VirtualModemHost

/// Usage: QuickStart /dev/ttyUSB2     talk to a real modem's AT port
///        QuickStart --demo           talk to the built-in virtual modem on a pseudo-terminal
@main
struct QuickStart {
    static func main() async {
        let argument = CommandLine.arguments.dropFirst().first ?? "--demo"
        do {
            if argument == "--demo" {
                // A virtual Quectel BG96 on the master side of a pseudo-terminal; its sockets
                // would reach real servers on loopback.
                let pty = try PseudoTerminalPair()
                // It booted long before this program opened the port: no boot URCs for it to see.
                var profile = VirtualModemProfile.quectelBG96
                profile.timing.bootTime = .milliseconds(1)
                profile.timing.simBusyTime = .milliseconds(1)
                profile.timing.searchDelay = .milliseconds(1)
                profile.timing.registrationDelay = .milliseconds(5)
                profile.bootURCs = []
                profile.simReadyURCs = []
                let modem = VirtualModemRunner(
                    modem: VirtualModem(configuration: .init(profile: profile)), transport: pty, sockets: SocketBridge.loopback
                )
                await modem.start()
                do {
                    try await talk(to: pty.slavePath)
                } catch {
                    await modem.stop()
                    throw error
                }
                await modem.stop()
            } else {
                try await talk(to: argument)
            }
        } catch {
            print("QuickStart: \(error)")
            exit(1)
        }
    }

    static func talk(to path: String) async throws {
        // 1. Open the serial port and create the client (it owns the port from now on).
        let port = try SerialTransport(path: path, baud: 115_200)
        let client = ATClient(transport: port)

        // 2. Subscribe to URCs before sending anything, so none is missed.
        let urcs = Task {
            for await urc in client.urcs(named: ["+CREG", "+CMTI"]) {
                print("URC           \(urc.line)")
            }
        }

        // 3. Typed commands, typed answers.
        let quality = try await client.send(CSQ.Execute())
        print("Signal        \(quality.rssiDBm.map { "\($0) dBm" } ?? "unknown")")
        let manufacturer = try await client.send(CGMI.Execute())
        print("Manufacturer  \(manufacturer)")
        do {
            let registration = try await client.send(CREG.Read())
            print("Registered    \(registration.status.isRegistered)")
        } catch {
            // A modem error arrives typed: +CME ERROR: 10 is `.simNotInserted`.
            print("CREG failed   \(error) (\(error.cmeError.map { "\($0)" } ?? "no +CME code"))")
        }

        // 4. Close: pending commands fail, URC streams end.
        await client.close()
        await urcs.value
    }
}

import Foundation
import ModemKitTestSupport
import Testing

/// `modemkit connect` as a process against the virtual modem on a pty: baud detection (the
/// modem's UART at 9600, the CLI at 115200) and manual operator selection.
@Suite(.serialized) struct CLIBaudAndOperatorTests {
    @Test("--detect-baud finds a modem at 9600 and connects")
    func detects() async throws {
        let modem = try await ModemOnPTY.start { $0.baudRate = 9600 }
        let result = try await ModemkitProcess.run([
            "connect", "--device", modem.path, "--baud", "115200", "--detect-baud", "--baud-candidates", "57600,9600",
            "--once", "--timeout", "30",
        ])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("state: detecting baud: 57600 bit/s (attempt 1)\n"))
        #expect(result.stdout.contains("baud: detected 9600 bit/s\n"))
        #expect(result.stdout.split(separator: "\n").last?.hasPrefix("state: connected 10.") == true, "\(result.stdout)")
    }

    @Test("without --detect-baud, a modem at 9600 is a clear failure naming 115200 (exit 3 at --timeout)")
    func noDetection() async throws {
        let modem = try await ModemOnPTY.start { $0.baudRate = 9600 }
        // The lifecycle keeps probing (with backoff) until --timeout, then the probe's reason is the error.
        let result = try await ModemkitProcess.run(["connect", "--device", modem.path, "--once", "--timeout", "12"])
        await modem.stop()
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("the modem did not answer AT at 115200 bit/s"), "\(result.stderr)")
        #expect(result.stderr.contains("--detect-baud"))
    }

    @Test("--operator selects the network; a refused one is printed with its code and meaning")
    func selection() async throws {
        let modem = try await ModemOnPTY.start()
        let chosen = try await ModemkitProcess.run(["connect", "--device", modem.path, "--operator", "00102", "--once", "--timeout", "30"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("state: selecting operator: AT+COPS=1,2,\"00102\"\n"))
        let refused = try await ModemkitProcess.run(["status", "--device", modem.path, "--operator", "26201", "--timeout", "3"])
        #expect(refused.status == 3)
        #expect(refused.stdout.contains("operator refused: AT+COPS=1,2,\"26201\" refused: +CME ERROR: 30 (no network service)"), "\(refused.stdout)")
        let fallback = try await ModemkitProcess.run([
            "connect", "--device", modem.path, "--operator", "00103", "--operator-fallback", "--once", "--timeout", "30",
        ])
        await modem.stop()
        #expect(fallback.status == 0, "\(fallback.stderr)")
        #expect(fallback.stdout.contains("+CME ERROR: 32"))
        #expect(fallback.stdout.contains("state: selecting operator: AT+COPS=0\n"))
    }

    @Test("a PLMN that is not 5 or 6 digits, and option misuse, are usage errors", arguments: [
        ["--operator", "2620"], ["--operator", "26201\""], ["--operator", "abcde"], ["--operator-fallback"],
        ["--fix-baud"], ["--detect-baud", "--baud-candidates", "9600,x"],
    ])
    func usage(arguments: [String]) async throws {
        let result = try await ModemkitProcess.run(["connect", "--sim", "generic", "--once"] + arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

import Foundation
import ModemKitTestSupport
import Testing

/// `modemkit psm set|show|off` as processes against in-process virtual modems.
@Suite(.serialized) struct CLIPSMTests {
    @Test("psm set prints requested and granted timers decoded")
    func set() async throws {
        let result = try await ModemkitProcess.run(["psm", "set", "--tau", "1h", "--active", "10s", "--sim", "quectel-bg96", "--timeout", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            requested: periodic TAU 1 h (00000110), active time 10 s (00000101)
            granted: periodic TAU 1 h (00000110), active time 10 s (00000101)

            """)
    }

    @Test("psm set --json: a TAU no unit holds is rounded up (45 min → 50 min), eDRX requested")
    func setJSON() async throws {
        let result = try await ModemkitProcess.run(["psm", "set", "--tau", "45m", "--active", "2m", "--edrx", "80", "--sim", "ublox-sara-r4", "--json", "--timeout", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        struct Timer: Decodable, Equatable { var bits: String; var seconds: Int? }
        struct Timers: Decodable { var periodicTAU: Timer; var activeTime: Timer }
        struct Report: Decodable { var requested: Timers; var granted: Timers; var edrx: String }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.requested.periodicTAU == Timer(bits: "00000101", seconds: 3000))
        #expect(report.requested.activeTime == Timer(bits: "00100010", seconds: 120))
        #expect(report.granted.periodicTAU == report.requested.periodicTAU)
        #expect(report.edrx == "0101")
    }

    @Test("a modem without PSM refuses: exit 1 with the command and the error")
    func refused() async throws {
        let result = try await ModemkitProcess.run(["psm", "set", "--tau", "1h", "--active", "10s", "--sim", "simcom-sim7600", "--timeout", "20"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("AT+CPSMS=1,,,\"00000110\",\"00000101\""), "\(result.stderr)")
    }

    @Test("psm show and psm off")
    func showAndOff() async throws {
        let show = try await ModemkitProcess.run(["psm", "show", "--sim", "quectel-bg96"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("requested: PSM off\n"))
        let off = try await ModemkitProcess.run(["psm", "off", "--sim", "quectel-bg96"])
        #expect(off.status == 0)
        #expect(off.stdout == "PSM off\n")
    }

    @Test("durations that are not durations, or do not fit, are usage errors", arguments: [
        ["--tau", "1x", "--active", "10s"], ["--tau", "1h", "--active", "4h"], ["--tau", "-1h", "--active", "10s"],
        ["--tau", "1h"], ["--tau", "1h", "--active", "10s", "--edrx", "0"],
    ])
    func badInput(arguments: [String]) async throws {
        let result = try await ModemkitProcess.run(["psm", "set", "--sim", "generic"] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}

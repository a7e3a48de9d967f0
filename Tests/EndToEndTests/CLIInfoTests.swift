import Foundation
import ModemKitTestSupport
import Testing
import VirtualModem

/// `modemkit info` run as a process against the demo modem.
@Suite struct CLIInfoTests {
    struct Info: Decodable {
        struct Signal: Decodable {
            var rssi: Int?
            var dbm: Int?
        }

        struct Registration: Decodable {
            var status: Int
            var registered: Bool
        }

        var manufacturer: String?
        var model: String?
        var firmware: String?
        var imei: String?
        var imsi: String?
        var iccid: String?
        var sim: String?
        var signal: Signal?
        var registration: [String: Registration?]
        var unavailable: [String: String]
    }

    @Test func everyItemAsJSON() async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(["info", "--device", modem.path, "--json"])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let info = try result.json(Info.self)
        #expect(info.manufacturer == "ModemKit")
        #expect(info.model == "Virtual LTE")
        #expect(info.firmware == "VM 1.0")
        #expect(info.imei == "356938035643809")
        #expect(info.imsi == "001010123456789")
        #expect(info.iccid == "8988211000000123456")
        #expect(info.sim == "READY")
        #expect(info.registration.keys.sorted() == ["cereg", "cgreg", "creg"])
        #expect(info.unavailable.isEmpty)
    }

    @Test func missingSIMMakesItemsUnavailableWithoutAborting() async throws {
        let modem = try await ModemOnPTY.start { $0.sim.present = false }
        // Verbose errors first (a separate run: the modem keeps the setting).
        _ = try await ModemkitProcess.run(["at", "--device", modem.path, "AT+CMEE=2"])
        let result = try await ModemkitProcess.run(["info", "--device", modem.path, "--json"])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let info = try result.json(Info.self)
        #expect(info.manufacturer == "ModemKit")
        #expect(info.imei == "356938035643809")
        #expect(info.imsi == nil)
        #expect(info.iccid == nil)
        #expect(info.sim == nil)
        #expect(info.unavailable["imsi"] == "+CME ERROR: 10 (SIM not inserted)")
        #expect(info.unavailable["iccid"] == "+CME ERROR: 10 (SIM not inserted)")
        #expect(info.unavailable["sim"] == "+CME ERROR: 10 (SIM not inserted)")
        #expect(info.registration["creg"]??.registered == false)
    }

    @Test func humanReportNamesTheReason() async throws {
        let modem = try await ModemOnPTY.start { $0.sim.present = false }
        _ = try await ModemkitProcess.run(["at", "--device", modem.path, "AT+CMEE=1"])
        let result = try await ModemkitProcess.run(["info", "--device", modem.path])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Manufacturer  ModemKit\n"))
        #expect(result.stdout.contains("IMSI          unavailable: +CME ERROR: 10 (SIM not inserted)\n"))
    }
}

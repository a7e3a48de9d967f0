import Foundation
import Testing
import VirtualModem
import VirtualModemHost

/// smstools3's smsd (Debian's `smstools` package) against the virtual modem on a pseudo-terminal,
/// with a generated configuration and spool folders in a temporary folder. smsd sends compound
/// lines (`AT+CMEE=1;+CREG=2`), checks storage with `+CPMS?`, reads with `+CMGR` and deletes with
/// `+CMGD`. Skipped only when smsd is not installed.
@Suite("smsd against the virtual modem on a pty", .serialized, .enabled(if: ClientProgram.find("smsd") != nil, "smsd is not installed (apt-get install smstools)"))
struct SmsdTests {
    /// A running smsd with its spool.
    struct Daemon {
        let program: ClientProgram
        let folder: URL

        func spool(_ name: String) -> URL { folder.appendingPathComponent("spool").appendingPathComponent(name) }

        func files(_ name: String) -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(at: spool(name), includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") && !$0.lastPathComponent.hasPrefix("smsd_script") }
        }

        var log: String { (try? String(contentsOf: folder.appendingPathComponent("smsd.log"), encoding: .utf8)) ?? "" }

        /// Starts smsd on `modem` with `outgoing` messages already spooled (name → file content).
        static func start(on modem: VirtualModemOnPTY, outgoing: [String: String] = [:]) throws -> Daemon {
            let folder = try temporaryFolder("smsd")
            let spool = folder.appendingPathComponent("spool")
            for name in ["outgoing", "checked", "incoming", "failed", "sent"] {
                try FileManager.default.createDirectory(at: spool.appendingPathComponent(name), withIntermediateDirectories: true)
            }
            for (name, content) in outgoing {
                try content.write(to: spool.appendingPathComponent("outgoing").appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let configuration = folder.appendingPathComponent("smsd.conf")
            try """
            devices = GSM1
            outgoing = \(spool.appendingPathComponent("outgoing").path)
            checked = \(spool.appendingPathComponent("checked").path)
            incoming = \(spool.appendingPathComponent("incoming").path)
            failed = \(spool.appendingPathComponent("failed").path)
            sent = \(spool.appendingPathComponent("sent").path)
            logfile = \(folder.appendingPathComponent("smsd.log").path)
            loglevel = 7
            infofile = \(folder.appendingPathComponent("smsd.working").path)
            pidfile = \(folder.appendingPathComponent("smsd.pid").path)
            stats =
            delaytime = 1
            errorsleeptime = 1

            [GSM1]
            device = \(modem.path)
            baudrate = 115200
            incoming = yes

            """.write(to: configuration, atomically: true, encoding: .utf8)
            let smsd = try #require(ClientProgram.find("smsd"))
            return Daemon(program: try ClientProgram(smsd, ["-c", configuration.path, "-t"], directory: folder, ownGroup: true), folder: folder)
        }

        func stop() async {
            await program.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test("sends a spooled message: +CMGS in PDU mode, the file moves to sent/")
    func sendSpooled() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        let daemon = try Daemon.start(on: modem, outgoing: ["greeting": "To: 447700900123\n\nHello from smsd\n"])
        let sent = await modem.waitUntil(within: 45) { daemon.files("sent").count == 1 }
        let messages = await modem.runner.snapshot.sentMessages
        let log = daemon.log
        await daemon.stop()
        await modem.stop()
        #expect(sent, "smsd log:\n\(log.suffix(4000))")
        #expect(messages == [SentSMS(reference: 0, destination: "+447700900123", text: "Hello from smsd")])
        #expect(log.contains("-> AT+CMEE=1;+CREG=2"))  // a compound line
    }

    @Test("receives stored messages, joins a long one that arrived out of order, deletes them from the SIM")
    func receiveStored() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "hello from the network"))
        await modem.runner.inject(.incomingSMS(from: "+447700900124", text: String(repeating: "long message part ", count: 12), parts: [2, 1]))
        let daemon = try Daemon.start(on: modem)
        let received = await modem.waitUntil(within: 45) {
            let stored = await modem.runner.snapshot.status.storedMessages
            return daemon.files("incoming").count == 2 && stored == 0
        }
        let contents = daemon.files("incoming").compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        let log = daemon.log
        await daemon.stop()
        await modem.stop()
        #expect(received, "smsd log:\n\(log.suffix(4000))")
        #expect(contents.contains { $0.contains("From: 447700900123") && $0.hasSuffix("\n\nhello from the network") })
        #expect(contents.contains { $0.contains("From: 447700900124") && $0.contains(String(repeating: "long message part ", count: 12)) })
    }
}

import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// The runner on an in-memory pair with a test clock: time only moves when the test moves it.
@Suite("Virtual modem runner")
struct RunnerTests {
    func read(_ transport: InMemoryTransport, until suffix: String) async throws -> String {
        try await bounded {
            var text = ""
            while !text.hasSuffix(suffix) { text += String(decoding: try await transport.read(), as: UTF8.self) }
            return text
        }
    }

    /// Boots the generic modem and lets it register, moving the clock timer by timer.
    func booted() async throws -> (VirtualModemRunner, InMemoryTransport, ManualClock) {
        let clock = ManualClock()
        let (modemEnd, host) = InMemoryTransport.pair()
        let runner = VirtualModemRunner(modem: VirtualModem(), transport: modemEnd, clock: clock)
        await runner.start()
        // Boot, SIM ready, searching, registered: each a timer the runner sleeps on.
        // The last timer leaves no sleeper behind, so the loop looks at both.
        while await runner.snapshot.status.registration != 1 {
            if clock.sleeperCount > 0 { clock.advance(by: .milliseconds(100)) } else { await Task.yield() }
        }
        _ = try await read(host, until: "+CPIN: READY\r\n")
        return (runner, host, clock)
    }

    @Test("boot URCs come when the clock says so; commands are answered")
    func bootAndAnswer() async throws {
        let (runner, host, _) = try await booted()
        try await host.write(Array("ATE0;+CREG?\r".utf8))
        let answer = try await read(host, until: "OK\r\n")
        #expect(answer == "ATE0;+CREG?\r\r\n+CREG: 0,1\r\n\r\nOK\r\n")
        await runner.stop()
    }

    @Test("an emulated baud rate paces both directions")
    func baudPacing() async throws {
        let (runner, host, clock) = try await booted()
        var plan = FaultPlan()
        plan.baudRate = 9600  // 960 bytes per second
        await runner.setFaults(plan)
        try await host.write(Array("AT\r".utf8))
        // 3 bytes take 3.125 ms on the line: the modem has not read them after 3 ms.
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(3))
        #expect(await runner.snapshot.statistics.bytesIn == 0)
        clock.advance(by: .milliseconds(1))
        // The 9-byte answer takes 9.375 ms to leave.
        await clock.waitForSleepers(1)
        #expect(await runner.snapshot.statistics.bytesIn == 3)
        clock.advance(by: .milliseconds(10))
        #expect(try await read(host, until: "OK\r\n") == "AT\r\r\nOK\r\n")
        await runner.stop()
    }

    @Test("injected events reach the line")
    func injection() async throws {
        let (runner, host, _) = try await booted()
        try await host.write(Array("ATE0;+CREG=1\r".utf8))
        _ = try await read(host, until: "OK\r\n")
        await runner.inject(.registrationLost(recoverAfter: nil))
        #expect(try await read(host, until: "\r\n") == "\r\n+CREG: 2\r\n")
        await runner.inject(.urcStorm(urc: "+CSQ: 1,99", count: 2))
        #expect(try await read(host, until: "+CSQ: 1,99\r\n\r\n+CSQ: 1,99\r\n").hasSuffix("+CSQ: 1,99\r\n"))
        await runner.stop()
    }
}

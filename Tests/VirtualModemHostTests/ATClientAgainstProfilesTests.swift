import ModemKitTestSupport
import ATCodec
import ModemDialects
import ModemKit
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: ModemKit's own engine (``ATClient`` over the real serial transport) against the
/// virtual modem of every profile, through a real pseudo-terminal.
@Suite("ATClient against every virtual modem profile over a pty")
struct ATClientAgainstProfilesTests {
    static let profiles = VirtualModemProfile.builtIn.map(\.name)

    func connect(_ profile: VirtualModemProfile, sim: SIMConfiguration = SIMConfiguration()) async throws -> (VirtualModemOnPTY, ATClient) {
        let modem = try await VirtualModemOnPTY.start(VirtualModemConfiguration(profile: profile, sim: sim))
        let serial = try SerialTransport(path: modem.path, baud: 115_200)
        let dialect = ModemDialect.named(profile.dialect.rawValue) ?? .generic
        let client = ATClient(transport: serial, configuration: .init(urcs: dialect.urcs, dialectFinals: dialect.finals))
        // Poll AT until the modem has booted, as a host does after power-on.
        try await bounded {
            while true {
                do {
                    try await client.send(AT.Execute(), timeout: .milliseconds(200))
                    return
                } catch {
                    continue
                }
            }
        }
        return (modem, client)
    }

    /// Reads `+CPIN?` until the SIM has finished initialising (`+CME ERROR: 14` meanwhile).
    func waitForSIM(_ client: ATClient) async throws -> ATCodec.SIMState {
        try await bounded {
            while true {
                do {
                    return try await client.send(CPIN.Read())
                } catch let error as ATClientError {
                    // SIM busy, still booting, or the boot URCs cut the command short.
                    switch error {
                    case .timedOut, .modemRebooted: continue
                    default: if error.cmeError == .simBusy { continue } else { throw error }
                    }
                }
            }
        }
    }

    @Test("identity, SIM, registration by URC, signal, operator, PDP, errors", arguments: profiles)
    func lifecycle(profileName: String) async throws {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let (modem, client) = try await connect(profile)
        let registrations = client.urcs(named: ["+CREG"])
        try await client.send(Echo.Set(on: false))
        try await client.send(CMEE.Set(.verbose))
        #expect(try await client.send(CGMI.Execute()) == profile.manufacturer)
        #expect(try await client.send(CGMM.Execute()) == profile.model)
        #expect(try await client.send(CGSN.Execute()).description == profile.imei)
        #expect(try await waitForSIM(client) == .ready)
        // Enable the URC, then read: registration may already be done; if not, the URC says when.
        try await client.send(CREG.Set(mode: .location))
        var registered = try await client.send(CREG.Read())
        if !registered.status.isRegistered {
            registered = try await bounded {
                for await urc in registrations {
                    let registration = try CREG.Unsolicited.parse(urc.line)
                    if registration.status.isRegistered { return registration }
                }
                throw TimedOut(limit: .zero)
            }
        }
        #expect(registered.status == .home)
        #expect(registered.areaCode == "1A2B")
        let signal = try await client.send(CSQ.Execute())
        #expect(signal.rssi != nil)
        let selection = try await client.send(COPS.Read())
        #expect(selection.mode == .automatic)
        try await client.send(CGDCONT.Set(cid: 2, type: .ip, apn: "internet"))
        try await client.send(CGACT.Set(active: true, cids: [2]))
        let addresses = try await client.send(CGPADDR.Execute(cids: [2]))
        #expect(addresses.first?.addresses.first?.description.hasPrefix("10.") == true)
        await #expect {
            try await client.send(ATRawCommand("AT+QENG=\"servingcell\""))
        } throws: { error in
            (error as? ATClientError)?.cmeError == .operationNotSupported
        }
        await client.close()
        await modem.stop()
    }

    @Test("a reboot (AT+CFUN=1,1) is survived: boot URCs, then answers again", arguments: profiles)
    func reboot(profileName: String) async throws {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let (modem, client) = try await connect(profile)
        try await client.send(Echo.Set(on: false))
        try await client.send(CFUN.Set(level: .full, reset: true))
        // Poll as a host does until the modem has been through its reset and answers again
        // (u-blox prints nothing at boot, so the test asks the runner when the reset happened).
        // The timeouts leave room for a loaded machine: a command that times out while its answer
        // is merely late makes the engine resynchronise, and a late OK can then be taken for the
        // resync's, leaving the resync's own OK to end the next command early.
        try await bounded {
            while await modem.runner.snapshot.status.reboots == 0 {
                _ = try? await client.send(AT.Execute(), timeout: .seconds(1))
            }
            // The reset restored +CMEE=0; numeric errors tell "SIM busy" apart.
            while (try? await client.send(CMEE.Set(.numeric), timeout: .seconds(1))) == nil {}
        }
        #expect(try await waitForSIM(client) == .ready)
        #expect(try await client.send(CGMI.Execute()) == profile.manufacturer)
        await client.close()
        await modem.stop()
    }

    @Test("PIN entry through the engine")
    func pin() async throws {
        let (modem, client) = try await connect(.quectelBG96, sim: SIMConfiguration(pin: "1234"))
        try await client.send(CMEE.Set(.numeric))
        #expect(try await waitForSIM(client) == .simPIN)
        await #expect {
            try await client.send(CPIN.Enter(pin: "0000"))
        } throws: { error in
            (error as? ATClientError)?.cmeError == .incorrectPassword
        }
        try await client.send(CPIN.Enter(pin: "1234"))
        #expect(try await client.send(CPIN.Read()) == .ready)
        await client.close()
        await modem.stop()
    }
}

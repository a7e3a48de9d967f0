import ATCodec
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem

/// Layer 5: ``ATClient`` over the real ``SerialTransport`` (termios path) on a pty slave, the
/// virtual modem on the master.
@Suite struct ATClientOverSerialPTYTests {
    private func connect(
        _ configure: (inout VirtualModemConfiguration) -> Void = { _ in }
    ) async throws -> (ModemOnPTY, ATClient) {
        let modem = try await ModemOnPTY.start(configure)
        let serial = try SerialTransport(path: modem.path, baud: 115_200)
        #expect(serial.backend == .termios)
        return (modem, ATClient(transport: serial))
    }

    @Test func typedCommandsRoundTrip() async throws {
        let (modem, client) = try await connect()
        let first = try await client.send(CSQ.Execute())
        let second = try await client.send(CSQ.Execute())
        let sim = try await client.send(CPIN.Read())
        let operatorSelection = try await client.send(COPS.Read())
        await client.close()
        await modem.stop()
        #expect(first == CSQ.SignalQuality(rssi: 21, ber: nil))
        #expect(second.rssiDBm == -71)          // a fixed signal: the same on every query
        #expect(sim == .ready)
        #expect(operatorSelection.mode == .automatic)
    }

    @Test func echoOnAndOffLeavesAnswersIntact() async throws {
        let (modem, client) = try await connect()
        let echoed = try await client.send(ATRawCommand("AT+CGMI", prefixes: ["+CGMI:"]))
        _ = try await client.send(ATRawCommand("ATE0"))
        let quiet = try await client.send(ATRawCommand("AT+CGMI", prefixes: ["+CGMI:"]))
        await client.close()
        let received = await modem.receivedLines
        await modem.stop()
        #expect(echoed.lines == ["ModemKit"])
        #expect(quiet.lines == ["ModemKit"])
        #expect(received == ["AT+CGMI", "ATE0", "AT+CGMI"])
    }

    @Test(arguments: [1, 2])    // numeric and verbose +CME ERROR
    func unknownCommandFailsWithATypedCMEError(cmee: Int) async throws {
        let (modem, client) = try await connect()
        _ = try await client.send(ATRawCommand("AT+CMEE=\(cmee)"))
        await #expect {
            try await client.send(ATRawCommand("AT+QENG=\"servingcell\""))
        } throws: { error in
            guard let error = error as? ATClientError else { return false }
            return error.cmeError == .operationNotSupported
        }
        await client.close()
        await modem.stop()
    }

    @Test func plainErrorWithoutCMEE() async throws {
        let (modem, client) = try await connect()
        let command = try ATRawCommand("AT+NOPE")
        do {
            _ = try await client.send(command)
            Issue.record("AT+NOPE succeeded")
        } catch {
            if case .commandFailed(_, let final, _) = error { #expect(final == .error) } else { Issue.record("\(error)") }
        }
        await client.close()
        await modem.stop()
    }

    @Test func registrationAndNewMessageURCsArrive() async throws {
        let (modem, client) = try await connect()
        let registrations = client.urcs(named: ["+CREG"])
        let messages = client.urcs(named: ["+CMTI"])
        _ = try await client.send(ATRawCommand("AT+CREG=2"))
        _ = try await client.send(ATRawCommand("AT+CNMI=2,1"))
        // The network drops the modem and takes it back 50 ms later; then an SMS arrives.
        await modem.runner.inject(.registrationLost(recoverAfter: .milliseconds(50)))
        let registered = await first(of: registrations, within: 5) { urc in
            (try? CREG.Unsolicited.parse(urc.line))?.status == .home
        }
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "hello"))
        let message = await first(of: messages, within: 5)
        let state = try await client.send(CREG.Read())
        await client.close()
        await modem.stop()
        #expect(registered?.line == "+CREG: 1,\"1A2B\",\"01A2B3C4\",7")
        #expect(message?.line == "+CMTI: \"SM\",1")
        #expect(state.status == .home)
        #expect(state.reportingLevel == 2)
        #expect(state.cellID == "01A2B3C4")
    }

    @Test func sendingAfterCloseFails() async throws {
        let (modem, client) = try await connect()
        _ = try await client.send(ATRawCommand("AT"))
        await client.close()
        await #expect(throws: ATClientError.self) { try await client.send(ATRawCommand("AT")) }
        await modem.stop()
    }
}

import ModemCore
import ModemTransport
import Testing

/// Changing the line speed of an open port, and seeing it from the pty master.
@Suite("Line speed changes at runtime")
struct LineSpeedChangeTests {
    @Test("TermiosPort and SerialTransport switch speed while open; bytes still flow")
    func switchesWhileOpen() async throws {
        let pty = try PseudoTerminalPair()
        // One at a time: the slave has one set of settings, whoever opened it.
        let opens: [() throws -> any BaudRateAdjustable] = [
            { try TermiosPort(path: pty.slavePath, configuration: SerialConfiguration(baud: 115_200)) },
            { try SerialTransport(path: pty.slavePath, baud: 115_200) },
        ]
        for open in opens {
            let port = try open()
            #expect(port.baudRate == 115_200 && pty.peerBaudRate == 115_200)
            try await port.setBaudRate(9600)
            #expect(port.baudRate == 9600 && pty.peerBaudRate == 9600)
            try await port.write(Array("AT\r".utf8))
            #expect(try await pty.read() == Array("AT\r".utf8))
            await port.close()
        }
        await pty.close()
    }

    @Test("a speed termios has no constant for is refused and the old speed kept")
    func refusesOddSpeed() async throws {
        let pty = try PseudoTerminalPair()
        let port = try SerialTransport(path: pty.slavePath, baud: 57_600)
        await #expect(throws: TransportError.self) { try await port.setBaudRate(12_345) }
        #expect(port.baudRate == 57_600 && pty.peerBaudRate == 57_600)
        await port.close()
        await #expect(throws: TransportError.closed) { try await port.setBaudRate(9600) }
        await pty.close()
    }

    @Test("a recording forwards the change to a port, and refuses it over a transport without a speed")
    func recordingForwards() async throws {
        let pty = try PseudoTerminalPair()
        let recorded = RecordingTransport(wrapping: try SerialTransport(path: pty.slavePath, baud: 115_200), recorder: TraceRecorder())
        try await recorded.setBaudRate(19_200)
        #expect(recorded.baudRate == 19_200 && pty.peerBaudRate == 19_200)
        await recorded.close()
        await pty.close()

        let (a, b) = InMemoryTransport.pair()
        let memory = RecordingTransport(wrapping: a, recorder: TraceRecorder())
        #expect(memory.baudRate == 0)
        await #expect(throws: TransportError.self) { try await memory.setBaudRate(9600) }
        await memory.close()
        await b.close()
    }
}

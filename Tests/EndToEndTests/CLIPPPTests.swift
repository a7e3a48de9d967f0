import Foundation
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// `modemkit ppp` as a process against a virtual modem on a pty: the pseudo-terminal it prints
/// carries data-mode bytes both ways (the virtual modem loops them back, standing in for the
/// network's PPP peer; pppd itself cannot run without /dev/ppp), and the bridge ends on
/// `NO CARRIER` or, on SIGINT, with `+++` and `ATH`.
@Suite(.serialized) struct CLIPPPTests {
    /// A running `modemkit ppp` with its stdout as lines.
    struct Running {
        let process: Process
        let lines: AsyncStream<String>
        /// Finishes when the process has exited.
        let exited: AsyncStream<Void>

        static func start(_ arguments: [String]) throws -> Running {
            let process = Process()
            process.executableURL = ModemkitProcess.binary
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            let (lines, continuation) = AsyncStream<String>.makeStream()
            let pending = Pending()
            out.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    continuation.finish()
                    return
                }
                for line in pending.append(data) { continuation.yield(line) }
            }
            let (exited, exit) = AsyncStream<Void>.makeStream()
            process.terminationHandler = { _ in exit.finish() }
            try process.run()
            return Running(process: process, lines: lines, exited: exited)
        }

        /// The first line starting with `prefix`, without it.
        func line(startingWith prefix: String) async throws -> String {
            let lines = self.lines
            return try await bounded(.seconds(30)) {
                for await line in lines where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
                throw TimedOut(limit: .zero)
            }
        }

        func exitStatus() async throws -> Int32 {
            let process = self.process, exited = self.exited
            return try await bounded(.seconds(30)) {
                for await _ in exited {}   // the termination handler ends it
                return process.terminationStatus
            }
        }
    }

    /// Splits stdout into lines across reads.
    final class Pending: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer = Data()

        func append(_ data: Data) -> [String] {
            lock.lock()
            defer { lock.unlock() }
            buffer.append(data)
            var lines: [String] = []
            while let newline = buffer.firstIndex(of: 0x0A) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer = Data(buffer[buffer.index(after: newline)...])
            }
            return lines
        }
    }

    /// Writes `bytes` to the pty and reads until as many came back.
    static func roundTrip(_ bytes: [UInt8], through pty: SerialTransport) async throws -> [UInt8] {
        try await pty.write(bytes)
        return try await bounded(.seconds(10)) {
            var back: [UInt8] = []
            while back.count < bytes.count { back += try await pty.read() }
            return back
        }
    }

    static let frame: [UInt8] = [0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x0A, 0x0D, 0x0A, 0x4F, 0x4B, 0x7E]

    @Test("bytes pass both ways in data mode; the network dropping the context ends it with NO CARRIER")
    func noCarrier() async throws {
        let vm = try await ModemOnPTY.start()
        let running = try Running.start(["ppp", "--device", vm.path, "--apn", "internet", "--timeout", "20"])
        let path = try await running.line(startingWith: "pty: ")
        let pty = try SerialTransport(path: path)
        #expect(try await Self.roundTrip(Self.frame, through: pty) == Self.frame)
        let large = (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(try await Self.roundTrip(large, through: pty) == large)
        await vm.runner.inject(.pdpDeactivated(cid: 1))
        #expect(try await running.line(startingWith: "ended: ") == "NO CARRIER")
        #expect(try await running.exitStatus() == 0)
        await pty.close()
        #expect(await vm.receivedLines.contains("ATD*99***1#"))
        await vm.runner.stop()
    }

    @Test("SIGINT escapes with +++ between guard times and hangs up with ATH")
    func interrupted() async throws {
        let vm = try await ModemOnPTY.start()
        let running = try Running.start(["ppp", "--device", vm.path, "--timeout", "20"])
        let path = try await running.line(startingWith: "pty: ")
        let pty = try SerialTransport(path: path)
        #expect(try await Self.roundTrip(Array("hello".utf8), through: pty) == Array("hello".utf8))
        running.process.interrupt()
        #expect(try await running.line(startingWith: "ended: ") == "hung up")
        #expect(try await running.exitStatus() == 0)
        await pty.close()
        let input = String(decoding: await vm.runner.recentInput, as: UTF8.self)
        #expect(input.hasSuffix("hello+++ATH\r"), "\(input.suffix(40))")
        await vm.runner.stop()
    }
}

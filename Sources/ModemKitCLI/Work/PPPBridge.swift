import ATCodec
import Foundation
import ModemCore
import ModemKit
import ModemTransport

/// The work of `modemkit ppp`: dial, then copy bytes between the modem's data mode and a
/// pseudo-terminal until `NO CARRIER` or a stop (Ctrl-C), which escapes and hangs up.
enum PPPBridge {
    /// `\r\nNO CARRIER\r\n`: the modem left data mode (V.250 result code 3).
    static let noCarrier = Array("\r\nNO CARRIER\r\n".utf8)

    /// - Returns: how the call ended: `NO CARRIER` or `hung up`.
    static func run(client: ATClient, session: DataSessionSettings) async throws(CLIError) -> String {
        do {
            let define = try CGDCONT.Set(cid: session.cid, type: session.type, apn: session.apn)
            do {
                try await client.send(define)
            } catch .commandFailed(_, .cmeError(.operationNotAllowed), _) {
                // LTE brought its default bearer up on this cid at attach: take it down, define again.
                try await client.send(CGACT.Set(active: false, cids: [session.cid]))
                try await client.send(define)
            }
        } catch {
            throw CLIError("defining context \(session.cid): \(error)", exitCode: CLIExit.modemError)
        }
        let dial = "ATD*99***\(session.cid)#"
        let data = client.dataReceived()
        do {
            let response = try await client.execute(ATCommandContext(echo: dial, entersDataMode: true), timeout: .seconds(60))
            guard case .connect = response.final else { throw CLIError("\(dial): \(response.final)", exitCode: CLIExit.modemError) }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(dial): \(error)", exitCode: CLIExit.modemError)
        }
        let pty: PseudoTerminalPair
        do {
            pty = try PseudoTerminalPair()
        } catch {
            throw CLIError("cannot open a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
        }
        Console.out("pty: \(pty.slavePath)")
        let stop = AsyncStream<Void>.makeStream()
        let signals = SignalStop { stop.continuation.yield() }
        let ended = await withTaskGroup(of: String.self) { group in
            group.addTask {
                // Modem → pty, watching for NO CARRIER (possibly split across chunks).
                var tail: [UInt8] = []
                for await chunk in data {
                    let window = tail + chunk
                    if let range = window.firstRange(of: noCarrier) {
                        let before = Array(window[..<range.lowerBound].dropFirst(tail.count))
                        if !before.isEmpty { try? await pty.write(before) }
                        return "NO CARRIER"
                    }
                    let keep = heldBack(window)
                    let safe = Array(window.dropLast(keep).dropFirst(tail.count))
                    if !safe.isEmpty { try? await pty.write(safe) }
                    tail = Array(window.suffix(keep))
                }
                return "the connection closed"
            }
            group.addTask {
                // pty → modem.
                while let bytes = try? await pty.read() { await client.writeData(bytes) }
                return "the pseudo-terminal closed"
            }
            group.addTask {
                for await _ in stop.stream { return "stopped" }
                return "stopped"
            }
            let first = await group.next() ?? "stopped"
            group.cancelAll()
            return first
        }
        signals.cancel()
        await pty.close()
        if ended == "NO CARRIER" {
            await client.leaveDataMode()
            return ended
        }
        return await hangUp(client)
    }

    /// How many bytes at the end of `window` could start `NO CARRIER` and wait for the next
    /// chunk: the longest suffix that is a proper prefix of it.
    static func heldBack(_ window: [UInt8]) -> Int {
        for length in stride(from: min(window.count, noCarrier.count - 1), to: 0, by: -1)
        where window.suffix(length).elementsEqual(noCarrier.prefix(length)) {
            return length
        }
        return 0
    }

    /// `+++` between two guard times, then `ATH` (V.250 §6.3.7, S12 = 1 s).
    static func hangUp(_ client: ATClient) async -> String {
        try? await Task.sleep(for: .milliseconds(1100))
        await client.writeData(Array("+++".utf8))
        try? await Task.sleep(for: .milliseconds(1100))
        await client.leaveDataMode()
        _ = try? await client.execute(ATCommandContext(echo: "ATH"), timeout: .seconds(5))
        return "hung up"
    }
}

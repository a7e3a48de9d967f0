import Foundation
import ModemCore
import ModemKit

/// The work of `modemkit socket`: bring data up, open the socket, copy stdin to it and it to
/// stdout until the peer closes, or stdin has ended and nothing arrived for the linger time.
enum SocketCopy {
    struct Totals: Sendable {
        var sent = 0
        var received = 0
        var seconds = 0.0
    }

    /// Starts `modem` and waits for its data session's addresses.
    static func dataUp(_ modem: Modem, timeout: Duration) async throws(CLIError) {
        let status = modem.status()
        await modem.start()
        let outcome = await withTaskGroup(of: CLIError?.self) { group in
            group.addTask {
                for await event in status {
                    switch event {
                    case .addressesAssigned: return nil
                    case .stateChanged(.simLocked(let problem)):
                        return CLIError("SIM locked: \(ConnectRun.describe(problem))", exitCode: CLIExit.modemError)
                    default: continue
                    }
                }
                return CLIError("the modem stopped before data came up", exitCode: CLIExit.transport)
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return CLIError("no data session within \(describeSeconds(timeout))", exitCode: CLIExit.noAnswer)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let outcome { throw outcome }
    }

    static func run(modem: Modem, session: DataSessionSettings, address: SocketAddress, linger: Duration) async throws(CLIError) -> Totals {
        let socket: ModemSocket
        do {
            let sockets = try await ModemSockets.service(for: modem, session: session)
            socket = address.kind == .tcp
                ? try await sockets.connect(host: address.host, port: address.port)
                : try await sockets.connectUDP(host: address.host, port: address.port)
        } catch {
            throw CLIError("cannot open \(address.kind)://\(address.host):\(address.port): \(error)", exitCode: CLIExit.modemError)
        }
        let start = ContinuousClock.now
        let activity = Activity()
        let (input, taken) = standardInput()
        let failure = await withTaskGroup(of: CLIError?.self) { group in
            group.addTask {
                for await chunk in input {
                    taken.signal()
                    do {
                        try await socket.send(chunk)
                    } catch {
                        return CLIError("send failed: \(error)", exitCode: CLIExit.modemError)
                    }
                    await activity.sent(chunk.count)
                }
                // stdin ended: wait until nothing has arrived for the linger time.
                while !Task.isCancelled {
                    let idle = await activity.idle
                    if idle >= linger { break }
                    try? await Task.sleep(for: linger - idle)
                }
                return nil
            }
            group.addTask {
                for await chunk in socket.received {
                    FileHandle.standardOutput.write(Data(chunk))
                    await activity.received(chunk.count)
                }
                return nil   // the peer closed
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await socket.close()
        if let failure { throw failure }
        let elapsed = start.duration(to: .now)
        var totals = await activity.totals
        totals.seconds = ((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000).rounded() / 1000
        return totals
    }

    /// Counts bytes and remembers when data last went out or arrived.
    actor Activity {
        private(set) var totals = Totals()
        private var last = ContinuousClock.now

        /// Sending counts as activity: the linger time runs from the last send or arrival,
        /// whichever is later, so a long send with nothing echoed yet is not cut off at once.
        func sent(_ count: Int) {
            totals.sent += count
            last = .now
        }

        func received(_ count: Int) {
            totals.received += count
            last = .now
        }

        var idle: Duration { last.duration(to: .now) }
    }

    /// A counting gate between the stdin thread and the copy task. (A `DispatchSemaphore`
    /// traps when released below its initial value, as it is when stdin outlives the copy.)
    final class Room: @unchecked Sendable {
        private let condition = NSCondition()
        private var free: Int

        init(_ free: Int) { self.free = free }

        func wait() {
            condition.lock()
            while free == 0 { condition.wait() }
            free -= 1
            condition.unlock()
        }

        func signal() {
            condition.lock()
            free += 1
            condition.signal()
            condition.unlock()
        }
    }

    /// Stdin in chunks as it is read, on a thread of its own (a blocking read must not hold one
    /// of the few threads Swift concurrency runs on); finishes at end of file. The reader stops
    /// while 16 chunks wait: the consumer signals the semaphore for each chunk it takes.
    static func standardInput() -> (AsyncStream<[UInt8]>, Room) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let room = Room(16)
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                room.wait()
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                continuation.yield(Array(buffer[0..<count]))
            }
            continuation.finish()
        }
        thread.start()
        return (stream, room)
    }
}

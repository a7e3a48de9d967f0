#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore
import ModemKitTestSupport
import ModemTransport
import Synchronization
import Testing

/// The transports' poll threads as task executors: a task that prefers one runs there, is
/// resumed there when its bytes arrive, and goes on elsewhere once the transport is closed.
@Suite struct TransportExecutorTests {
    /// The thread the caller runs on: its number and its name (poll threads are `modemkit-poll`).
    private static func currentThread() -> String {
        var name = [UInt8](repeating: 0, count: 64)
        #if canImport(Darwin)
        let number = UInt(bitPattern: pthread_self())
        _ = name.withUnsafeMutableBufferPointer { pthread_getname_np(pthread_self(), $0.baseAddress, $0.count) }
        #else
        let number = UInt(pthread_self())
        let fd = open("/proc/thread-self/comm", O_RDONLY)
        if fd >= 0 {
            _ = read(fd, &name, name.count)
            close(fd)
        }
        #endif
        let text = String(decoding: name.prefix { $0 != 0 && $0 != 10 }, as: UTF8.self)
        return "\(number) \(text)"
    }

    @Test func aTaskPreferringThePollThreadIsResumedOnItWhenBytesArrive() async throws {
        let pty = try PseudoTerminalPair()
        let port = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let executor = try #require(port.taskExecutor)
        let threads = try await bounded {
            try await withTaskExecutorPreference(executor) {
                var threads: [String] = [Self.currentThread()]
                for round in 0..<20 {
                    try await port.write(Array("AT\(round)\r".utf8))
                    let echo = try await readExactly(pty, "AT\(round)\r".utf8.count)
                    #expect(echo == Array("AT\(round)\r".utf8))
                    threads.append(Self.currentThread())
                    try await pty.write(Array("\r\nOK\r\n".utf8))
                    #expect(try await readExactly(port, 6) == Array("\r\nOK\r\n".utf8))
                    threads.append(Self.currentThread())
                }
                return threads
            }
        }
        #expect(Set(threads).count == 1, "every resumption ran on the same thread")
        #expect(threads.allSatisfy { $0.hasSuffix(" modemkit-poll") }, "the port's poll thread: \(Set(threads))")
        await port.close()
        await pty.close()
    }

    @Test func aTaskStartedOnAClosedTransportsExecutorStillRuns() async throws {
        let pty = try PseudoTerminalPair()
        let port = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let executor = try #require(port.taskExecutor)
        await port.close()
        await pty.close()
        // The poll thread has ended: the job goes to the global executor instead of waiting forever.
        let value = try await bounded {
            await Task(executorPreference: executor) { () async -> Int in
                await Task.yield()
                return 42
            }.value
        }
        #expect(value == 42)
    }

    @Test func aReadPendingOnThePollThreadEndsWhenTheTransportCloses() async throws {
        let pty = try PseudoTerminalPair()
        let port = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let executor = try #require(port.taskExecutor)
        let reader = Task(executorPreference: executor) { () async -> TransportError? in
            do throws(TransportError) {
                _ = try await port.read()
                return nil
            } catch {
                return error
            }
        }
        try await pty.write(Array("x".utf8))
        await port.close()
        let outcome = try await bounded { await reader.value }
        // The byte may or may not have been read before the close; a second read cannot succeed.
        if outcome == nil {
            await #expect(throws: TransportError.closed) { try await port.read() }
        } else {
            #expect(outcome == .closed)
        }
        await pty.close()
    }

    @Test func pseudoTerminalsOfferTheirPollThreadAndMemoryPipesNone() async throws {
        let pty = try PseudoTerminalPair()
        #expect(pty.taskExecutor != nil)
        let recording = RecordingTransport(wrapping: pty, recorder: TraceRecorder())
        #expect(recording.taskExecutor != nil, "a recording wrapper offers the wrapped transport's")
        let memory = InMemoryTransport.pair()
        #expect(memory.0.taskExecutor == nil, "an in-memory pipe has no thread of its own")
        await pty.close()
    }
}

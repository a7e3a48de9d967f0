#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore
import Synchronization

/// Nonblocking reads and writes on one file descriptor (tty, pty master, socket), with a
/// dedicated thread that waits in `poll` on behalf of suspended tasks.
///
/// - Reads and writes are attempted directly (the descriptor is `O_NONBLOCK`, so the syscall
///   returns at once); only when it would block does the task suspend until the poll thread
///   reports readiness. No cooperative-pool thread ever blocks in the kernel.
/// - The poll thread watches the descriptor only while a task waits on it, so a hung-up
///   descriptor (`POLLHUP` is reported whether asked for or not) cannot make it spin.
/// - ``close()`` marks the channel closed under the lock, resumes every waiter with `.closed`
///   and wakes the thread through a pipe; the thread then releases the descriptor. Syscalls on
///   the descriptor run under the same lock after checking `closed`, so a descriptor number
///   is never used after release (no fd-reuse race).
/// - The poll thread is also a `TaskExecutor`: jobs of a task that prefers it run there,
///   between polls. A task waiting on the descriptor is then resumed by the very thread the
///   kernel woke, with no hand-off to another thread (see `FileDescriptorChannel+Executor`).
final class FileDescriptorChannel: Sendable {
    /// How bytes are written: `send(MSG_NOSIGNAL)` for sockets so that a dead peer gives
    /// `EPIPE` rather than `SIGPIPE`, plain `write` otherwise.
    enum Kind: Sendable { case stream, socket }

    enum Interest: Sendable { case read, write }
    enum Readiness: Sendable { case ready(hangup: Bool), closed, cancelled }
    private enum Attempt: Sendable { case done(Int), wouldBlock, closed, failed(TransportError) }

    struct Waiter {
        let id: UInt64
        let interest: Interest
        let continuation: CheckedContinuation<Readiness, Never>
    }

    struct State {
        var fd: Int32
        var closed = false
        var inputEnded = false
        var outputBroken = false
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        var pollingRead = false
        var pollingWrite = false
        var threadFinished = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        /// The last read returned less than it could take: the next one waits before reading.
        var lastReadDrained = false
        /// Jobs of tasks that prefer this channel's thread, in the order they were enqueued.
        var jobs: [UnownedJob] = []
        /// The thread is in (or about to enter) `poll` and must be woken for a new job.
        var inPoll = false
        /// The poll thread, once it runs; jobs enqueued from it need no wake-up.
        var loopThread: pthread_t?
    }

    /// The poll threads' name, as `ps -L` and `perf` show it.
    static let threadName = "modemkit-poll"

    /// The most bytes one `read()` returns.
    static let readChunk = 16 * 1024

    let state: Mutex<State>
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let kind: Kind
    private let release: @Sendable (Int32) -> Void

    /// Takes ownership of `fd` (already open) only if it succeeds; `release` closes it later.
    init(fd: Int32, kind: Kind, release: @escaping @Sendable (Int32) -> Void = POSIX.closeDescriptor) throws(TransportError) {
        try POSIX.makeNonBlocking(fd)
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw POSIX.error("pipe") }
        do {
            try POSIX.makeNonBlocking(pipeEnds[0])
            try POSIX.makeNonBlocking(pipeEnds[1])
        } catch {
            POSIX.closeDescriptor(pipeEnds[0])
            POSIX.closeDescriptor(pipeEnds[1])
            throw error
        }
        self.state = Mutex(State(fd: fd))
        self.wakeRead = pipeEnds[0]
        self.wakeWrite = pipeEnds[1]
        self.kind = kind
        self.release = release
        do {
            try DedicatedThread.start(stackSize: 1 << 20, name: Self.threadName) { [self] in self.pollLoop() }
        } catch {
            POSIX.closeDescriptor(pipeEnds[0])
            POSIX.closeDescriptor(pipeEnds[1])
            throw error
        }
    }

    // MARK: - I/O

    /// Waits for and returns at least one byte; `.closed` at end of input or after close.
    ///
    /// After a read that left the kernel's buffer empty (it returned less than it could
    /// take), the next one waits for readiness before it reads, rather than spending a `read`
    /// on `EAGAIN` first: a reader that keeps up, as the AT engine's does, saves one syscall
    /// per chunk. Readiness is level-triggered, so bytes that came in meanwhile end the wait
    /// at once.
    func read() async throws(TransportError) -> [UInt8] {
        var hungUp = false
        var waitFirst = state.withLock { $0.lastReadDrained }
        while true {
            var bytes: [UInt8] = []
            let attempt = waitFirst ? .wouldBlock : withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.readChunk) { buffer in
                let result = attemptRead(into: buffer)
                if case .done(let count) = result {
                    bytes = Array(UnsafeBufferPointer(rebasing: buffer[0..<count]))
                }
                return result
            }
            waitFirst = false
            switch attempt {
            case .done: return bytes
            case .closed: throw .closed
            case .failed(let error): throw error
            case .wouldBlock:
                if hungUp {
                    // Hang-up reported but nothing readable: the far side is gone.
                    state.withLock { $0.inputEnded = true }
                    throw .closed
                }
                switch await waitFor(.read) {
                case .ready(let hangup): hungUp = hangup
                case .closed: throw .closed
                case .cancelled: throw POSIX.cancelled("read")
                }
            }
        }
    }

    /// Writes every byte, suspending while the kernel buffer is full.
    func write(_ bytes: [UInt8]) async throws(TransportError) {
        var offset = 0
        var hungUp = false
        while offset < bytes.count {
            let attempt = bytes.withUnsafeBufferPointer { buffer in
                attemptWrite(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[offset...])))
            }
            switch attempt {
            case .done(let count):
                offset += count
                hungUp = false
            case .closed: throw .closed
            case .failed(let error): throw error
            case .wouldBlock:
                if hungUp { throw .closed }
                switch await waitFor(.write) {
                case .ready(let hangup): hungUp = hangup
                case .closed: throw .closed
                case .cancelled: throw POSIX.cancelled("write")
                }
            }
        }
    }

    /// Runs `body` with the descriptor under the channel lock (for `ioctl`, `tcsetattr`);
    /// throws `.closed` once the channel is closed. `body` must not block.
    func withDescriptor<T>(_ body: (Int32) throws(TransportError) -> T) throws(TransportError) -> T {
        try state.withLock { (state: inout State) throws(TransportError) -> T in
            guard !state.closed else { throw .closed }
            return try body(state.fd)
        }
    }

    private func attemptRead(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Attempt {
        state.withLock { state in
            guard !state.closed, !state.inputEnded else { return .closed }
            while true {
                let count = systemRead(state.fd, buffer.baseAddress, buffer.count)
                if count > 0 {
                    state.lastReadDrained = count < buffer.count
                    return .done(count)
                }
                if count == 0 {
                    state.inputEnded = true
                    return .closed
                }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case EIO, ECONNRESET, ENOTCONN, EPIPE, ENXIO, ETIMEDOUT:
                    // A vanished device, a hung-up pty or a reset connection: end of input.
                    state.inputEnded = true
                    return .closed
                default: return .failed(POSIX.error("read"))
                }
            }
        }
    }

    private func attemptWrite(_ buffer: UnsafeRawBufferPointer) -> Attempt {
        state.withLock { state in
            guard !state.closed, !state.outputBroken else { return .closed }
            while true {
                let count: Int
                switch kind {
                case .stream: count = systemWrite(state.fd, buffer.baseAddress, buffer.count)
                case .socket: count = send(state.fd, buffer.baseAddress, buffer.count, POSIX.noSignal)
                }
                if count >= 0 { return .done(count) }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case EIO, ECONNRESET, ENOTCONN, EPIPE, ENXIO:
                    state.outputBroken = true
                    return .closed
                default: return .failed(POSIX.error("write"))
                }
            }
        }
    }

    // MARK: - Closing

    /// Closes without waiting for the descriptor to be released (used from `deinit`).
    func requestClose() {
        let waiters = state.withLock { state -> [Waiter] in
            guard !state.closed else { return [] }
            state.closed = true
            let waiters = state.waiters
            state.waiters = []
            wakeLocked(state)
            return waiters
        }
        for waiter in waiters { waiter.continuation.resume(returning: .closed) }
    }

    /// Closes and waits until the descriptor has been released. Idempotent.
    func close() async {
        requestClose()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                if state.threadFinished { return true }
                state.closeWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }

    // MARK: - Waiting

    private func waitFor(_ interest: Interest) async -> Readiness {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Readiness, Never>) in
                let immediate: Readiness? = state.withLock { state in
                    if state.closed { return .closed }
                    if Task.isCancelled { return .cancelled }
                    state.waiters.append(Waiter(id: id, interest: interest, continuation: continuation))
                    let polled = interest == .read ? state.pollingRead : state.pollingWrite
                    if !polled { wakeLocked(state) }
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: .cancelled)
        }
    }

    /// Wakes the poll thread; called with the lock held so the pipe is still open.
    func wakeLocked(_ state: borrowing State) {
        guard !state.threadFinished, !Self.isLoopThread(state) else { return }
        var byte: UInt8 = 1
        _ = systemWrite(wakeWrite, &byte, 1)
    }

    private func pollLoop() {
        state.withLock { $0.loopThread = pthread_self() }
        var descriptors = [pollfd(), pollfd()]
        while true {
            runJobs()
            let plan = state.withLock { state -> (fd: Int32, events: Int16, timeout: Int32)? in
                guard !state.closed else { return nil }
                state.pollingRead = state.waiters.contains { $0.interest == .read }
                state.pollingWrite = state.waiters.contains { $0.interest == .write }
                let events = (state.pollingRead ? Int16(POLLIN) : 0) | (state.pollingWrite ? Int16(POLLOUT) : 0)
                // A job enqueued from this thread since `runJobs`: look at the descriptor, do not wait.
                state.inPoll = state.jobs.isEmpty
                return (events == 0 ? -1 : state.fd, events, state.inPoll ? -1 : 0)
            }
            guard let plan else { break }
            descriptors[0] = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
            descriptors[1] = pollfd(fd: plan.fd, events: plan.events, revents: 0)
            let count = poll(&descriptors, 2, plan.timeout)
            state.withLock { $0.inPoll = false }
            if count < 0 { continue }  // EINTR (or ENOMEM): try again
            if descriptors[0].revents != 0 { drainWakePipe() }
            let revents = descriptors[1].revents
            guard plan.fd >= 0, revents != 0 else { continue }
            let failure = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
            let readable = revents & (Int16(POLLIN) | failure) != 0
            let writable = revents & (Int16(POLLOUT) | failure) != 0
            let ready = state.withLock { state -> [Waiter] in
                var ready: [Waiter] = []
                state.waiters.removeAll { waiter in
                    let isReady = waiter.interest == .read ? readable : writable
                    if isReady { ready.append(waiter) }
                    return isReady
                }
                return ready
            }
            let hangup = revents & failure != 0
            for waiter in ready { waiter.continuation.resume(returning: .ready(hangup: hangup)) }
        }
        let fd = state.withLock { $0.fd }
        release(fd)
        let (closeWaiters, leftJobs) = state.withLock { state in
            state.threadFinished = true
            state.fd = -1
            POSIX.closeDescriptor(wakeRead)
            POSIX.closeDescriptor(wakeWrite)
            let waiters = state.closeWaiters
            state.closeWaiters = []
            let jobs = state.jobs
            state.jobs = []
            return (waiters, jobs)
        }
        // Tasks that prefer this thread go on, on the global executor.
        for job in leftJobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        for waiter in closeWaiters { waiter.resume() }
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while systemRead(wakeRead, &scratch, scratch.count) > 0 {}
    }
}

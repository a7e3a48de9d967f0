import ModemCore
import VirtualModem

/// Many virtual modems in one process, each driven by its own built-in host through a
/// ``FleetWorkload``: a load generator for backends, and the benchmark of the simulator.
///
///     let fleet = VirtualModemFleet(count: 10_000, configuration: .init(profile: .quectelBG96),
///                                   workload: .connectAndSend(dialect: .quectel, port: sink.port),
///                                   sockets: { SocketBridge(onEvent: $0) })
///     let report = await fleet.run()       // every modem booted, registered, sent, closed
///
/// The modems are pure values in one array with one timer heap: no task, actor or buffer per
/// modem beyond its own state, so ten thousand fit in a few dozen megabytes. Socket I/O goes
/// through a ``SocketPerformer`` per modem; its events come back here.
public actor VirtualModemFleet {
    /// How a run went.
    public struct Report: Sendable, Codable, Equatable {
        public var count: Int
        public var completed: Int
        public var failed: Int
        /// The first few failures, each `modem N: step ...`.
        public var failures: [String]
        public var wallSeconds: Double
        /// AT command lines the hosts typed (retries included).
        public var commands: Int
        public var commandsPerSecond: Double
        public var bytesToModems: Int
        public var bytesFromModems: Int
    }

    private var modems: [VirtualModem]
    private var hosts: [FleetHost]
    private let workload: FleetWorkload
    private var performers: [(any SocketPerformer)?]
    /// Socket events of every modem from the performers' threads, in the order they happened.
    private nonisolated let socketInbox = OrderedInbox<(index: Int, event: SocketEvent)>()
    private let makeSockets: (@Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer)?
    private var heap = DeadlineHeap()
    private let elapsed: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void
    private var finished = 0
    private var failures: [String] = []
    private var failedCount = 0
    private var bytesIn = 0
    private var bytesOut = 0
    private var doneWaiter: CheckedContinuation<Void, Never>?
    private var timerTask: Task<Void, Never>?
    private var armedDeadline: Duration?

    public init<C: Clock>(
        count: Int,
        configuration: VirtualModemConfiguration,
        workload: FleetWorkload,
        clock: C = ContinuousClock(),
        sockets: (@Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer)? = nil
    ) where C.Duration == Duration {
        let table = HandlerTable(profile: configuration.profile)
        var modems: [VirtualModem] = []
        modems.reserveCapacity(count)
        for index in 0..<count {
            var modemConfiguration = configuration
            modemConfiguration.seed = configuration.seed &+ UInt64(index)
            modems.append(VirtualModem(configuration: modemConfiguration, handlers: table))
        }
        self.modems = modems
        self.hosts = Array(repeating: FleetHost(), count: count)
        self.performers = Array(repeating: nil, count: count)
        self.workload = workload
        self.makeSockets = sockets
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: start.advanced(by: $0), tolerance: nil) }
    }

    /// The modems' state now (for status and memory accounting).
    public var modemCount: Int { modems.count }

    public func status(_ index: Int) -> VirtualModemStatus? {
        modems.indices.contains(index) ? modems[index].status : nil
    }

    /// Runs every modem's workload to its end (done or failed) and reports.
    public func run() async -> Report {
        let started = elapsed()
        for index in modems.indices {
            if let makeSockets {
                performers[index] = makeSockets { [weak self] event in
                    guard let self else { return }
                    if self.socketInbox.push((index, event)) { Task { await self.pumpSocketEvents() } }
                }
            }
            let now = elapsed()
            deliver(index, modems[index].advance(to: now), at: now)
            let first = hosts[index].start(workload: workload, index: index, at: now)
            type(index, first, at: now)
            schedule(index)
        }
        armTimer()
        if finished < modems.count {
            await withCheckedContinuation { doneWaiter = $0 }
        }
        timerTask?.cancel()
        for performer in performers { await performer?.shutdown() }
        let wall = Double((elapsed() - started).components.attoseconds) / 1e18 + Double((elapsed() - started).components.seconds)
        let commands = hosts.reduce(0) { $0 + $1.commandsSent }
        return Report(
            count: modems.count, completed: modems.count - failedCount, failed: failedCount, failures: failures,
            wallSeconds: wall, commands: commands, commandsPerSecond: wall > 0 ? Double(commands) / wall : 0,
            bytesToModems: bytesIn, bytesFromModems: bytesOut
        )
    }

    // MARK: - Moving bytes between each modem and its host

    private func type(_ index: Int, _ bytes: [UInt8], at now: Duration) {
        guard !bytes.isEmpty else { return }
        bytesIn += bytes.count
        deliver(index, modems[index].receive(bytes, at: now), at: now)
    }

    private func deliver(_ index: Int, _ actions: [VirtualModem.Action], at now: Duration) {
        var output: [UInt8] = []
        for action in actions {
            switch action {
            case .write(let bytes):
                output += bytes
            case .socket(let request):
                if let performer = performers[index] {
                    performer.perform(request)
                } else if case .open(let id, _, _, _) = request {
                    deliver(index, modems[index].handle(.failed(id: id, reason: "no network"), at: now), at: now)
                }
            }
        }
        guard !output.isEmpty else { return }
        bytesOut += output.count
        let wasRunning = hosts[index].phase == .running
        let reply = hosts[index].received(output, workload: workload, index: index, at: now)
        if wasRunning && hosts[index].phase != .running { hostFinished(index) }
        type(index, reply, at: now)
    }

    private func hostFinished(_ index: Int) {
        finished += 1
        if case .failed(let reason) = hosts[index].phase {
            failedCount += 1
            if failures.count < 20 { failures.append("modem \(index): \(reason)") }
        }
        if finished == modems.count {
            doneWaiter?.resume()
            doneWaiter = nil
        }
    }

    /// Hands every queued socket event to its modem, oldest first, until the queue is empty.
    private func pumpSocketEvents() {
        while case let batch = socketInbox.take(), !batch.isEmpty {
            for (index, event) in batch { socketEvent(index, event) }
        }
    }

    private func socketEvent(_ index: Int, _ event: SocketEvent) {
        let now = elapsed()
        deliver(index, modems[index].handle(event, at: now), at: now)
        schedule(index)
        armTimer()
    }

    // MARK: - Time

    /// Puts the modem's next deadline (its own or its host's retry) on the heap.
    private func schedule(_ index: Int) {
        let modemDeadline = modems[index].nextDeadline
        let hostDeadline = hosts[index].nextDeadline
        let next = [modemDeadline, hostDeadline].compactMap { $0 }.min()
        if let next { heap.push(next, index) }
    }

    private func armTimer() {
        guard let next = heap.peek else { return }
        if let armed = armedDeadline, armed <= next, timerTask != nil { return }
        timerTask?.cancel()
        armedDeadline = next
        let sleepUntil = self.sleepUntil
        timerTask = Task { [weak self] in
            do { try await sleepUntil(next) } catch { return }
            await self?.fire()
        }
    }

    private func fire() {
        timerTask = nil
        armedDeadline = nil
        let now = elapsed()
        var touched: [Int] = []
        while let (_, index) = heap.popDue(upTo: now) {
            deliver(index, modems[index].advance(to: now), at: now)
            if hosts[index].phase == .running {
                let retry = hosts[index].timerFired(workload: workload, index: index, at: now)
                if hosts[index].phase != .running { hostFinished(index) }
                type(index, retry, at: now)
            }
            touched.append(index)
        }
        for index in touched { schedule(index) }
        armTimer()
    }
}

/// A binary min-heap of (deadline, modem index). Stale entries are harmless: firing a modem
/// early only advances it to the present, which does nothing if nothing is due.
struct DeadlineHeap: Sendable {
    private var items: [(Duration, Int)] = []

    var peek: Duration? { items.first?.0 }

    mutating func push(_ deadline: Duration, _ index: Int) {
        items.append((deadline, index))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popDue(upTo now: Duration) -> (Duration, Int)? {
        guard let first = items.first, first.0 <= now else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
                if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}

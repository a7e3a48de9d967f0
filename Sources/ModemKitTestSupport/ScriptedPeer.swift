import ModemCore

/// The far side of a transport, following a script: it expects exact writes and answers them,
/// and fails on anything it did not expect. Layer 4 of the test pyramid.
///
///     let (client, modem) = InMemoryTransport.pair()
///     let peer = ScriptedPeer(modem, [
///         .expect("AT+CSQ\r", reply: "\r\n+CSQ: 21,99\r\n\r\nOK\r\n"),
///         .send("\r\n+CMTI: \"SM\",3\r\n"),
///     ])
///     peer.start()
///     ... drive an ATClient over `client` ...
///     #expect(await peer.finish() == [])        // no unexpected writes, script done
public actor ScriptedPeer {
    /// One step of the script.
    public enum Step: Sendable {
        /// Wait for exactly these bytes from the client, then write the reply (in `chunks` pieces).
        case expect([UInt8], reply: [[UInt8]])
        /// Write these chunks now, unprompted (URCs, garbage).
        case send([[UInt8]])
        /// Wait for these bytes and answer nothing (a modem that stays silent).
        case swallow([UInt8])

        public static func expect(_ text: String, reply: String, chunking: Chunking = .whole) -> Step {
            .expect(Array(text.utf8), reply: chunking.split(Array(reply.utf8)))
        }

        public static func send(_ text: String, chunking: Chunking = .whole) -> Step {
            .send(chunking.split(Array(text.utf8)))
        }

        public static func swallow(_ text: String) -> Step {
            .swallow(Array(text.utf8))
        }
    }

    /// How a reply is cut into writes.
    public enum Chunking: Sendable {
        case whole
        case byteByByte
        case sizes([Int])

        func split(_ bytes: [UInt8]) -> [[UInt8]] {
            switch self {
            case .whole: return [bytes]
            case .byteByByte: return bytes.map { [$0] }
            case .sizes(let sizes):
                var chunks: [[UInt8]] = []
                var index = 0
                var sizeIndex = 0
                while index < bytes.count {
                    let size = max(1, sizes.isEmpty ? bytes.count : sizes[sizeIndex % sizes.count])
                    chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
                    index += size
                    sizeIndex += 1
                }
                return chunks
            }
        }
    }

    private let transport: any ByteTransport
    private var steps: [Step]
    private var received: [UInt8] = []
    private var failures: [String] = []
    private var task: Task<Void, Never>?
    private var doneWaiters: [CheckedContinuation<Void, Never>] = []
    private var stepIndex = 0

    public init(_ transport: any ByteTransport, _ steps: [Step]) {
        self.transport = transport
        self.steps = steps
    }

    /// Starts following the script.
    public func start() {
        guard task == nil else { return }
        task = Task { await self.run() }
    }

    /// Whether every step has been played.
    public var isDone: Bool { stepIndex >= steps.count }

    /// Waits until the script is done (or failed), then returns the failures, including bytes
    /// written by the client that no step expected.
    public func finish() async -> [String] {
        if !isDone && failures.isEmpty {
            await withCheckedContinuation { doneWaiters.append($0) }
        }
        if !received.isEmpty {
            failures.append("unexpected bytes after the script: \"\(escaped(received))\"")
            received = []
        }
        return failures
    }

    /// Appends steps to the script while it runs.
    public func append(_ more: [Step]) async {
        steps.append(contentsOf: more)
        await advance()
    }

    private func run() async {
        await advance()
        while !Task.isCancelled {
            let bytes: [UInt8]
            do {
                bytes = try await transport.read()
            } catch {
                if !isDone { fail("transport closed at step \(stepIndex + 1) of \(steps.count)") }
                return
            }
            received.append(contentsOf: bytes)
            await advance()
        }
    }

    private func advance() async {
        while stepIndex < steps.count, failures.isEmpty {
            switch steps[stepIndex] {
            case .send(let chunks):
                for chunk in chunks { await write(chunk) }
            case .expect(let expected, let reply):
                guard consume(expected) else { return }
                for chunk in reply { await write(chunk) }
            case .swallow(let expected):
                guard consume(expected) else { return }
            }
            stepIndex += 1
        }
        if isDone || !failures.isEmpty {
            let waiters = doneWaiters
            doneWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }

    /// Takes `expected` off the received bytes; `false` while more bytes are needed.
    private func consume(_ expected: [UInt8]) -> Bool {
        let count = min(received.count, expected.count)
        guard received.prefix(count).elementsEqual(expected.prefix(count)) else {
            fail("step \(stepIndex + 1): expected \"\(escaped(expected))\", got \"\(escaped(received))\"")
            return false
        }
        guard received.count >= expected.count else { return false }
        received.removeFirst(expected.count)
        return true
    }

    private func write(_ bytes: [UInt8]) async {
        do {
            try await transport.write(bytes)
        } catch {
            fail("write failed at step \(stepIndex + 1): \(error)")
        }
    }

    private func fail(_ message: String) {
        failures.append(message)
        let waiters = doneWaiters
        doneWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte -> String in
            switch byte {
            case 0x0D: "\\r"
            case 0x0A: "\\n"
            case 0x20...0x7E: String(UnicodeScalar(byte))
            default: "\\x" + String(byte, radix: 16)
            }
        }.joined()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ATCodec
import CBaselines
import ModemKit
import ModemTransport

/// A pseudo-terminal with a modem stand-in on its master side that answers every command
/// line with `\r\nOK\r\n` (no echo), and clients on its slave side.
///
/// Two stand-ins, for two questions:
/// - ``Responder/blockingC``: a C thread in blocking `read`/`write` on the master of a pty opened
///   the way `PseudoTerminalPair` opens one. The fastest peer there is, so a round trip
///   measures the client side and the kernel.
/// - ``Responder/pseudoTerminalPair``: `PseudoTerminalPair` itself with a task answering through
///   its `read`/`write`, as the virtual modem runs on a pty in the end-to-end tests.
///
/// Each client needs a rig of its own: an ``ATClient`` reads its port all the time and would
/// take another client's answers.
public final class PtyRig: @unchecked Sendable {  // the C handles are touched by `stop()` only
    public enum Responder: Sendable, CustomStringConvertible {
        case blockingC
        case pseudoTerminalPair

        public var description: String {
            switch self {
            case .blockingC: "C responder"
            case .pseudoTerminalPair: "PseudoTerminalPair responder"
            }
        }
    }

    public let slavePath: String
    private var pty: mk_pty?
    private var responder: OpaquePointer?
    private let pair: PseudoTerminalPair?
    private let answering: Task<Void, Never>?

    public init(_ kind: Responder) throws {
        switch kind {
        case .blockingC:
            var pty = mk_pty()
            guard mk_pty_open(&pty) == 0 else { throw RigError("openpty") }
            guard let responder = mk_ok_responder_start(pty.master) else {
                let code = errno
                mk_pty_release_slave(&pty)
                close(pty.master)
                throw RigError("pthread_create", errno: code)
            }
            self.slavePath = withUnsafeBytes(of: pty.slave_path) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            self.pty = pty
            self.responder = responder
            self.pair = nil
            self.answering = nil
        case .pseudoTerminalPair:
            let pair = try PseudoTerminalPair()
            self.slavePath = pair.slavePath
            self.pair = pair
            self.answering = Task { await Self.answer(on: pair) }
        }
    }

    /// Reads commands and answers each CR with OK until the pair is closed.
    private static func answer(on pair: PseudoTerminalPair) async {
        let ok: [UInt8] = Array("\r\nOK\r\n".utf8)
        while true {
            guard let bytes = try? await pair.read() else { return }
            for byte in bytes where byte == 0x0D {
                guard (try? await pair.write(ok)) != nil else { return }
            }
        }
    }

    /// A blocking raw-mode descriptor on the slave, for the baseline loop.
    public func openRawClient() throws -> RawPtyClient {
        let fd = mk_open_raw_blocking(slavePath)
        guard fd >= 0 else { throw RigError("open \(slavePath)") }
        return RawPtyClient(fd: fd)
    }

    /// An ``ATClient`` over ``SerialTransport`` on the slave (termios path, 115 200 8N1).
    public func openEngineClient() throws -> ATClient {
        let transport = try SerialTransport(path: slavePath, baud: 115_200)
        return ATClient(transport: transport)
    }

    /// Stops the responder; close the clients first.
    public func stop() async {
        if var pty, let responder {
            mk_pty_release_slave(&pty)
            _ = mk_ok_responder_join(responder)
            close(pty.master)
            self.pty = nil
            self.responder = nil
        }
        if let pair {
            await pair.close()
            await answering?.value
        }
    }
}

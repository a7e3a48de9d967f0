#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// A pseudo-terminal whose master side is this transport and whose slave side is a path a
/// client opens as if it were a serial port — how the virtual modem appears to real programs.
///
/// ```swift
/// let pty = try PseudoTerminalPair(symlinkPath: "/tmp/modemkit-modem")   // symlink optional
/// let client = try SerialTransport(path: pty.slavePath, baud: 115_200)    // or the symlink
/// try await client.write(Array("AT\r".utf8))
/// let command = try await pty.read()          // "AT\r", byte for byte
/// try await pty.write(Array("\r\nOK\r\n".utf8))
/// await client.close()
/// await pty.close()                           // also removes the symlink
/// ```
///
/// The slave is put in raw mode (no echo, no CR/LF translation, no signals, no XON/XOFF), so
/// all 256 byte values pass untouched in both directions.
///
/// The pair keeps a descriptor of its own open on the slave for its whole life. On Linux,
/// once no descriptor is open on the slave, the master's `read` fails with `EIO` and `poll`
/// reports `POLLHUP` continuously — before a client has opened the slave, and again after
/// each client closes it. Holding the slave open avoids both: a master ``read()`` simply waits
/// until a client writes, clients may come and go (like a host opening and closing a real
/// port), and the raw-mode settings survive between clients. The flip side is that the
/// master does not observe a client closing; only ``close()`` ends the pair.
public final class PseudoTerminalPair: LineSpeedObserving {
    /// The slave side's path, e.g. `/dev/pts/5`.
    public let slavePath: String
    /// The symlink created to ``slavePath``, if one was requested.
    public let symlinkPath: String?
    private let channel: FileDescriptorChannel

    /// Creates the pair.
    ///
    /// - Parameter symlinkPath: if given, a symlink to the slave is created there (replacing a
    ///   stale symlink, refusing to replace anything else) and removed by ``close()``.
    public init(symlinkPath: String? = nil) throws(TransportError) {
        // openpty is posix_openpt + grantpt + unlockpt + ptsname + opening the slave in one
        // call (the former are hidden from Swift by glibc's feature macros).
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw POSIX.error("openpty") }
        var linked = false
        do throws(TransportError) {
            try POSIX.makeNonBlocking(slave)
            let path = try Self.slaveName(of: slave)
            try Termios.makeRaw(slave)
            try? Termios.makeRaw(master)  // irrelevant on Linux; harmless elsewhere
            if let symlinkPath {
                try Self.createSymlink(at: symlinkPath, to: path)
                linked = true
            }
            let heldSlave = slave
            self.channel = try FileDescriptorChannel(fd: master, kind: .stream) { fd in
                POSIX.closeDescriptor(fd)
                POSIX.closeDescriptor(heldSlave)
                if let symlinkPath { Self.removeSymlink(at: symlinkPath, ifPointingTo: path) }
            }
            self.slavePath = path
            self.symlinkPath = symlinkPath
        } catch {
            if linked, let symlinkPath { _ = unlink(symlinkPath) }
            POSIX.closeDescriptor(slave)
            POSIX.closeDescriptor(master)
            throw error
        }
    }

    deinit {
        channel.requestClose()
    }

    /// `"pty:/dev/pts/5"`.
    public var descriptionForLog: String { "pty:\(slavePath)" }

    /// The port's poll thread: a task preferring it handles answers where they are read.
    public var taskExecutor: (any TaskExecutor)? { channel }

    /// Bytes a client wrote to the slave.
    public func read() async throws(TransportError) -> [UInt8] {
        try await channel.read()
    }

    /// Sends bytes to the client. Suspends while the slave's input queue is full (about
    /// 4 KiB on Linux) until the client reads.
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await channel.write(bytes)
    }

    /// The line speed the client last set on the slave (`tcgetattr` on the master returns
    /// the slave's settings on Linux); `nil` once closed or for a speed without a constant.
    ///
    ///     let client = try SerialTransport(path: pty.slavePath, baud: 9600)
    ///     pty.peerBaudRate     // 9600
    public var peerBaudRate: Int? {
        (try? channel.withDescriptor { fd in Termios.speed(of: fd) }) ?? nil
    }

    /// Closes the master (clients then read end of stream) and removes the symlink.
    public func close() async {
        await channel.close()
    }

    private static func slaveName(of slave: Int32) throws(TransportError) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let result = ttyname_r(slave, &buffer, buffer.count)
        guard result == 0 else { throw POSIX.error("ttyname_r", errno: result) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func createSymlink(at path: String, to target: String) throws(TransportError) {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFLNK else {
                throw .invalidConfiguration("\(path) exists and is not a symlink")
            }
            guard unlink(path) == 0 else { throw POSIX.error("unlink \(path)") }
        }
        guard symlink(target, path) == 0 else { throw POSIX.error("symlink \(path)") }
    }

    private static func removeSymlink(at path: String, ifPointingTo target: String) {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return }
        let current = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if current == target { _ = unlink(path) }
    }
}

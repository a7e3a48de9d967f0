#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CBaselines

/// The baseline client: blocking `write("AT\r")`, then `read` until `OK\r\n`, in C.
public final class RawPtyClient: Sendable {
    private let fd: Int32

    init(fd: Int32) {
        self.fd = fd
    }

    /// `count` round trips in a tight C loop on a thread of its own; nanoseconds each.
    /// With `handoff`, a second C thread reads and hands each answer over (the handoff floor).
    public func roundTrips(_ count: Int, handoff: Bool = false) async throws -> [Int] {
        let fd = self.fd
        let samples: [UInt64]? = await BlockingThread.run {
            var samples = [UInt64](repeating: 0, count: count)
            let result = handoff ? mk_handoff_round_trips(fd, count, &samples) : mk_raw_round_trips(fd, count, &samples)
            return result == 0 ? samples : nil
        }
        guard let samples else { throw RigError("raw round trip") }
        return samples.map { Int($0) }
    }

    public func close() {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }
}

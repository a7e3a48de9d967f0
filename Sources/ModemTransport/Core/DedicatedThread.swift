#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// Starts detached POSIX threads for work that blocks in the kernel (`poll`, `getaddrinfo`),
/// so that it never occupies a thread of Swift's cooperative pool.
enum DedicatedThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread with a small stack (512 KiB unless told), named
    /// `name` (at most 15 bytes on Linux) where the system names threads (`ps -L`, `perf`).
    static func start(
        stackSize: Int = 512 * 1024, name: String? = nil, _ body: @escaping @Sendable () -> Void
    ) throws(TransportError) {
        let body: @Sendable () -> Void = if let name {
            {
                nameCurrentThread(name)
                body()
            }
        } else {
            body
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        #if canImport(Darwin)
        var thread: pthread_t?
        let result = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        #else
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { raw in
            if let raw { Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body() }
            return nil
        }, box)
        #endif
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw POSIX.error("pthread_create", errno: result)
        }
    }

    /// Names the calling thread (Linux: through `/proc/thread-self/comm`, which is what
    /// `pthread_setname_np` does; Glibc's module does not export that GNU extension).
    private static func nameCurrentThread(_ name: String) {
        #if canImport(Darwin)
        pthread_setname_np(name)
        #else
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        var bytes = Array(name.utf8.prefix(15))
        _ = systemWrite(fd, &bytes, bytes.count)
        POSIX.closeDescriptor(fd)
        #endif
    }

    /// Runs blocking `work` on a new thread and suspends until it returns.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> Result<T, TransportError>) async throws(TransportError) -> T {
        let result: Result<T, TransportError> = await withCheckedContinuation { continuation in
            do throws(TransportError) {
                try start { continuation.resume(returning: work()) }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }
}

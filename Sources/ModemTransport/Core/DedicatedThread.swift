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

    /// Runs `body` on a new detached thread with a small stack.
    static func start(_ body: @escaping @Sendable () -> Void) throws(TransportError) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 512 * 1024)
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

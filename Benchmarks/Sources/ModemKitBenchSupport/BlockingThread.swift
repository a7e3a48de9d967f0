#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs blocking work on a thread of its own, so that a blocking `read` never holds one of the
/// cooperative pool's threads (two on a two-core machine) while a task on the pool must answer.
enum BlockingThread {
    private final class Box: @unchecked Sendable {  // handed to exactly one thread
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `work` on a new thread and suspends until it returns.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let box = Unmanaged.passRetained(Box { continuation.resume(returning: work()) }).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                if let raw { Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body() }
                return nil
            }, box)
            if status == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()  // run inline rather than fail
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The channel's poll thread as a `TaskExecutor`.
///
/// A task that prefers this executor (`Task(executorPreference:)`,
/// `withTaskExecutorPreference`) runs its jobs on the poll thread, between polls: when the
/// descriptor becomes readable, the thread that `poll` returned on resumes the waiting read and
/// runs the task on, so a command's answer reaches its caller without waking another thread.
///
///     → AT\r            (written by the caller, on the poll thread)
///     ← \r\nOK\r\n      (poll returns on the same thread, which reads it and resumes the caller)
///
/// Jobs must not block: while one runs, the descriptor is not watched. Once the channel is
/// closed and its thread has ended, jobs still arriving go to the global concurrent executor,
/// so a task that preferred this thread is never stranded.
extension FileDescriptorChannel: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let accepted = state.withLock { state -> Bool in
            guard !state.threadFinished else { return false }
            state.jobs.append(unownedJob)
            if state.inPoll { wakeLocked(state) }
            return true
        }
        if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(unownedJob)) }
    }

    /// Runs the jobs queued so far, in order (on the poll thread), then those they enqueued,
    /// for at most `rounds` rounds; what is left runs after the descriptor has been looked at.
    func runJobs(rounds: Int = 8) {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<rounds {
            let jobs = state.withLock { state -> [UnownedJob] in
                var taken: [UnownedJob] = []
                swap(&taken, &state.jobs)
                return taken
            }
            guard !jobs.isEmpty else { return }
            for job in jobs { job.runSynchronously(on: executor) }
        }
    }

    /// Whether the caller is the poll thread (which needs no wake-up: it looks at its queue
    /// before every poll).
    static func isLoopThread(_ state: borrowing State) -> Bool {
        guard let loopThread = state.loopThread else { return false }
        return pthread_equal(loopThread, pthread_self()) != 0
    }
}

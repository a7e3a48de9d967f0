import ModemKitBenchSupport
import Synchronization

/// Hands the rig made in `setup` to `teardown`, which gets no state of its own.
final class RigHolder: Sendable {
    private let comparison = Mutex<RoundTripComparison?>(nil)

    func set(_ value: RoundTripComparison) {
        comparison.withLock { $0 = value }
    }

    func take() -> RoundTripComparison? {
        comparison.withLock { value in
            defer { value = nil }
            return value
        }
    }
}

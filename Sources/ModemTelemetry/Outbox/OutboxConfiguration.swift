import Foundation
import Telemetry

/// How an ``Outbox`` behaves: how much it holds, what happens when it is full, what survives a
/// crash, and where time and IDs come from.
///
///     var configuration = OutboxConfiguration()
///     configuration.capacity = 50_000
///     configuration.whenFull = .refuseNew
///     configuration.durability = .full
///     let outbox = try Outbox(path: "/var/lib/modemkit/outbox.sqlite", configuration: configuration)
public struct OutboxConfiguration: Sendable {
    /// What ``Outbox/enqueue(_:)`` does when the outbox already holds ``capacity`` readings.
    public enum FullPolicy: String, Sendable, Hashable, Codable {
        /// Deletes the oldest readings to make room, counting them in ``OutboxStatus/dropped``.
        case dropOldest
        /// Throws ``OutboxError/full(capacity:)`` and keeps what is there, counting the refused
        /// readings in ``OutboxStatus/refused``.
        case refuseNew
    }

    /// What a committed enqueue survives. Both use SQLite's write-ahead log (WAL); see
    /// docs/telemetry-outbox.md for the exact fsync policy and measured rates.
    public enum Durability: String, Sendable, Hashable, Codable {
        /// `PRAGMA synchronous = FULL`: each commit fsyncs the WAL before `enqueue` returns, so
        /// every reading whose enqueue returned survives a process crash and a power loss.
        case full
        /// `PRAGMA synchronous = NORMAL`: a commit is written to the WAL (the OS has it) but
        /// fsynced only at checkpoints, so every reading whose enqueue returned survives a
        /// process crash (SIGKILL, a trap); a power loss or kernel panic may lose the last
        /// commits since the last checkpoint, never corrupt the database.
        case normal
    }

    /// The most readings the outbox holds; at least 1. Default 100 000.
    public var capacity: Int = 100_000
    /// What happens when it is full. Default ``FullPolicy/dropOldest``: the newest data matters most.
    public var whenFull: FullPolicy = .dropOldest
    /// What a returned enqueue survives. Default ``Durability/normal`` (process crash; see the
    /// docs for why not ``Durability/full`` by default).
    public var durability: Durability = .normal
    /// Checks each payload: one JSON value of at most 64 KiB by default.
    public var validator = ReadingValidator()
    /// How many recent rejections (reading ID, reason, time) the outbox keeps. Default 100.
    public var rejectionHistory: Int = 100
    /// The time now, in milliseconds since 1970-01-01 UTC; tests inject their own.
    public var now: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
    /// A new unique reading ID; tests inject their own. Default: ``randomUUID()``.
    public var makeID: @Sendable () -> String = { OutboxConfiguration.randomUUID() }

    public init() {}

    /// A random (version 4) UUID in lowercase, `5f0c2a9e-…`, formatted straight from 16 random
    /// bytes (Foundation's `uuidString.lowercased()` costs two strings and a format call).
    public static func randomUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000          // version 4
        let low = generator.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000  // variant 10
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            for (word, shifts) in [(high, 0..<16), (low, 16..<32)] {
                for nibble in shifts {
                    if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    let shift = UInt64(60 - 4 * (nibble % 16))
                    buffer[index] = digits.utf8Start[Int((word >> shift) & 0xF)]
                    index += 1
                }
            }
            return index
        }
    }
}

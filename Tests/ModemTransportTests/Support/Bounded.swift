import ModemCore
import Testing
import ModemKitTestSupport

/// Reads until exactly `count` bytes have arrived (fails if more arrive in the last chunk).
func readExactly(_ transport: any ByteTransport, _ count: Int) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
        bytes += try await transport.read()
    }
    return bytes
}

/// Reads until the bytes received end with `suffix`.
func readUntil(_ transport: any ByteTransport, suffix: [UInt8]) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    while !bytes.ends(with: suffix) {
        bytes += try await transport.read()
    }
    return bytes
}

/// The error a throwing async call ended with, or `nil` if it returned.
func transportError(_ body: () async throws -> Void) async -> TransportError? {
    do {
        try await body()
        return nil
    } catch let error as TransportError {
        return error
    } catch {
        Issue.record("expected a TransportError, got \(error)")
        return nil
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }

    /// Deterministic pseudo-random bytes covering all 256 values.
    static func pattern(count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return index < 256 ? UInt8(index) : UInt8(truncatingIfNeeded: state >> 33)
        }
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// Describes one unsolicited result code: how to recognise it and what follows it.
///
///     +CMT: ,24                  ← the URC line, matched by .prefix("+CMT:")
///     07911326040000F0040B91...  ← one following line belongs to it (the PDU)
public struct URCDescriptor: Sendable {
    /// The name subscribers filter on, by convention the prefix without the colon: `"+CMT"`.
    public var name: String
    public var pattern: ATLinePattern
    /// How many lines after the URC line belong to it (`+CMT` carries its PDU or text on the next line).
    public var followingLines: @Sendable (ArraySlice<UInt8>) -> Int
    /// How many raw bytes follow the URC line (`+RECEIVE,0,5:` on SIM7600), or `nil` for none.
    public var payloadLength: @Sendable (ArraySlice<UInt8>) -> Int?
    /// The part this line plays in a modem's start-up, if any.
    public var bootRole: URCBootRole?

    public init(
        _ name: String,
        _ pattern: ATLinePattern,
        bootRole: URCBootRole? = nil,
        followingLines: @escaping @Sendable (ArraySlice<UInt8>) -> Int = { _ in 0 },
        payloadLength: @escaping @Sendable (ArraySlice<UInt8>) -> Int? = { _ in nil }
    ) {
        self.name = name
        self.pattern = pattern
        self.bootRole = bootRole
        self.followingLines = followingLines
        self.payloadLength = payloadLength
    }
}

/// The part a URC plays in a modem's start-up.
public enum URCBootRole: Sendable, Hashable {
    /// Printed once at power-on or reset (`RDY`): seeing it at any other time means the modem rebooted.
    case powerOn
    /// Printed as subsystems become ready (`+CPIN: READY`, `SMS Ready`, `PB DONE`), at boot and
    /// also after `AT+CFUN=1` or PIN entry.
    case readiness
}

/// The URCs a modem may print, extensible per dialect and by users.
///
/// Lookup is by first byte, so classifying a line costs a handful of comparisons however many
/// URCs are registered. Later registrations take precedence over earlier ones with the same pattern.
public struct URCRegistry: Sendable {
    /// An index into the registry, stable for its lifetime.
    public typealias ID = Int

    public private(set) var descriptors: [URCDescriptor] = []
    private var compiled: [CompiledPattern] = []
    /// Ids of prefix and exact patterns by a hash of their first three bytes, newest first, so a
    /// line is compared with the two or three patterns that can match it, not with every `+C…`.
    private var buckets: [[Int]] = Array(repeating: [], count: URCRegistry.bucketCount)
    /// Patterns shorter than three bytes, and the linked ones (`<n>, CONNECT OK`), newest first.
    private var shortIDs: [Int] = []
    private var linkedIDs: [Int] = []
    /// The buckets flattened: the ids of bucket `b` are `flatIDs[flatStart[b]..<flatStart[b + 1]]`,
    /// so a lookup retains no inner array.
    private var flatIDs: [Int] = []
    private var flatStart: [Int] = Array(repeating: 0, count: URCRegistry.bucketCount + 1)

    private static let bucketCount = 1024

    @inline(__always)
    private static func bucket(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) &* 961 &+ Int(b) &* 31 &+ Int(c)) & (bucketCount - 1)
    }

    public init(_ descriptors: [URCDescriptor] = []) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// Adds a URC; it takes precedence over those registered before it.
    public mutating func register(_ descriptor: URCDescriptor) {
        let id = descriptors.count
        descriptors.append(descriptor)
        let pattern = CompiledPattern(descriptor.pattern)
        compiled.append(pattern)
        if descriptor.pattern.firstByte == nil {
            linkedIDs.insert(id, at: 0)
        } else if pattern.bytes.count < 3 {
            shortIDs.insert(id, at: 0)
        } else {
            buckets[Self.bucket(pattern.bytes[0], pattern.bytes[1], pattern.bytes[2])].insert(id, at: 0)
        }
        flatIDs = buckets.flatMap { $0 }
        var start = 0
        for bucket in 0..<Self.bucketCount {
            flatStart[bucket] = start
            start += buckets[bucket].count
        }
        flatStart[Self.bucketCount] = start
    }

    /// Adds several URCs in order.
    public mutating func register(contentsOf descriptors: [URCDescriptor]) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// The URC a line is, or `nil`; the newest registration wins when several match.
    public func match(_ line: ArraySlice<UInt8>) -> ID? {
        line.withUnsafeBufferPointer { match(bytes: $0) }
    }

    /// ``match(_:)`` over bytes read in place (the package's decoders match lines they hold as
    /// strings without copying them into an array).
    @inline(__always)
    package func match(bytes line: UnsafeBufferPointer<UInt8>) -> ID? {
        guard let first = line.first else { return nil }
        var best: ID?
        if line.count >= 3 {
            let bucket = Self.bucket(first, line[1], line[2])
            var index = flatStart[bucket]
            let end = flatStart[bucket + 1]
            while index < end {
                let id = flatIDs[index]
                if compiled[id].matches(line) {
                    best = id
                    break
                }
                index += 1
            }
        }
        for id in shortIDs where id > (best ?? -1) && compiled[id].matches(line) {
            best = id
            break
        }
        if first >= 0x30, first <= 0x39 {
            for id in linkedIDs where id > (best ?? -1) && compiled[id].matches(line) {
                best = id
                break
            }
        }
        return best
    }

    public subscript(id: ID) -> URCDescriptor { descriptors[id] }
}

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
    /// Indices by first byte; linked patterns sit in the digit buckets.
    private var buckets: [[Int]] = Array(repeating: [], count: 256)

    public init(_ descriptors: [URCDescriptor] = []) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// Adds a URC; it takes precedence over those registered before it.
    public mutating func register(_ descriptor: URCDescriptor) {
        let id = descriptors.count
        descriptors.append(descriptor)
        compiled.append(CompiledPattern(descriptor.pattern))
        if let first = descriptor.pattern.firstByte {
            buckets[Int(first)].insert(id, at: 0)
        } else {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { buckets[Int(digit)].insert(id, at: 0) }
        }
    }

    /// Adds several URCs in order.
    public mutating func register(contentsOf descriptors: [URCDescriptor]) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// The URC a line is, or `nil`.
    @inline(__always)
    public func match(_ line: ArraySlice<UInt8>) -> ID? {
        guard let first = line.first else { return nil }
        for id in buckets[Int(first)] where compiled[id].matches(line) { return id }
        return nil
    }

    public subscript(id: ID) -> URCDescriptor { descriptors[id] }
}

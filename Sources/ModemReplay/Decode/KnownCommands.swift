/// The command lines seen lately, by their bytes, with their text and shape: logs repeat the
/// same few commands, so each distinct line is decoded to a `String` and a ``CommandShape``
/// once while it is in the table, and found again without making a `String` or hashing one.
///
/// Open addressing: a line goes in the first free slot from the one its hash picks.
/// Bounded: the table is emptied when half its slots are taken. The shape is a pure function
/// of the text, so what is dropped only costs a second decoding later.
///
///     var commands = KnownCommands()
///     let bytes = Array("AT+CSQ".utf8)
///     commands.entry(for: bytes)                                            // nil
///     commands.add(bytes, text: "AT+CSQ", shape: CommandShape("AT+CSQ", urcs: .standard))
///     commands.entry(for: bytes)?.text                                      // "AT+CSQ"
struct KnownCommands: Sendable {
    private struct Entry: Sendable {
        let text: String
        let shape: CommandShape
    }

    private static let slotCount = 1024
    private var slots = [Entry?](repeating: nil, count: KnownCommands.slotCount)
    /// Each slot's command line, apart from the entry: compared where it is stored, without
    /// copying (retaining) the entry for every slot looked at.
    private var keys = [[UInt8]](repeating: [], count: KnownCommands.slotCount)
    /// Each slot's hash, never 0 when taken: most slots are told apart without reading an entry.
    private var hashes = [UInt32](repeating: 0, count: KnownCommands.slotCount)
    private var count = 0

    /// The text and shape of the command line `bytes`, if it is in the table.
    func entry(for bytes: [UInt8]) -> (text: String, shape: CommandShape)? {
        let hash = Self.hash(of: bytes)
        var slot = Self.slot(of: hash)
        return slots.withUnsafeBufferPointer { slots in
            // Read through the buffer's pointer: `slots[slot]` would copy (retain) each entry.
            while hashes[slot] != 0 {
                if hashes[slot] == hash, keys[slot] == bytes {
                    return (slots[slot].unsafelyUnwrapped.text, slots[slot].unsafelyUnwrapped.shape)
                }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            return nil
        }
    }

    /// Adds the command line `bytes`, not in the table, with its text and shape; returns them.
    mutating func add(_ bytes: [UInt8], text: String, shape: CommandShape) -> (text: String, shape: CommandShape) {
        let hash = Self.hash(of: bytes)
        if count >= Self.slotCount / 2 {
            for index in slots.indices {
                slots[index] = nil
                keys[index] = []
                hashes[index] = 0
            }
            count = 0
        }
        var slot = Self.slot(of: hash)
        while hashes[slot] != 0 { slot = (slot + 1) & (Self.slotCount - 1) }
        slots[slot] = Entry(text: text, shape: shape)
        keys[slot] = bytes
        hashes[slot] = hash
        count += 1
        return (text, shape)
    }

    private static func slot(of hash: UInt32) -> Int {
        Int(truncatingIfNeeded: hash >> 1) & (slotCount - 1)
    }

    /// FNV-1a over 64-bit words (the tail zero-padded, the length mixed in), folded to 32 bits,
    /// with the low bit set so that a taken slot's hash is never 0. A command line is ten or
    /// twenty bytes: two or three multiplications instead of one per byte.
    private static func hash(of bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
            var index = 0
            while index &+ 8 <= bytes.count {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                index &+= 8
            }
            if index < bytes.count {
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while index < bytes.count {
                    tail |= UInt64(bytes[index]) << shift
                    shift &+= 8
                    index &+= 1
                }
                hash = (hash ^ tail) &* 0x0000_0100_0000_01B3
            }
            let folded = UInt32(truncatingIfNeeded: hash ^ hash >> 32)
            return (folded ^ folded >> 16) | 1
        }
    }
}

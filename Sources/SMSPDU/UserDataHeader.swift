/// TP-UDH, TS 23.040 §9.2.3.24: a list of information elements. Elements this codec does not
/// interpret, and known ones whose length is not the specified one, stay `.other` so that
/// re-encoding gives the same bytes.
///
///     // 05 00 03 2A 02 01: concatenated, 8-bit reference 0x2A, part 1 of 2
///     UserDataHeader(elements: [.concatenated8(reference: 0x2A, total: 2, sequence: 1)])
public struct UserDataHeader: Sendable, Hashable {
    public enum Element: Sendable, Hashable {
        /// IEI 0x00, concatenated short message, 8-bit reference.
        case concatenated8(reference: UInt8, total: UInt8, sequence: UInt8)
        /// IEI 0x08, concatenated short message, 16-bit reference.
        case concatenated16(reference: UInt16, total: UInt8, sequence: UInt8)
        /// IEI 0x04, application port addressing, 8-bit ports.
        case applicationPort8(destination: UInt8, source: UInt8)
        /// IEI 0x05, application port addressing, 16-bit ports.
        case applicationPort16(destination: UInt16, source: UInt16)
        /// IEI 0x24, national language single shift.
        case nationalSingleShift(NationalLanguage)
        /// IEI 0x25, national language locking shift.
        case nationalLockingShift(NationalLanguage)
        /// Any other element, byte for byte.
        case other(identifier: UInt8, data: [UInt8])
    }

    public var elements: [Element]

    public init(elements: [Element]) {
        self.elements = elements
    }

    /// The concatenation element, 8- or 16-bit, as (reference, total, sequence).
    public var concatenation: (reference: UInt16, total: UInt8, sequence: UInt8)? {
        for element in elements {
            switch element {
            case let .concatenated8(reference, total, sequence): return (UInt16(reference), total, sequence)
            case let .concatenated16(reference, total, sequence): return (reference, total, sequence)
            default: continue
            }
        }
        return nil
    }

    public var singleShift: NationalLanguage? {
        for case let .nationalSingleShift(language) in elements { return language }
        return nil
    }

    public var lockingShift: NationalLanguage? {
        for case let .nationalLockingShift(language) in elements { return language }
        return nil
    }

    /// The encoded header including its UDHL octet.
    public var encoded: [UInt8] {
        var body: [UInt8] = []
        for element in elements {
            let (identifier, data) = element.wire
            body.append(identifier)
            body.append(UInt8(truncatingIfNeeded: data.count))
            body.append(contentsOf: data)
        }
        return [UInt8(truncatingIfNeeded: body.count)] + body
    }

    /// Decodes elements from the header bytes after UDHL; `base` is their offset in the PDU.
    static func decode(_ bytes: ArraySlice<UInt8>, base: Int) throws(PDUError) -> UserDataHeader {
        var elements: [Element] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let at = base + (index - bytes.startIndex)
            guard index + 1 < bytes.endIndex else {
                throw PDUError(.headerOverrun(declared: 2, available: bytes.endIndex - index), offset: at)
            }
            let identifier = bytes[index]
            let length = Int(bytes[index + 1])
            let start = index + 2
            guard length <= bytes.endIndex - start else {
                throw PDUError(.headerOverrun(declared: length, available: bytes.endIndex - start), offset: at + 1)
            }
            elements.append(Element(identifier: identifier, data: Array(bytes[start..<start + length])))
            index = start + length
        }
        return UserDataHeader(elements: elements)
    }
}

extension UserDataHeader.Element {
    init(identifier: UInt8, data: [UInt8]) {
        switch (identifier, data.count) {
        case (0x00, 3): self = .concatenated8(reference: data[0], total: data[1], sequence: data[2])
        case (0x08, 4):
            self = .concatenated16(reference: UInt16(data[0]) << 8 | UInt16(data[1]), total: data[2], sequence: data[3])
        case (0x04, 2): self = .applicationPort8(destination: data[0], source: data[1])
        case (0x05, 4):
            self = .applicationPort16(destination: UInt16(data[0]) << 8 | UInt16(data[1]), source: UInt16(data[2]) << 8 | UInt16(data[3]))
        case (0x24, 1):
            if let language = NationalLanguage(rawValue: data[0]) {
                self = .nationalSingleShift(language)
            } else {
                self = .other(identifier: identifier, data: data)
            }
        case (0x25, 1):
            if let language = NationalLanguage(rawValue: data[0]), language.hasLockingShiftTable {
                self = .nationalLockingShift(language)
            } else {
                self = .other(identifier: identifier, data: data)
            }
        default: self = .other(identifier: identifier, data: data)
        }
    }

    /// The element's identifier and data octets.
    var wire: (UInt8, [UInt8]) {
        switch self {
        case let .concatenated8(reference, total, sequence): (0x00, [reference, total, sequence])
        case let .concatenated16(reference, total, sequence):
            (0x08, [UInt8(reference >> 8), UInt8(reference & 0xFF), total, sequence])
        case let .applicationPort8(destination, source): (0x04, [destination, source])
        case let .applicationPort16(destination, source):
            (0x05, [UInt8(destination >> 8), UInt8(destination & 0xFF), UInt8(source >> 8), UInt8(source & 0xFF)])
        case let .nationalSingleShift(language): (0x24, [language.rawValue])
        case let .nationalLockingShift(language): (0x25, [language.rawValue])
        case let .other(identifier, data): (identifier, data)
        }
    }
}

/// The GSM 7-bit default alphabet (TS 23.038 §6.2.1) with its extension table, optionally replaced
/// by a national locking shift table and/or extended by a national single shift table (Annex A).
/// Works on unpacked septets; ``GSM7Packing`` packs them.
///
///     let alphabet = GSM7Alphabet()
///     try alphabet.septets("a€")          // [0x61, 0x1B, 0x65]
///     try alphabet.text([0x61, 0x1B, 0x65]) // "a€"
///     try GSM7Alphabet(singleShift: .turkish).septets("ş")   // [0x1B, 0x73]
public struct GSM7Alphabet: Sendable, Hashable {
    /// The escape septet to the (single shift) extension table.
    public static let escape: UInt8 = 0x1B

    public var lockingShift: NationalLanguage?
    public var singleShift: NationalLanguage?

    /// A locking shift to Spanish (which has none) falls back to the default table.
    public init(lockingShift: NationalLanguage? = nil, singleShift: NationalLanguage? = nil) {
        self.lockingShift = lockingShift
        self.singleShift = singleShift
    }

    var mainMap: SeptetMap {
        guard let lockingShift, let map = SeptetMap.locking[Int(lockingShift.rawValue)] else {
            return SeptetMap.defaultLocking
        }
        return map
    }

    var extensionMap: SeptetMap {
        guard let singleShift else { return SeptetMap.defaultSingle }
        return SeptetMap.single[Int(singleShift.rawValue)]
    }

    /// The septets (1 or 2 with escape) of one scalar, or `nil` when neither table has it.
    @inline(__always)
    func septets(of scalar: Unicode.Scalar, main: SeptetMap, extension ext: SeptetMap) -> (UInt8, UInt8?)? {
        if let septet = main.septet(for: scalar.value) { return (septet, nil) }
        if let septet = ext.septet(for: scalar.value) { return (GSM7Alphabet.escape, septet) }
        return nil
    }

    /// Whether every scalar of `text` has a septet in these tables.
    public func canEncode(_ text: String) -> Bool {
        let main = mainMap, ext = extensionMap
        return text.unicodeScalars.allSatisfy { septets(of: $0, main: main, extension: ext) != nil }
    }

    /// Encodes text as unpacked septets (escape sequences included).
    /// - Throws: ``PDUError/Kind/unrepresentable(_:)`` naming the first character that has no
    ///   septet, with its `Character` offset in `text`.
    public func septets(_ text: String) throws(PDUError) -> [UInt8] {
        let main = mainMap, ext = extensionMap
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let (first, second) = septets(of: scalar, main: main, extension: ext) else {
                throw GSM7Alphabet.unrepresentable(scalar, in: text)
            }
            out.append(first)
            if let second { out.append(second) }
        }
        return out
    }

    /// Decodes unpacked septets. An escape followed by a septet the extension table lacks shows the
    /// main table's character (TS 23.038 §6.2.1.1); a lone trailing escape (or escape-escape)
    /// shows a space.
    /// - Throws: ``PDUError/Kind/undefinedSeptet(_:)`` for a septet that a national locking table
    ///   leaves undefined; `offset` is the septet index.
    public func text(_ septets: some Collection<UInt8>) throws(PDUError) -> String {
        let main = mainMap.decode, ext = extensionMap.decode
        var utf8: [UInt8] = []
        utf8.reserveCapacity(septets.count + 8)
        var escaped = false
        var index = 0
        for raw in septets {
            let septet = Int(raw & 0x7F)
            defer { index += 1 }
            if escaped {
                escaped = false
                let code = ext[septet] != 0 ? ext[septet] : main[septet]
                guard code != 0 else {
                    if septet == 0x1B { GSM7Alphabet.appendUTF8(0x20, to: &utf8); continue }
                    throw PDUError(.undefinedSeptet(raw), offset: index)
                }
                GSM7Alphabet.appendUTF8(code, to: &utf8)
            } else if septet == 0x1B {
                escaped = true
            } else {
                let code = main[septet]
                guard code != 0 else { throw PDUError(.undefinedSeptet(raw), offset: index) }
                GSM7Alphabet.appendUTF8(code, to: &utf8)
            }
        }
        if escaped { GSM7Alphabet.appendUTF8(0x20, to: &utf8) }
        return String(decoding: utf8, as: UTF8.self)
    }

    @inline(__always)
    static func appendUTF8(_ code: UInt32, to out: inout [UInt8]) {
        switch code {
        case 0..<0x80:
            out.append(UInt8(truncatingIfNeeded: code))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(truncatingIfNeeded: code >> 6))
            out.append(0x80 | UInt8(truncatingIfNeeded: code & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(truncatingIfNeeded: code >> 12))
            out.append(0x80 | UInt8(truncatingIfNeeded: (code >> 6) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: code & 0x3F))
        default:
            out.append(0xF0 | UInt8(truncatingIfNeeded: code >> 18))
            out.append(0x80 | UInt8(truncatingIfNeeded: (code >> 12) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: (code >> 6) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: code & 0x3F))
        }
    }

    /// The error for a scalar no table has: names its `Character` and that character's offset.
    static func unrepresentable(_ scalar: Unicode.Scalar, in text: String) -> PDUError {
        var offset = 0
        for character in text {
            if character.unicodeScalars.contains(scalar) {
                return PDUError(.unrepresentable(character), offset: offset)
            }
            offset += 1
        }
        return PDUError(.unrepresentable(Character(scalar)), offset: offset)
    }
}

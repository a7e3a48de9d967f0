/// What a TP-PID octet means, TS 23.040 §9.2.3.9. The TPDUs keep TP-PID as its raw `UInt8`;
/// this reads it.
///
///     ProtocolIdentifier(rawValue: 0x00).kind   // .smeToSME(0): a plain message
///     ProtocolIdentifier(rawValue: 0x40).kind   // .shortMessageType0: acknowledge, do not store or show
///     ProtocolIdentifier(rawValue: 0x41).kind   // .replaceShortMessage(1)
///     ProtocolIdentifier(rawValue: 0x22).kind   // .telematicInterworking(device: 0x02): group 3 telefax
public struct ProtocolIdentifier: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public enum Kind: Sendable, Hashable {
        /// 000x xxxx: no interworking, SME-to-SME protocol `value` (0 for an ordinary message).
        case smeToSME(UInt8)
        /// 001x xxxx: telematic interworking with `device` (0x01 telex, 0x02 group 3 fax, 0x12 e-mail…).
        case telematicInterworking(device: UInt8)
        /// 0x40: short message type 0 (the MS acknowledges it and may discard it).
        case shortMessageType0
        /// 0x41...0x47: replace short message type 1...7.
        case replaceShortMessage(Int)
        /// 0x5E: Enhanced Message Service (obsolete).
        case enhancedMessageService
        /// 0x5F: return call message.
        case returnCallMessage
        /// 0x7C: ANSI-136 R-DATA.
        case ansi136RData
        /// 0x7D: ME data download.
        case meDataDownload
        /// 0x7E: ME de-personalization short message.
        case meDepersonalization
        /// 0x7F: (U)SIM data download.
        case simDataDownload
        /// 11xx xxxx: for the service centre's own use.
        case serviceCentreSpecific(UInt8)
        /// Any value the specification reserves.
        case reserved
    }

    public var kind: Kind {
        switch rawValue >> 6 {
        case 0b00:
            return rawValue & 0x20 == 0 ? .smeToSME(rawValue & 0x1F) : .telematicInterworking(device: rawValue & 0x1F)
        case 0b01:
            switch rawValue & 0x3F {
            case 0x00: return .shortMessageType0
            case 0x01...0x07: return .replaceShortMessage(Int(rawValue & 0x3F))
            case 0x1E: return .enhancedMessageService
            case 0x1F: return .returnCallMessage
            case 0x3C: return .ansi136RData
            case 0x3D: return .meDataDownload
            case 0x3E: return .meDepersonalization
            case 0x3F: return .simDataDownload
            default: return .reserved
            }
        case 0b11:
            return .serviceCentreSpecific(rawValue & 0x3F)
        default:
            return .reserved
        }
    }
}

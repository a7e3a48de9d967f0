/// TP-ST of an SMS-STATUS-REPORT, TS 23.040 §9.2.3.15.
///
///     SMSStatus(rawValue: 0x00).category   // .completed   ("received by the SME")
///     SMSStatus(rawValue: 0x46).meaning    // "SM validity period expired"
public struct SMSStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public enum Category: Sendable, Hashable {
        /// 0x00...0x1F: the transaction is complete.
        case completed
        /// 0x20...0x3F: temporary error, the SC is still trying.
        case temporaryErrorStillTrying
        /// 0x40...0x5F: permanent error, the SC is not trying any more.
        case permanentError
        /// 0x60...0x7F: temporary error, the SC is not trying any more.
        case temporaryErrorNotTrying
        /// 0x80...0xFF: reserved (§9.2.3.15 says to treat as "service rejected").
        case reserved
    }

    public var category: Category {
        switch rawValue {
        case 0x00...0x1F: .completed
        case 0x20...0x3F: .temporaryErrorStillTrying
        case 0x40...0x5F: .permanentError
        case 0x60...0x7F: .temporaryErrorNotTrying
        default: .reserved
        }
    }

    /// Delivered (0x00...0x02 and the SC-specific completed values).
    public var isDelivered: Bool { category == .completed }

    /// The meaning as TS 23.040 words it.
    public var meaning: String {
        let low = rawValue & 0x1F
        let specific = low >= 0x10
        switch category {
        case .completed:
            switch rawValue {
            case 0x00: return "short message received by the SME"
            case 0x01: return "short message forwarded by the SC to the SME but the SC is unable to confirm delivery"
            case 0x02: return "short message replaced by the SC"
            default: return specific ? "completed (SC specific)" : "completed (reserved)"
            }
        case .temporaryErrorStillTrying, .temporaryErrorNotTrying:
            let names = ["congestion", "SME busy", "no response from SME", "service rejected", "quality of service not available", "error in SME"]
            let suffix = category == .temporaryErrorStillTrying ? ", SC still trying" : ", SC not trying any more"
            if Int(low) < names.count { return names[Int(low)] + suffix }
            return (specific ? "temporary error (SC specific)" : "temporary error (reserved)") + suffix
        case .permanentError:
            let names = [
                "remote procedure error", "incompatible destination", "connection rejected by SME", "not obtainable",
                "quality of service not available", "no interworking available", "SM validity period expired",
                "SM deleted by originating SME", "SM deleted by SC administration", "SM does not exist",
            ]
            if Int(low) < names.count { return names[Int(low)] }
            return specific ? "permanent error (SC specific)" : "permanent error (reserved)"
        case .reserved:
            return "reserved (treated as service rejected)"
        }
    }

    public var description: String { "\(rawValue): \(meaning)" }
}

/// Which way a TPDU travels. TP-MTI values are shared by the two directions (0b00 is
/// SMS-DELIVER towards the mobile and SMS-DELIVER-REPORT from it), so decoding needs it.
public enum SMSDirection: Sendable, Hashable {
    /// SC → MS: SMS-DELIVER, SMS-SUBMIT-REPORT, SMS-STATUS-REPORT (`+CMT`, `+CDS`, `+CMGR` of a
    /// received message).
    case toMobile
    /// MS → SC: SMS-SUBMIT, SMS-DELIVER-REPORT (`+CMGS`, `+CMGW`, `+CMGR` of a stored outgoing one).
    case fromMobile
}

/// The alphabet a message is sent in.
public enum SMSEncoding: Sendable, Hashable {
    /// GSM 7-bit, with national shift tables when the text needs them.
    case gsm7(lockingShift: NationalLanguage?, singleShift: NationalLanguage?)
    /// UCS-2 (UTF-16 on the wire, surrogate pairs kept together).
    case ucs2
}

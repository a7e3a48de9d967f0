/// A message as text mode (`+CMGF=1`) prints it, TS 27.005 §3.1, §3.4.1, §4.1 and §4.2: the
/// header fields as printed and the `<data>` line. Strings (`<oa>`, `<alpha>`, `<data>`) are
/// kept in the TE character set `+CSCS` names; turning them into text is the caller's work (it
/// needs the alphabet tables of `SMSPDU`). Fields in brackets come only with `+CSDH=1`.
///
///     ← +CMT: "+8613918186089","","02/01/30,20:40:31+00",145,4,0,0,"+8613800210500",145,5   (SIM800 manual, CSDH=1)
///     ← abcde
///     ← +CMGL: 1,"REC UNREAD","+8615021012496",,"13/12/13,15:06:37+32"                     (BG96 manual, CSDH=0)
///     ← <This is a test from Quectel>
///     ← +CDS: 6,46,"+8613918186089",145,"02/01/30,20:40:31+00","02/01/30,20:40:32+00",0
public struct SMSTextMessage: Sendable, Hashable {
    /// An SMS-DELIVER (received) or SMS-SUBMIT (stored to send or sent).
    public enum Kind: Sendable, Hashable { case deliver, submit }

    public var kind: Kind
    /// `<index>` (`+CMGL`); `nil` for `+CMT` and `+CMGR`.
    public var index: Int?
    /// `<stat>`; `nil` for `+CMT`.
    public var status: SMSMessageStatus?
    /// `<oa>` or `<da>` as printed (in the TE character set).
    public var address: String
    public var alpha: String?
    /// `<scts>` as printed: `yy/MM/dd,hh:mm:ss±zz`, the zone in quarter hours.
    public var timestamp: String?
    /// `<tooa>`/`<toda>`: 145 international, 129 national or unknown, 208 alphanumeric.
    public var typeOfAddress: Int?
    /// `<fo>`: first octet of the TPDU; bit 6 (0x40) is TP-UDHI.
    public var firstOctet: Int?
    public var protocolIdentifier: Int?
    public var dataCodingScheme: Int?
    public var serviceCentre: String?
    public var serviceCentreType: Int?
    /// `<length>`: characters (7-bit text) or octets (hex data) of `<data>`.
    public var length: Int?
    /// `<data>`: the line after the header, as printed.
    public var data: String

    public init(kind: Kind, index: Int? = nil, status: SMSMessageStatus? = nil, address: String, alpha: String? = nil,
                timestamp: String? = nil, typeOfAddress: Int? = nil, firstOctet: Int? = nil, protocolIdentifier: Int? = nil,
                dataCodingScheme: Int? = nil, serviceCentre: String? = nil, serviceCentreType: Int? = nil,
                length: Int? = nil, data: String) {
        self.kind = kind
        self.index = index
        self.status = status
        self.address = address
        self.alpha = alpha
        self.timestamp = timestamp
        self.typeOfAddress = typeOfAddress
        self.firstOctet = firstOctet
        self.protocolIdentifier = protocolIdentifier
        self.dataCodingScheme = dataCodingScheme
        self.serviceCentre = serviceCentre
        self.serviceCentreType = serviceCentreType
        self.length = length
        self.data = data
    }

    /// Whether `<fo>` says the data starts with a user data header (then `<data>` is hex of TP-UD).
    public var hasUserDataHeader: Bool { (firstOctet ?? 0) & 0x40 != 0 }
}

/// A status report as text mode prints it (`+CDS`, or a `+CMGR`/`+CMGL` of the `"SR"` storage):
/// `<fo>,<mr>,[<ra>],[<tora>],<scts>,<dt>,<st>`.
///
///     ← +CDS: 6,46,"+8613918186089",145,"02/01/30,20:40:31+00","02/01/30,20:40:32+00",0
public struct SMSTextStatusReport: Sendable, Hashable {
    public var index: Int?
    public var status: SMSMessageStatus?
    public var firstOctet: Int
    /// `<mr>`: the TP-Message-Reference of the message reported on.
    public var reference: Int
    /// `<ra>` as printed (TE character set); `nil` when left out.
    public var recipient: String?
    public var recipientType: Int?
    /// `<scts>` and `<dt>` as printed.
    public var serviceCentreTimestamp: String
    public var dischargeTime: String
    /// `<st>`: TP-Status (0 delivered; TS 23.040 §9.2.3.15).
    public var reportStatus: Int

    public init(index: Int? = nil, status: SMSMessageStatus? = nil, firstOctet: Int, reference: Int, recipient: String?,
                recipientType: Int?, serviceCentreTimestamp: String, dischargeTime: String, reportStatus: Int) {
        self.index = index
        self.status = status
        self.firstOctet = firstOctet
        self.reference = reference
        self.recipient = recipient
        self.recipientType = recipientType
        self.serviceCentreTimestamp = serviceCentreTimestamp
        self.dischargeTime = dischargeTime
        self.reportStatus = reportStatus
    }
}

/// What a text-mode `+CMGR`/`+CMGL` holds.
public enum SMSTextStored: Sendable, Hashable {
    case message(SMSTextMessage)
    case statusReport(SMSTextStatusReport)
}

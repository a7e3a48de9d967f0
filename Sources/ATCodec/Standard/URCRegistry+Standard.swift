extension URCRegistry {
    /// The URCs of 3GPP TS 27.007 and TS 27.005 and the boot lines common to most modems.
    ///
    /// Dialects add their vendor URCs on top (see `ModemDialects`).
    public static let standard = URCRegistry(URCDescriptor.standard)
}

extension URCDescriptor {
    /// One following line: `+CMT` (PDU or text), `+CBM`.
    public static let oneFollowingLine: @Sendable (ArraySlice<UInt8>) -> Int = { _ in 1 }

    /// `+CDS: 25` (PDU mode: one field, the PDU follows) versus `+CDS: 6,12,...` (text mode: all on one line).
    public static let followingLineIfSingleField: @Sendable (ArraySlice<UInt8>) -> Int = { line in
        guard let colon = line.firstIndex(of: ATByte.colon) else { return 0 }
        return line[colon...].contains(ATByte.comma) ? 0 : 1
    }

    /// Registration, SMS, USSD, packet-domain events, call and indicator URCs, boot lines.
    public static let standard: [URCDescriptor] = [
        // TS 27.007 §7.2, §10.1.20, §10.1.22: registration (the read response shares the prefix).
        URCDescriptor("+CREG", .prefix("+CREG:")),
        URCDescriptor("+CGREG", .prefix("+CGREG:")),
        URCDescriptor("+CEREG", .prefix("+CEREG:")),
        URCDescriptor("+C5GREG", .prefix("+C5GREG:")),
        // TS 27.005 §3.4.1: new-message indications.
        URCDescriptor("+CMTI", .prefix("+CMTI:")),
        URCDescriptor("+CMT", .prefix("+CMT:"), followingLines: oneFollowingLine),
        URCDescriptor("+CBMI", .prefix("+CBMI:")),
        URCDescriptor("+CBM", .prefix("+CBM:"), followingLines: oneFollowingLine),
        URCDescriptor("+CDSI", .prefix("+CDSI:")),
        URCDescriptor("+CDS", .prefix("+CDS:"), followingLines: followingLineIfSingleField),
        // TS 27.007 §7.15: USSD.
        URCDescriptor("+CUSD", .prefix("+CUSD:")),
        // TS 27.007 §10.1.19: packet-domain events.
        URCDescriptor("+CGEV", .prefix("+CGEV:")),
        // TS 27.007 §7.x: calls, indicators, time zone, signalling connection, PSM/eDRX.
        URCDescriptor("RING", .exact("RING")),
        URCDescriptor("+CRING", .prefix("+CRING:")),
        URCDescriptor("+CLIP", .prefix("+CLIP:")),
        URCDescriptor("+CCWA", .prefix("+CCWA:")),
        URCDescriptor("+CIEV", .prefix("+CIEV:")),
        URCDescriptor("+CTZV", .prefix("+CTZV:")),
        URCDescriptor("+CTZE", .prefix("+CTZE:")),
        URCDescriptor("+CSCON", .prefix("+CSCON:")),
        URCDescriptor("+CEDRXP", .prefix("+CEDRXP:")),
        URCDescriptor("+CCIOTOPTI", .prefix("+CCIOTOPTI:")),
        // Boot and readiness lines (see shared reference, boot-readiness URCs).
        URCDescriptor("RDY", .exact("RDY"), bootRole: .powerOn),
        URCDescriptor("+CFUN", .prefix("+CFUN:"), bootRole: .readiness),
        URCDescriptor("+CPIN", .prefix("+CPIN:"), bootRole: .readiness),
        URCDescriptor("SMS Ready", .exact("SMS Ready"), bootRole: .readiness),
        URCDescriptor("Call Ready", .exact("Call Ready"), bootRole: .readiness),
        URCDescriptor("PB DONE", .exact("PB DONE"), bootRole: .readiness),
        URCDescriptor("SMS DONE", .exact("SMS DONE"), bootRole: .readiness),
        URCDescriptor("+PBREADY", .exact("+PBREADY"), bootRole: .readiness),
    ]
}

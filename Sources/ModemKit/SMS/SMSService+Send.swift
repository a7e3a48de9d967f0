import ATCodec
import SMSPDU

extension SMSService {
    /// Sends `text` to `number`, split into concatenated parts when needed; every part's PDU is
    /// built and checked before the first byte is written.
    ///
    /// PDU mode (default), one `+CMGS` per part:
    ///
    ///     → AT+CMGS=23
    ///     ← >␠
    ///     → 0031000C914477079000..^Z     (TP-SRR set with `statusReport`; DCS 0x10/0x18 with `flash`)
    ///     ← +CMGS: 7
    ///     ← OK
    ///
    /// Text mode: `AT+CMGF=1`, `AT+CSCS="IRA"` for one part of plain ASCII (otherwise `"UCS2"`
    /// and UCS-2 hex), `AT+CSMP=17,167,0,<dcs>`, `AT+CMGS="<number>"` with the prompt. A text
    /// that needs several parts goes as UCS-2 (67 characters a part): `AT+CSMP=81,167,0,8`
    /// (0x51: TP-UDHI; 113 with a status report) and, per part, the TP-UD with its concatenation
    /// header in hex, as TS 27.005 §3.1 says `<data>` is typed when TP-UDHI is set:
    ///
    ///     → AT+CSMP=81,167,0,8
    ///     → AT+CMGS="002B0031..."  ← >␠  → 050003070201<UCS-2 hex>^Z  ← +CMGS: 21
    ///     → AT+CMGS="002B0031..."  ← >␠  → 050003070202<UCS-2 hex>^Z  ← +CMGS: 22
    ///
    /// (7-bit parts are not sent this way: how a modem should read hex of packed septets after a
    /// header differs between manuals.) Then
    /// back to the format the service rests in (`AT+CMGF=0` and `AT+CSCS="IRA"` by default).
    /// A PDU-mode send from a service resting in text mode switches with `AT+CMGF=0` and back.
    ///
    /// - Throws: ``SMSServiceError/invalidNumber(_:)``, ``SMSServiceError/unsendableText(_:)``
    ///   and ``SMSServiceError/textModeTooLong(parts:)`` before anything is sent;
    ///   ``SMSServiceError/modem(_:sentReferences:)`` when the modem refuses a part.
    public func send(_ text: String, to number: String, options: SMSSendOptions = SMSSendOptions()) async throws(SMSServiceError) -> SMSSendResult {
        let plan = try Self.plan(text, to: number, options: options)
        let address = try Self.checkedAddress(number)
        if options.mode == .text { return try await sendText(text, to: number, plan: plan, options: options) }
        let reference = plan.partCount > 1 ? nextConcatenationReference : nil
        if reference != nil { nextConcatenationReference = (nextConcatenationReference + 1) & 0xFF }
        let template = SMSSubmit(destination: address, userData: SMSUserData(body: .text("")),
                                 validityPeriod: .relative(hours: 24), statusReportRequest: options.statusReport)
        let submits = plan.submits(to: address, reference: UInt16(reference ?? 0),
                                   messageClass: options.flash ? .class0 : nil, template: template)
        var commands: [CMGS.PDU] = []
        for submit in submits {
            let wire: SMSPDU.Encoded
            do { wire = try SMSPDU(tpdu: .submit(submit)).encoded() } catch { throw .unsendableText(error) }
            commands.append(try argument { () throws(ATArgumentError) in try CMGS.PDU(hex: wire.hex, tpduLength: wire.tpduLength) })
        }
        let references = try await exclusive { () async throws(SMSServiceError) -> [Int] in try await inPDUMode { () async throws(SMSServiceError) -> [Int] in
            var references: [Int] = []
            for (index, command) in commands.enumerated() {
                let mr = try await run(command, sent: references)
                references.append(mr)
                if options.statusReport {
                    correlator.sent(.init(reference: mr, recipient: number, part: index + 1, of: commands.count))
                }
            }
            return references
        } }
        return SMSSendResult(destination: number, encoding: plan.encoding, references: references, concatenationReference: reference)
    }

    private func sendText(_ text: String, to number: String, plan: SMSEncodingPlan, options: SMSSendOptions) async throws(SMSServiceError) -> SMSSendResult {
        let useIRA = plan.encoding == .gsm7(lockingShift: nil, singleShift: nil)
        let reference = plan.partCount > 1 ? nextConcatenationReference : nil
        if reference != nil { nextConcatenationReference = (nextConcatenationReference + 1) & 0xFF }
        let scheme = plan.dataCodingScheme(messageClass: options.flash ? .class0 : nil)
        // TP-SUBMIT, relative validity (0x11); TP-SRR (0x20); TP-UDHI (0x40) for parts with a header.
        var firstOctet = options.statusReport ? 0x31 : 0x11
        if reference != nil { firstOctet |= 0x40 }
        let parameters = CSMP.Parameters(firstOctet: firstOctet, dataCodingScheme: Int(scheme.rawValue))
        let csmp = try argument { () throws(ATArgumentError) in try CSMP.Set(parameters) }
        var commands: [CMGS.Text] = []
        if reference == nil {
            let body = useIRA ? text : text.utf16.map(CMGS.hex4).joined()
            commands.append(try argument { () throws(ATArgumentError) in try CMGS.Text(destination: number, body: body, ucs2: !useIRA) })
        } else {
            for userData in plan.userData(reference: UInt16(reference ?? 0)) {
                let octets: [UInt8]
                do { octets = try userData.octets(scheme: scheme) } catch { throw .unsendableText(error) }
                commands.append(try argument { () throws(ATArgumentError) in try CMGS.Text(destination: number, userData: octets, ucs2Address: true) })
            }
        }
        let references = try await exclusive { () async throws(SMSServiceError) -> [Int] in
            try await run(CMGF.Set(.text))
            var references: [Int] = []
            let result: Result<[Int], SMSServiceError>
            do throws(SMSServiceError) {
                try await run(useIRA ? CSCS.Set.ira : CSCS.Set.ucs2)
                try await run(csmp)
                for command in commands { references.append(try await run(command, sent: references)) }
                result = .success(references)
            } catch {
                result = .failure(error)
            }
            // Back to the service's settings whatever happened.
            try await rest()
            return try result.get()
        }
        if options.statusReport {
            for (index, mr) in references.enumerated() {
                correlator.sent(.init(reference: mr, recipient: number, part: index + 1, of: references.count))
            }
        }
        return SMSSendResult(destination: number, encoding: plan.encoding, references: references, concatenationReference: reference)
    }

    /// Checks a number and a text without a modem: the encoding and parts the text would be
    /// sent in, or the error ``send(_:to:options:)`` would throw before writing anything.
    ///
    ///     try SMSService.plan("Hello €", to: "+447700900123").partCount   // 1
    public static func plan(_ text: String, to number: String, options: SMSSendOptions = SMSSendOptions()) throws(SMSServiceError) -> SMSEncodingPlan {
        _ = try checkedAddress(number)
        let plan: SMSEncodingPlan
        do {
            plan = try SMSEncoder.plan(text, options: .init(preference: options.encoding, maxParts: options.maxParts))
        } catch {
            throw .unsendableText(error)
        }
        guard options.mode == .text else { return plan }
        // Text mode types 7-bit text only as one plain ASCII part; anything else goes as UCS-2,
        // in parts with a header shown as hex when it needs several.
        let ascii = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if plan.partCount == 1, plan.encoding == .gsm7(lockingShift: nil, singleShift: nil), ascii { return plan }
        guard options.encoding != .gsm7 else { throw .textModeTooLong(parts: plan.partCount) }
        do {
            return try SMSEncoder.plan(text, options: .init(preference: .ucs2, maxParts: options.maxParts))
        } catch {
            throw .unsendableText(error)
        }
    }

    /// An optional `+` and 1 to 20 digits, as an address; anything else is refused.
    static func checkedAddress(_ number: String) throws(SMSServiceError) -> SMSAddress {
        guard CMGS.isValidNumber(number) else { throw .invalidNumber(number) }
        return SMSAddress(number)
    }
}

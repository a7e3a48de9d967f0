import ATCodec

extension VirtualModem {
    /// Information text, framed as `ATV` says: `<cr><lf>text<cr><lf>` verbose, `text<cr><lf>`
    /// numeric (ITU-T V.250 §5.7.1).
    mutating func writeInformation(_ lines: [String]) {
        for line in lines {
            if settings.verbose {
                outBytes.append(settings.s3)
                outBytes.append(settings.s4)
            }
            appendText(line)
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        }
        if !lines.isEmpty { faultsAfterResponseLine() }
    }

    /// A final result code: `<cr><lf>OK<cr><lf>` verbose, `0<cr>` numeric, nothing with `ATQ1`.
    /// `numeric` is the V.250 number; vendor finals (`SEND OK`) print as text either way.
    mutating func writeFinal(_ text: String, numeric: Int?) {
        guard !settings.quiet else { return }
        if faultDropsResponse() { return }
        if settings.verbose || numeric == nil {
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
            appendText(text)
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        } else if let numeric {
            appendText(String(numeric))
            outBytes.append(settings.s3)
        }
    }

    /// `ERROR`, `+CME ERROR` or `+CMS ERROR`, in the form `+CMEE` selects.
    mutating func writeFailure(_ failure: ModemFailure) {
        switch failure {
        case .error:
            writeFinal("ERROR", numeric: 4)
        case .cme(let code):
            switch settings.cmee {
            case 1: writeFinal("+CME ERROR: \(code)", numeric: nil)
            case 2: writeFinal("+CME ERROR: \(CMEError(code: code).text)", numeric: nil)
            default: writeFinal("ERROR", numeric: 4)
            }
        case .cms(let code):
            if settings.cmee == 2 {
                writeFinal("+CMS ERROR: \(CMSError(code: code).text)", numeric: nil)
            } else {
                writeFinal("+CMS ERROR: \(code)", numeric: nil)
            }
        }
    }

    /// Raw bytes (a prompt), optionally after `<cr><lf>`.
    mutating func writeRaw(_ bytes: [UInt8], prefixed: Bool) {
        if prefixed {
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        }
        outBytes.append(contentsOf: bytes)
    }

    /// Sends an unsolicited result now, or after the running command's final result.
    /// A URC of several lines (`+CMT` and its PDU) goes out as one piece.
    mutating func emitURC(_ lines: String...) {
        emitURC(lines)
    }

    /// `payload` is raw bytes written right after the lines (push-mode socket data:
    /// `+RECEIVE,0,5:` then five bytes); with no lines, only the payload is written.
    mutating func emitURC(_ lines: [String], payload: [UInt8] = []) {
        guard power.answers else {
            // Asleep means no socket is open, so nothing with a payload is ever kept here.
            if power == .asleep && payload.isEmpty { sleepingURCs.append(lines) }
            return
        }
        if execution.isIdle, case .command = input, !assembler.isMidLine {
            writeURC(lines, payload: payload)
        } else {
            heldURCs.append(HeldURC(lines: lines, payload: payload))
        }
    }

    mutating func writeURC(_ lines: [String], payload: [UInt8] = []) {
        statistics.urcs += 1
        if !lines.isEmpty {
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        }
        for line in lines {
            appendText(line)
            outBytes.append(settings.s3)
            outBytes.append(settings.s4)
        }
        outBytes.append(contentsOf: payload)
    }

    private mutating func appendText(_ text: String) {
        outBytes.append(contentsOf: text.utf8)
    }
}

import CGammuBaseline
import SMSPDU

/// One pass of each SMS benchmark over a corpus; each returns a checksum to consume.
public struct SMSPasses: Sendable {
    public let corpus: SMSCorpus
    private static let destinationNumber = "+447700900123"
    private let destination = SMSAddress(destinationNumber)
    /// libgammu's input: the texts' UTF-8 end to end, each one's length, and 1 where ModemKit's
    /// plan chose UCS-2 (libgammu is handed the coding, not asked to choose it).
    private let gammuText: [UInt8]
    private let gammuLengths: [Int]
    private let gammuUCS2: [UInt8]

    public init(corpus: SMSCorpus) {
        self.corpus = corpus
        gammuText = corpus.texts.flatMap { Array($0.utf8) }
        gammuLengths = corpus.texts.map(\.utf8.count)
        gammuUCS2 = corpus.texts.map { text in
            (try? SMSEncoder.plan(text))?.encoding == .ucs2 ? 1 : 0
        }
    }

    /// ModemKit decodes every PDU (bytes → `SMSPDU`, text included).
    public func decode() -> Int {
        var checksum = 0
        for pdu in corpus.pdus {
            guard let decoded = try? SMSPDU.decode(pdu, direction: .toMobile),
                  case .deliver(let deliver) = decoded.tpdu else { return -1 }
            checksum &+= deliver.userData.text?.utf8.count ?? 0
        }
        return checksum
    }

    /// libgammu decodes the same bytes; `failures` must be 0.
    public func decodeWithGammu() -> (checksum: UInt64, failures: Int) {
        var failures = 0
        let checksum = corpus.bytes.withUnsafeBufferPointer { bytes in
            corpus.lengths.withUnsafeBufferPointer { lengths in
                mk_gammu_decode_pdus(bytes.baseAddress, lengths.baseAddress, lengths.count, &failures)
            }
        }
        return (checksum, failures)
    }

    /// ModemKit plans and encodes one single-part SMS-SUBMIT per text (text → PDU bytes and the
    /// `+CMGS` length): encoding choice, septet packing, address and header.
    public func encode() -> Int {
        var checksum = 0
        for text in corpus.texts {
            guard let plan = try? SMSEncoder.plan(text),
                  let submit = plan.submits(to: destination).first,
                  let encoded = try? SMSPDU(tpdu: .submit(submit)).encoded() else { return -1 }
            checksum &+= encoded.tpduLength
        }
        return checksum
    }

    /// libgammu encodes the same texts (`GSM_EncodeSMSFrame`, see `gammu_sms.h`); the checksum is
    /// the sum of the TPDU lengths, as `encode()`'s. `failures` must be 0.
    public func encodeWithGammu() -> (checksum: UInt64, failures: Int) {
        runGammuEncode(keepingPDUs: false).result
    }

    /// libgammu's PDUs (SMSC part included), one per text, for checking them.
    public func gammuSubmitPDUs() -> (pdus: [[UInt8]], failures: Int) {
        let run = runGammuEncode(keepingPDUs: true)
        return (run.pdus, run.result.failures)
    }

    private func runGammuEncode(keepingPDUs: Bool) -> (result: (checksum: UInt64, failures: Int), pdus: [[UInt8]]) {
        let count = gammuLengths.count
        var failures = 0
        var out = [UInt8](repeating: 0, count: keepingPDUs ? count * Int(MK_GAMMU_PDU_STRIDE) : 0)
        var outLengths = [Int](repeating: 0, count: keepingPDUs ? count : 0)
        let checksum = gammuText.withUnsafeBytes { text in
            gammuLengths.withUnsafeBufferPointer { lengths in
                gammuUCS2.withUnsafeBufferPointer { ucs2 in
                    out.withUnsafeMutableBufferPointer { out in
                        outLengths.withUnsafeMutableBufferPointer { outLengths in
                            mk_gammu_encode_submits(
                                text.baseAddress?.assumingMemoryBound(to: CChar.self), lengths.baseAddress, ucs2.baseAddress, count,
                                Self.destinationNumber, keepingPDUs ? out.baseAddress : nil,
                                keepingPDUs ? outLengths.baseAddress : nil, &failures
                            )
                        }
                    }
                }
            }
        }
        let stride = Int(MK_GAMMU_PDU_STRIDE)
        let pdus = outLengths.indices.map { Array(out[$0 * stride..<$0 * stride + outLengths[$0]]) }
        return ((checksum, failures), pdus)
    }

    /// Whether every libgammu PDU decodes (with ModemKit) to an SMS-SUBMIT to the same number with
    /// the same text; returns the first index that does not, or `nil`.
    public func firstGammuMismatch() -> Int? {
        let (pdus, failures) = gammuSubmitPDUs()
        guard failures == 0, pdus.count == corpus.texts.count else { return 0 }
        for (index, pdu) in pdus.enumerated() {
            guard let decoded = try? SMSPDU.decode(pdu, direction: .fromMobile),
                  case .submit(let submit) = decoded.tpdu,
                  submit.destination == destination,
                  submit.userData.text == corpus.texts[index] else { return index }
        }
        return nil
    }
}

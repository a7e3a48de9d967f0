import CGammuBaseline
import SMSPDU

/// One pass of each SMS benchmark over a corpus; each returns a checksum to consume.
public struct SMSPasses: Sendable {
    public let corpus: SMSCorpus
    private let destination = SMSAddress("+447700900123")

    public init(corpus: SMSCorpus) {
        self.corpus = corpus
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
}

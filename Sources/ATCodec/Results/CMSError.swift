/// A `+CMS ERROR` final result: the message service failure of 3GPP TS 27.005 §3.2.5.
///
/// SMS commands (`+CMGS`, `+CMGW`, `+CMGR`, `+CMGL`, `+CMGD`, `+CPMS`, `+CSCA`, …) end with it
/// instead of `ERROR`, numeric or verbose as `AT+CMEE` selects; many modules send the number
/// even with `AT+CMEE=0`. After `AT+CMGS` it can arrive long after the `> ` prompt, once the
/// network has answered:
///
///     AT+CMGS="+15551234567"
///     > hello<Ctrl-Z>
///     +CMS ERROR: 330                   → .smscAddressUnknown
///     +CMS ERROR: SMSC address unknown  → .smscAddressUnknown
///
/// The number ranges come from three specifications, one case per number they list:
/// - 0…127: the RP-cause the network returned (TS 24.011),
/// - 128…255: the TP-Failure-Cause of the service centre or (U)SIM (TS 23.040),
/// - 300…511: errors of the ME or TA itself (TS 27.005); 512 and up are manufacturer-specific.
///
/// Any other number is ``other(_:)`` and keeps its range's meaning in ``text``: a reserved
/// RP-cause (`+CMS ERROR: 3`, sent by legacy 2G Quectel modules before `SMS Ready`), a reserved
/// or application-specific TP-Failure-Cause, or a manufacturer-specific code (`+CMS ERROR: 604`).
///
/// Make values with ``init(code:)`` or ``init(verbose:)``: they return a listed number as its
/// case, never as `.other`, so `CMSError(code: 330) == .smscAddressUnknown`. The numbers and
/// texts live in one table (`CMSError+Table.swift`); ``code``, ``text`` and the lookups read it.
public enum CMSError: Sendable, Hashable, CustomStringConvertible {
    // MARK: RP-causes (TS 24.011 Table 8.4 and Annex E.2), 0…127
    /// `+CMS ERROR: 1`: unassigned (unallocated) number.
    case unassignedNumber
    /// `+CMS ERROR: 8`: operator determined barring.
    case operatorDeterminedBarring
    /// `+CMS ERROR: 10`: call barred.
    case callBarred
    /// `+CMS ERROR: 17`: network failure.
    case networkFailure
    /// `+CMS ERROR: 21`: short message transfer rejected.
    case shortMessageTransferRejected
    /// `+CMS ERROR: 22`: memory capacity exceeded.
    case memoryCapacityExceeded
    /// `+CMS ERROR: 27`: destination out of service.
    case destinationOutOfService
    /// `+CMS ERROR: 28`: unidentified subscriber.
    case unidentifiedSubscriber
    /// `+CMS ERROR: 29`: facility rejected.
    case facilityRejected
    /// `+CMS ERROR: 30`: unknown subscriber.
    case unknownSubscriber
    /// `+CMS ERROR: 38`: network out of order.
    case networkOutOfOrder
    /// `+CMS ERROR: 41`: temporary failure.
    case temporaryFailure
    /// `+CMS ERROR: 42`: congestion.
    case congestion
    /// `+CMS ERROR: 47`: resources unavailable, unspecified.
    case resourcesUnavailableUnspecified
    /// `+CMS ERROR: 50`: requested facility not subscribed.
    case requestedFacilityNotSubscribed
    /// `+CMS ERROR: 69`: requested facility not implemented.
    case requestedFacilityNotImplemented
    /// `+CMS ERROR: 81`: invalid short message transfer reference value.
    case invalidShortMessageTransferReferenceValue
    /// `+CMS ERROR: 95`: semantically incorrect message.
    case semanticallyIncorrectMessage
    /// `+CMS ERROR: 96`: invalid mandatory information.
    case invalidMandatoryInformation
    /// `+CMS ERROR: 97`: message type non-existent or not implemented.
    case messageTypeNonExistentOrNotImplemented
    /// `+CMS ERROR: 98`: message not compatible with short message protocol state.
    case messageNotCompatibleWithProtocolState
    /// `+CMS ERROR: 99`: information element non-existent or not implemented.
    case informationElementNonExistentOrNotImplemented
    /// `+CMS ERROR: 111`: protocol error, unspecified.
    case protocolErrorUnspecified
    /// `+CMS ERROR: 127`: interworking, unspecified.
    case interworkingUnspecified

    // MARK: TP-Failure-Causes (TS 23.040 §9.2.3.22), 128…255
    /// `+CMS ERROR: 128` (TP-FCS 0x80): telematic interworking not supported.
    case telematicInterworkingNotSupported
    /// `+CMS ERROR: 129` (TP-FCS 0x81): short message type 0 not supported.
    case shortMessageType0NotSupported
    /// `+CMS ERROR: 130` (TP-FCS 0x82): cannot replace short message.
    case cannotReplaceShortMessage
    /// `+CMS ERROR: 143` (TP-FCS 0x8F): unspecified TP-PID error.
    case unspecifiedTPPIDError
    /// `+CMS ERROR: 144` (TP-FCS 0x90): data coding scheme (alphabet) not supported.
    case dataCodingSchemeNotSupported
    /// `+CMS ERROR: 145` (TP-FCS 0x91): message class not supported.
    case messageClassNotSupported
    /// `+CMS ERROR: 159` (TP-FCS 0x9F): unspecified TP-DCS error.
    case unspecifiedTPDCSError
    /// `+CMS ERROR: 160` (TP-FCS 0xA0): command cannot be actioned.
    case commandCannotBeActioned
    /// `+CMS ERROR: 161` (TP-FCS 0xA1): command unsupported.
    case commandUnsupported
    /// `+CMS ERROR: 175` (TP-FCS 0xAF): unspecified TP-Command error.
    case unspecifiedTPCommandError
    /// `+CMS ERROR: 176` (TP-FCS 0xB0): TPDU not supported.
    case tpduNotSupported
    /// `+CMS ERROR: 192` (TP-FCS 0xC0): SC busy.
    case scBusy
    /// `+CMS ERROR: 193` (TP-FCS 0xC1): no SC subscription.
    case noSCSubscription
    /// `+CMS ERROR: 194` (TP-FCS 0xC2): SC system failure.
    case scSystemFailure
    /// `+CMS ERROR: 195` (TP-FCS 0xC3): invalid SME address.
    case invalidSMEAddress
    /// `+CMS ERROR: 196` (TP-FCS 0xC4): destination SME barred.
    case destinationSMEBarred
    /// `+CMS ERROR: 197` (TP-FCS 0xC5): SM rejected - duplicate SM.
    case smRejectedDuplicateSM
    /// `+CMS ERROR: 198` (TP-FCS 0xC6): TP-VPF not supported.
    case tpVPFNotSupported
    /// `+CMS ERROR: 199` (TP-FCS 0xC7): TP-VP not supported.
    case tpVPNotSupported
    /// `+CMS ERROR: 208` (TP-FCS 0xD0): (U)SIM SMS storage full.
    case simSMSStorageFull
    /// `+CMS ERROR: 209` (TP-FCS 0xD1): no SMS storage capability in (U)SIM.
    case noSMSStorageCapabilityInSIM
    /// `+CMS ERROR: 210` (TP-FCS 0xD2): error in MS.
    case errorInMS
    /// `+CMS ERROR: 211` (TP-FCS 0xD3): memory capacity exceeded.
    case memoryCapacityExceededInMS
    /// `+CMS ERROR: 212` (TP-FCS 0xD4): (U)SIM Application Toolkit busy.
    case simApplicationToolkitBusy
    /// `+CMS ERROR: 213` (TP-FCS 0xD5): (U)SIM data download error.
    case simDataDownloadError
    /// `+CMS ERROR: 255` (TP-FCS 0xFF): unspecified error cause.
    case unspecifiedErrorCause

    // MARK: ME and TA errors (TS 27.005 §3.2.5), 300…511
    /// `+CMS ERROR: 300`: ME failure.
    case meFailure
    /// `+CMS ERROR: 301`: SMS service of ME reserved.
    case smsServiceOfMEReserved
    /// `+CMS ERROR: 302`: operation not allowed.
    case operationNotAllowed
    /// `+CMS ERROR: 303`: operation not supported.
    case operationNotSupported
    /// `+CMS ERROR: 304`: invalid PDU mode parameter.
    case invalidPDUModeParameter
    /// `+CMS ERROR: 305`: invalid text mode parameter.
    case invalidTextModeParameter
    /// `+CMS ERROR: 310`: (U)SIM not inserted.
    case simNotInserted
    /// `+CMS ERROR: 311`: (U)SIM PIN required.
    case simPINRequired
    /// `+CMS ERROR: 312`: PH-(U)SIM PIN required.
    case phSIMPINRequired
    /// `+CMS ERROR: 313`: (U)SIM failure.
    case simFailure
    /// `+CMS ERROR: 314`: (U)SIM busy.
    case simBusy
    /// `+CMS ERROR: 315`: (U)SIM wrong.
    case simWrong
    /// `+CMS ERROR: 316`: (U)SIM PUK required.
    case simPUKRequired
    /// `+CMS ERROR: 317`: (U)SIM PIN2 required.
    case simPIN2Required
    /// `+CMS ERROR: 318`: (U)SIM PUK2 required.
    case simPUK2Required
    /// `+CMS ERROR: 320`: memory failure.
    case memoryFailure
    /// `+CMS ERROR: 321`: invalid memory index.
    case invalidMemoryIndex
    /// `+CMS ERROR: 322`: memory full.
    case memoryFull
    /// `+CMS ERROR: 330`: SMSC address unknown.
    case smscAddressUnknown
    /// `+CMS ERROR: 331`: no network service.
    case noNetworkService
    /// `+CMS ERROR: 332`: network timeout.
    case networkTimeout
    /// `+CMS ERROR: 340`: no +CNMA acknowledgement expected.
    case noCNMAAcknowledgementExpected
    /// `+CMS ERROR: 500`: unknown error.
    case unknownError

    // MARK: Unlisted

    /// A number none of the tables above lists, kept as received.
    case other(Int)
}

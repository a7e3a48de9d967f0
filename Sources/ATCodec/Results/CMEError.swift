/// A `+CME ERROR` final result: the mobile termination error of 3GPP TS 27.007 §9.2.
///
/// Modems send it in place of `ERROR` once `AT+CMEE=1` (numbers) or `AT+CMEE=2` (texts) is set:
///
///     AT+CPIN?
///     +CME ERROR: 10                    → .simNotInserted   (numeric, e.g. Quectel BG96)
///     +CME ERROR: SIM not inserted      → .simNotInserted   (verbose, e.g. SIM800)
///
/// There is one case per number the standard lists:
/// - the general errors of §9.2.1 (0…63 and 100),
/// - the packet-domain errors of §9.2.2 (102…150 and 171…233); most are a TS 24.008, TS 24.301
///   or TS 24.501 reject cause plus 100 (`+CME ERROR: 111` is cause #11 "PLMN not allowed"),
///   and their texts use the GPRS wording, the EPS and 5GS wording being accepted as aliases,
/// - the VBS, VGCS and eMLPP errors of §9.2.3 (151…165).
///
/// Any other number is ``other(_:)``: values below 256 are reserved by the standard, values from
/// 256 up are manufacturer-specific (`+CME ERROR: 515` is common in start-up traffic).
/// Networks from before Rel-11 may still send 151 for "last PDN disconnection not allowed",
/// which is now 171; 151 decodes as the current meaning, ``vbsVGCSNotSupportedByNetwork``.
///
/// Make values with ``init(code:)`` or ``init(verbose:)``: they return a listed number as its
/// case, never as `.other`, so `CMEError(code: 10) == .simNotInserted`. The numbers and texts
/// live in one table (`CMEError+Table.swift`); ``code``, ``text`` and the lookups read from it.
public enum CMEError: Sendable, Hashable, CustomStringConvertible {
    // MARK: General errors (TS 27.007 §9.2.1)
    /// `+CME ERROR: 0`: phone failure.
    case phoneFailure
    /// `+CME ERROR: 1`: no connection to phone.
    case noConnectionToPhone
    /// `+CME ERROR: 2`: phone-adaptor link reserved.
    case phoneAdaptorLinkReserved
    /// `+CME ERROR: 3`: operation not allowed.
    case operationNotAllowed
    /// `+CME ERROR: 4`: operation not supported.
    case operationNotSupported
    /// `+CME ERROR: 5`: PH-SIM PIN required.
    case phSIMPINRequired
    /// `+CME ERROR: 6`: PH-FSIM PIN required.
    case phFSIMPINRequired
    /// `+CME ERROR: 7`: PH-FSIM PUK required.
    case phFSIMPUKRequired
    /// `+CME ERROR: 10`: SIM not inserted.
    case simNotInserted
    /// `+CME ERROR: 11`: SIM PIN required.
    case simPINRequired
    /// `+CME ERROR: 12`: SIM PUK required.
    case simPUKRequired
    /// `+CME ERROR: 13`: SIM failure.
    case simFailure
    /// `+CME ERROR: 14`: SIM busy.
    case simBusy
    /// `+CME ERROR: 15`: SIM wrong.
    case simWrong
    /// `+CME ERROR: 16`: incorrect password.
    case incorrectPassword
    /// `+CME ERROR: 17`: SIM PIN2 required.
    case simPIN2Required
    /// `+CME ERROR: 18`: SIM PUK2 required.
    case simPUK2Required
    /// `+CME ERROR: 20`: memory full.
    case memoryFull
    /// `+CME ERROR: 21`: invalid index.
    case invalidIndex
    /// `+CME ERROR: 22`: not found.
    case notFound
    /// `+CME ERROR: 23`: memory failure.
    case memoryFailure
    /// `+CME ERROR: 24`: text string too long.
    case textStringTooLong
    /// `+CME ERROR: 25`: invalid characters in text string.
    case invalidCharactersInTextString
    /// `+CME ERROR: 26`: dial string too long.
    case dialStringTooLong
    /// `+CME ERROR: 27`: invalid characters in dial string.
    case invalidCharactersInDialString
    /// `+CME ERROR: 30`: no network service.
    case noNetworkService
    /// `+CME ERROR: 31`: network timeout.
    case networkTimeout
    /// `+CME ERROR: 32`: network not allowed - emergency calls only.
    case networkNotAllowedEmergencyCallsOnly
    /// `+CME ERROR: 40`: network personalization PIN required.
    case networkPersonalizationPINRequired
    /// `+CME ERROR: 41`: network personalization PUK required.
    case networkPersonalizationPUKRequired
    /// `+CME ERROR: 42`: network subset personalization PIN required.
    case networkSubsetPersonalizationPINRequired
    /// `+CME ERROR: 43`: network subset personalization PUK required.
    case networkSubsetPersonalizationPUKRequired
    /// `+CME ERROR: 44`: service provider personalization PIN required.
    case serviceProviderPersonalizationPINRequired
    /// `+CME ERROR: 45`: service provider personalization PUK required.
    case serviceProviderPersonalizationPUKRequired
    /// `+CME ERROR: 46`: corporate personalization PIN required.
    case corporatePersonalizationPINRequired
    /// `+CME ERROR: 47`: corporate personalization PUK required.
    case corporatePersonalizationPUKRequired
    /// `+CME ERROR: 48`: hidden key required.
    case hiddenKeyRequired
    /// `+CME ERROR: 49`: EAP method not supported.
    case eapMethodNotSupported
    /// `+CME ERROR: 50`: incorrect parameters.
    case incorrectParameters
    /// `+CME ERROR: 51`: command implemented but currently disabled.
    case commandImplementedButCurrentlyDisabled
    /// `+CME ERROR: 52`: command aborted by user.
    case commandAbortedByUser
    /// `+CME ERROR: 53`: not attached to network due to MT functionality restrictions.
    case notAttachedDueToMTFunctionalityRestrictions
    /// `+CME ERROR: 54`: modem not allowed - MT restricted to emergency calls only.
    case modemNotAllowedEmergencyCallsOnly
    /// `+CME ERROR: 55`: operation not allowed because of MT functionality restrictions.
    case operationNotAllowedDueToMTFunctionalityRestrictions
    /// `+CME ERROR: 56`: fixed dial number only allowed - called number is not a fixed dial number.
    case fixedDialNumberOnlyAllowed
    /// `+CME ERROR: 57`: temporarily out of service due to other MT usage.
    case temporarilyOutOfServiceDueToOtherMTUsage
    /// `+CME ERROR: 58`: language/alphabet not supported.
    case languageOrAlphabetNotSupported
    /// `+CME ERROR: 59`: unexpected data value.
    case unexpectedDataValue
    /// `+CME ERROR: 60`: system failure.
    case systemFailure
    /// `+CME ERROR: 61`: data missing.
    case dataMissing
    /// `+CME ERROR: 62`: call barred.
    case callBarred
    /// `+CME ERROR: 63`: message waiting indication subscription failure.
    case messageWaitingIndicationSubscriptionFailure
    /// `+CME ERROR: 100`: unknown.
    case unknownError

    // MARK: Packet-domain errors (TS 27.007 §9.2.2): attach, registration and context activation
    /// `+CME ERROR: 102`: IMSI unknown in HLR.
    case imsiUnknownInHLR
    /// `+CME ERROR: 103`: illegal MS.
    case illegalMS
    /// `+CME ERROR: 104`: IMSI unknown in VLR.
    case imsiUnknownInVLR
    /// `+CME ERROR: 105`: IMEI not accepted.
    case imeiNotAccepted
    /// `+CME ERROR: 106`: illegal ME.
    case illegalME
    /// `+CME ERROR: 107`: GPRS services not allowed.
    case gprsServicesNotAllowed
    /// `+CME ERROR: 108`: GPRS services and non-GPRS services not allowed.
    case gprsAndNonGPRSServicesNotAllowed
    /// `+CME ERROR: 109`: MS identity cannot be derived by the network.
    case msIdentityCannotBeDerivedByNetwork
    /// `+CME ERROR: 110`: implicitly detached.
    case implicitlyDetached
    /// `+CME ERROR: 111`: PLMN not allowed.
    case plmnNotAllowed
    /// `+CME ERROR: 112`: location area not allowed.
    case locationAreaNotAllowed
    /// `+CME ERROR: 113`: roaming not allowed in this location area.
    case roamingNotAllowedInThisLocationArea
    /// `+CME ERROR: 114`: GPRS services not allowed in this PLMN.
    case gprsServicesNotAllowedInThisPLMN
    /// `+CME ERROR: 115`: no suitable cells in location area.
    case noSuitableCellsInLocationArea
    /// `+CME ERROR: 116`: MSC temporarily not reachable.
    case mscTemporarilyNotReachable
    /// `+CME ERROR: 117`: network failure.
    case networkFailure
    /// `+CME ERROR: 118`: CS domain not available.
    case csDomainNotAvailable
    /// `+CME ERROR: 119`: ESM failure.
    case esmFailure
    /// `+CME ERROR: 122`: congestion.
    case congestion
    /// `+CME ERROR: 124`: MBMS bearer capabilities insufficient for the service.
    case mbmsBearerCapabilitiesInsufficient
    /// `+CME ERROR: 125`: not authorized for this CSG.
    case notAuthorizedForThisCSG
    /// `+CME ERROR: 126`: insufficient resources.
    case insufficientResources
    /// `+CME ERROR: 127`: missing or unknown APN.
    case missingOrUnknownAPN
    /// `+CME ERROR: 128`: unknown PDP address or PDP type.
    case unknownPDPAddressOrPDPType
    /// `+CME ERROR: 129`: user authentication failed.
    case userAuthenticationFailed
    /// `+CME ERROR: 130`: activation rejected by GGSN, Serving GW or PDN GW.
    case activationRejectedByGGSNOrGateway
    /// `+CME ERROR: 131`: activation rejected, unspecified.
    case activationRejectedUnspecified
    /// `+CME ERROR: 132`: service option not supported.
    case serviceOptionNotSupported
    /// `+CME ERROR: 133`: requested service option not subscribed.
    case requestedServiceOptionNotSubscribed
    /// `+CME ERROR: 134`: service option temporarily out of order.
    case serviceOptionTemporarilyOutOfOrder
    /// `+CME ERROR: 135`: NSAPI already used.
    case nsapiAlreadyUsed
    /// `+CME ERROR: 136`: regular deactivation.
    case regularDeactivation
    /// `+CME ERROR: 137`: QoS not accepted.
    case qosNotAccepted
    /// `+CME ERROR: 138`: call cannot be identified.
    case callCannotBeIdentified
    /// `+CME ERROR: 139`: CS service temporarily not available.
    case csServiceTemporarilyNotAvailable
    /// `+CME ERROR: 140`: feature not supported.
    case featureNotSupported
    /// `+CME ERROR: 141`: semantic error in the TFT operation.
    case semanticErrorInTFTOperation
    /// `+CME ERROR: 142`: syntactical error in the TFT operation.
    case syntacticalErrorInTFTOperation
    /// `+CME ERROR: 143`: unknown PDP context.
    case unknownPDPContext
    /// `+CME ERROR: 144`: semantic errors in packet filter(s).
    case semanticErrorsInPacketFilters
    /// `+CME ERROR: 145`: syntactical errors in packet filter(s).
    case syntacticalErrorsInPacketFilters
    /// `+CME ERROR: 146`: PDP context without TFT already activated.
    case pdpContextWithoutTFTAlreadyActivated
    /// `+CME ERROR: 147`: multicast group membership time-out.
    case multicastGroupMembershipTimeout
    /// `+CME ERROR: 148`: unspecified GPRS error.
    case unspecifiedGPRSError
    /// `+CME ERROR: 149`: PDP authentication failure.
    case pdpAuthenticationFailure
    /// `+CME ERROR: 150`: invalid mobile class.
    case invalidMobileClass

    // MARK: VBS, VGCS and eMLPP errors (TS 27.007 §9.2.3)
    /// `+CME ERROR: 151`: VBS/VGCS not supported by the network.
    case vbsVGCSNotSupportedByNetwork
    /// `+CME ERROR: 152`: no service subscription on SIM.
    case noServiceSubscriptionOnSIM
    /// `+CME ERROR: 153`: no subscription for group ID.
    case noSubscriptionForGroupID
    /// `+CME ERROR: 154`: group ID not activated on SIM.
    case groupIDNotActivatedOnSIM
    /// `+CME ERROR: 155`: no matching notification.
    case noMatchingNotification
    /// `+CME ERROR: 156`: VBS/VGCS call already present.
    case vbsVGCSCallAlreadyPresent
    /// `+CME ERROR: 157`: congestion.
    case groupCallCongestion
    /// `+CME ERROR: 158`: network failure.
    case groupCallNetworkFailure
    /// `+CME ERROR: 159`: uplink busy.
    case uplinkBusy
    /// `+CME ERROR: 160`: no access rights for SIM file.
    case noAccessRightsForSIMFile
    /// `+CME ERROR: 161`: no subscription for priority.
    case noSubscriptionForPriority
    /// `+CME ERROR: 162`: operation not applicable or not possible.
    case operationNotApplicableOrNotPossible
    /// `+CME ERROR: 163`: group ID prefixes not supported.
    case groupIDPrefixesNotSupported
    /// `+CME ERROR: 164`: group ID prefixes not usable for VBS.
    case groupIDPrefixesNotUsableForVBS
    /// `+CME ERROR: 165`: group ID prefix value invalid.
    case groupIDPrefixValueInvalid

    // MARK: Packet-domain errors (TS 27.007 §9.2.2), continued: EPS and 5GS
    /// `+CME ERROR: 171`: last PDN disconnection not allowed.
    case lastPDNDisconnectionNotAllowed
    /// `+CME ERROR: 172`: semantically incorrect message.
    case semanticallyIncorrectMessage
    /// `+CME ERROR: 173`: invalid mandatory information.
    case invalidMandatoryInformation
    /// `+CME ERROR: 174`: message type non-existent or not implemented.
    case messageTypeNonExistentOrNotImplemented
    /// `+CME ERROR: 175`: conditional IE error.
    case conditionalIEError
    /// `+CME ERROR: 176`: protocol error, unspecified.
    case protocolErrorUnspecified
    /// `+CME ERROR: 177`: operator determined barring.
    case operatorDeterminedBarring
    /// `+CME ERROR: 178`: maximum number of PDP contexts reached.
    case maximumNumberOfPDPContextsReached
    /// `+CME ERROR: 179`: requested APN not supported in current RAT and PLMN combination.
    case requestedAPNNotSupportedInCurrentRATAndPLMN
    /// `+CME ERROR: 180`: request rejected, Bearer Control Mode violation.
    case requestRejectedBearerControlModeViolation
    /// `+CME ERROR: 181`: unsupported QCI value.
    case unsupportedQCIValue
    /// `+CME ERROR: 182`: user data transmission via control plane is congested.
    case userDataTransmissionViaControlPlaneCongested
    /// `+CME ERROR: 183`: SMS provided via GPRS in this routing area.
    case smsProvidedViaGPRSInThisRoutingArea
    /// `+CME ERROR: 184`: invalid PTI value.
    case invalidPTIValue
    /// `+CME ERROR: 185`: no PDP context activated.
    case noPDPContextActivated
    /// `+CME ERROR: 186`: message not compatible with the protocol state.
    case messageNotCompatibleWithProtocolState
    /// `+CME ERROR: 187`: recovery on timer expiry.
    case recoveryOnTimerExpiry
    /// `+CME ERROR: 188`: invalid transaction identifier value.
    case invalidTransactionIdentifierValue
    /// `+CME ERROR: 189`: requested service option not authorized in this PLMN.
    case serviceOptionNotAuthorizedInThisPLMN
    /// `+CME ERROR: 190`: network failure.
    case networkFailureDuringActivation
    /// `+CME ERROR: 191`: reactivation requested.
    case reactivationRequested
    /// `+CME ERROR: 192`: PDP type IPv4 only allowed.
    case pdpTypeIPv4OnlyAllowed
    /// `+CME ERROR: 193`: PDP type IPv6 only allowed.
    case pdpTypeIPv6OnlyAllowed
    /// `+CME ERROR: 194`: single address bearers only allowed.
    case singleAddressBearersOnlyAllowed
    /// `+CME ERROR: 195`: collision with network initiated request.
    case collisionWithNetworkInitiatedRequest
    /// `+CME ERROR: 196`: PDP type IPv4v6 only allowed.
    case pdpTypeIPv4v6OnlyAllowed
    /// `+CME ERROR: 197`: PDP type non IP only allowed.
    case pdpTypeNonIPOnlyAllowed
    /// `+CME ERROR: 198`: bearer handling not supported.
    case bearerHandlingNotSupported
    /// `+CME ERROR: 199`: APN restriction value incompatible with active PDP context.
    case apnRestrictionValueIncompatible
    /// `+CME ERROR: 200`: multiple accesses to a PDN connection not allowed.
    case multipleAccessesToPDNConnectionNotAllowed
    /// `+CME ERROR: 201`: ESM information not received.
    case esmInformationNotReceived
    /// `+CME ERROR: 202`: PDN connection does not exist.
    case pdnConnectionDoesNotExist
    /// `+CME ERROR: 203`: multiple PDN connections for a given APN not allowed.
    case multiplePDNConnectionsForAPNNotAllowed
    /// `+CME ERROR: 204`: severe network failure.
    case severeNetworkFailure
    /// `+CME ERROR: 205`: insufficient resources for specific slice and DNN.
    case insufficientResourcesForSliceAndDNN
    /// `+CME ERROR: 206`: not supported SSC mode.
    case sscModeNotSupported
    /// `+CME ERROR: 207`: insufficient resources for specific slice.
    case insufficientResourcesForSlice
    /// `+CME ERROR: 208`: message type not compatible with the protocol state.
    case messageTypeNotCompatibleWithProtocolState
    /// `+CME ERROR: 209`: information element non-existent or not implemented.
    case informationElementNonExistentOrNotImplemented
    /// `+CME ERROR: 210`: N1 mode not allowed.
    case n1ModeNotAllowed
    /// `+CME ERROR: 211`: restricted service area.
    case restrictedServiceArea
    /// `+CME ERROR: 212`: LADN not available.
    case ladnNotAvailable
    /// `+CME ERROR: 213`: missing or unknown DNN in a slice.
    case missingOrUnknownDNNInSlice
    /// `+CME ERROR: 214`: ngKSI already in use.
    case ngKSIAlreadyInUse
    /// `+CME ERROR: 215`: payload was not forwarded.
    case payloadNotForwarded
    /// `+CME ERROR: 216`: non-3GPP access to 5GCN not allowed.
    case non3GPPAccessTo5GCNNotAllowed
    /// `+CME ERROR: 217`: serving network not authorized.
    case servingNetworkNotAuthorized
    /// `+CME ERROR: 218`: DNN not supported or not subscribed in the slice.
    case dnnNotSupportedOrNotSubscribedInSlice
    /// `+CME ERROR: 219`: insufficient user-plane resources for the PDU session.
    case insufficientUserPlaneResourcesForPDUSession
    /// `+CME ERROR: 220`: out of LADN service area.
    case outOfLADNServiceArea
    /// `+CME ERROR: 221`: PTI mismatch.
    case ptiMismatch
    /// `+CME ERROR: 222`: maximum data rate per UE for user-plane integrity protection is too low.
    case maximumDataRateForUserPlaneIntegrityTooLow
    /// `+CME ERROR: 223`: semantic error in the QoS operation.
    case semanticErrorInQoSOperation
    /// `+CME ERROR: 224`: syntactical error in the QoS operation.
    case syntacticalErrorInQoSOperation
    /// `+CME ERROR: 225`: invalid mapped EPS bearer identity.
    case invalidMappedEPSBearerIdentity
    /// `+CME ERROR: 226`: redirection to 5GCN required.
    case redirectionTo5GCNRequired
    /// `+CME ERROR: 227`: redirection to EPC required.
    case redirectionToEPCRequired
    /// `+CME ERROR: 228`: temporarily not authorized for this SNPN.
    case temporarilyNotAuthorizedForSNPN
    /// `+CME ERROR: 229`: permanently not authorized for this SNPN.
    case permanentlyNotAuthorizedForSNPN
    /// `+CME ERROR: 230`: PDU session type Ethernet only allowed.
    case ethernetOnlyAllowed
    /// `+CME ERROR: 231`: not authorized for this CAG or authorized for CAG cells only.
    case notAuthorizedForThisCAG
    /// `+CME ERROR: 232`: no network slices available.
    case noNetworkSlicesAvailable
    /// `+CME ERROR: 233`: wireline access area not allowed.
    case wirelineAccessAreaNotAllowed

    // MARK: Unlisted

    /// A number none of the tables above lists, kept as received: reserved (below 256) or
    /// manufacturer-specific (256 and up).
    case other(Int)
}

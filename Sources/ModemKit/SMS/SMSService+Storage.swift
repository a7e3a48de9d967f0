import ATCodec
import SMSPDU

extension SMSService {
    /// Every message in `storage`, decoded (received ones become read).
    ///
    ///     → AT+CPMS="SM","SM"          ← +CPMS: 2,30,2,30,2,30   (only when another was selected)
    ///     → AT+CMGL=4                  ← +CMGL: 1,1,,24 / PDU ...  ← OK
    public func list(_ storage: SMSStorage = .sim, status: SMSMessageStatus = .all) async throws(SMSServiceError) -> [SMSStoredMessage] {
        try await exclusive { () async throws(SMSServiceError) -> [SMSStoredMessage] in try await inPDUMode { () async throws(SMSServiceError) -> [SMSStoredMessage] in
            try await select(storage)
            var result: [SMSStoredMessage] = []
            for stored in try await run(CMGL.Execute(status: status)) {
                result.append(try Self.decoded(stored, storage: storage))
            }
            return result
        } }
    }

    /// The message at `index` of `storage`; `nil` for an empty slot.
    ///
    ///     → AT+CMGR=3                  ← +CMGR: 0,,24 / PDU  ← OK
    public func read(_ index: Int, in storage: SMSStorage = .sim) async throws(SMSServiceError) -> SMSStoredMessage? {
        let command = try argument { () throws(ATArgumentError) in try CMGR.Execute(index: index) }
        return try await exclusive { () async throws(SMSServiceError) -> SMSStoredMessage? in try await inPDUMode { () async throws(SMSServiceError) -> SMSStoredMessage? in
            try await select(storage)
            return try await run(command).map { stored throws(SMSServiceError) in try Self.decoded(stored, storage: storage) }
        } }
    }

    /// Deletes the message at `index` (or, with another scope, all read/sent/... messages).
    ///
    ///     → AT+CMGD=3                  ← OK   (AT+CMGD=1,4 with scope .all)
    public func delete(_ index: Int, in storage: SMSStorage = .sim, scope: CMGD.Scope = .index) async throws(SMSServiceError) {
        let command = try argument { () throws(ATArgumentError) in try CMGD.Set(index: index, scope: scope) }
        try await exclusive { () async throws(SMSServiceError) in
            try await select(storage)
            try await run(command)
        }
    }

    /// The use of the three `+CPMS` storages; a full receive storage is also sent as an event.
    ///
    ///     → AT+CPMS?                   ← +CPMS: "SM",30,30,"SM",30,30,"SM",30,30
    public func storageUsage() async throws(SMSServiceError) -> [CPMS.Usage] {
        let usage = try await exclusive { () async throws(SMSServiceError) -> [CPMS.Usage] in try await run(CPMS.Read()) }
        if let receive = usage.last, receive.isFull { hub.publish(.storageFull(receive.storage ?? .sim)) }
        return usage
    }

    static func decoded(_ stored: SMSStoredPDU, storage: SMSStorage) throws(SMSServiceError) -> SMSStoredMessage {
        let direction: SMSDirection = stored.status == .storedSent || stored.status == .storedUnsent ? .fromMobile : .toMobile
        do {
            let pdu = try SMSPDU.decode(hex: stored.pdu, direction: direction)
            return SMSStoredMessage(storage: storage, index: stored.index, status: stored.status, pdu: pdu, hex: stored.pdu)
        } catch {
            throw .undecodablePDU(stored.pdu, error)
        }
    }
}

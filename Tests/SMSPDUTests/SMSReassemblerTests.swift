import Testing
@testable import SMSPDU

@Suite struct SMSReassemblerTests {
    static let stamp = SMSTimestamp(year: 2024, month: 5, day: 1, hour: 12, minute: 0, second: 0, timeZoneQuarterHours: 8)

    static func part(_ from: String, _ text: String, reference: UInt8, total: UInt8, sequence: UInt8) -> SMSDeliver {
        SMSDeliver(
            originator: SMSAddress(from), serviceCentreTimestamp: stamp,
            userData: SMSUserData(header: UserDataHeader(elements: [.concatenated8(reference: reference, total: total, sequence: sequence)]), body: .text(text))
        )
    }

    static func delivered(_ actions: [SMSReassembler.Action]) -> [SMSReassembler.Message] {
        actions.compactMap { if case .deliver(let message) = $0 { message } else { nil } }
    }

    @Test func outOfOrderWithDuplicate() {
        var machine = SMSReassembler(configuration: .init(timeout: .seconds(60)))
        #expect(machine.handle(.partReceived(Self.part("+1", "c", reference: 7, total: 3, sequence: 3), at: .seconds(0))) == [.startTimer(at: .seconds(60))])
        #expect(machine.handle(.partReceived(Self.part("+1", "a", reference: 7, total: 3, sequence: 1), at: .seconds(1))) == [])
        let key = SMSReassembler.Key(originator: SMSAddress("+1"), reference: 7, total: 3)
        #expect(machine.handle(.partReceived(Self.part("+1", "a", reference: 7, total: 3, sequence: 1), at: .seconds(2))) == [.ignoredDuplicate(key, sequence: 1)])
        let actions = machine.handle(.partReceived(Self.part("+1", "b", reference: 7, total: 3, sequence: 2), at: .seconds(3)))
        #expect(Self.delivered(actions).map(\.text) == ["abc"])
        #expect(Self.delivered(actions).first?.isComplete == true)
        #expect(actions.last == .cancelTimer)
        #expect(machine.pendingCount == 0)
    }

    @Test func interleavedSendersSameReference() {
        var machine = SMSReassembler()
        _ = machine.handle(.partReceived(Self.part("+1", "A1", reference: 9, total: 2, sequence: 1), at: .zero))
        _ = machine.handle(.partReceived(Self.part("+2", "B1", reference: 9, total: 2, sequence: 1), at: .zero))
        let fromB = machine.handle(.partReceived(Self.part("+2", "B2", reference: 9, total: 2, sequence: 2), at: .seconds(1)))
        #expect(Self.delivered(fromB).map(\.text) == ["B1B2"])
        let fromA = machine.handle(.partReceived(Self.part("+1", "A2", reference: 9, total: 2, sequence: 2), at: .seconds(2)))
        #expect(Self.delivered(fromA).map(\.text) == ["A1A2"])
    }

    @Test func timeoutDeliversIncompleteWithMissingParts() {
        var machine = SMSReassembler(configuration: .init(timeout: .seconds(30)))
        _ = machine.handle(.partReceived(Self.part("+1", "a", reference: 1, total: 4, sequence: 1), at: .seconds(0)))
        _ = machine.handle(.partReceived(Self.part("+1", "c", reference: 1, total: 4, sequence: 3), at: .seconds(5)))
        #expect(machine.handle(.timerFired(at: .seconds(29))) == [])
        let actions = machine.handle(.timerFired(at: .seconds(30)))
        let message = Self.delivered(actions).first
        #expect(message?.isComplete == false)
        #expect(message?.missingParts == [2, 4])
        #expect(message?.text == "ac")
        #expect(actions.last == .cancelTimer)
    }

    @Test func boundedPendingEvictsOldestIncomplete() {
        var machine = SMSReassembler(configuration: .init(timeout: .seconds(600), maxPendingMessages: 2))
        for reference in UInt8(1)...3 {
            let actions = machine.handle(.partReceived(Self.part("+1", "x", reference: reference, total: 2, sequence: 1), at: .seconds(Int64(reference))))
            if reference == 3 {
                #expect(Self.delivered(actions).map { $0.key?.reference } == [1])
                #expect(actions.contains(.startTimer(at: .seconds(602))))
            }
        }
        #expect(machine.pendingCount == 2)
    }

    /// Some senders split UCS-2 at 67 units whatever the text: here 😀 (D83D DE00) is cut between
    /// parts 1 and 2. Each part alone shows U+FFFD; the reassembled text has the emoji.
    @Test func surrogatePairCutBetweenPartsIsJoined() throws {
        func part(_ sequence: UInt8, _ units: String) throws -> SMSDeliver {
            let hex = "00" + "44" + "0491214300" + "08" + "21108211617040"
                + PDUHex.string([UInt8(6 + units.count / 2)]) + "050003070200" + units
            var bytes = try PDUHex.bytes(hex)
            bytes[bytes.count - units.count / 2 - 1] = sequence
            guard case .deliver(let deliver) = try SMSPDU.decode(bytes, direction: .toMobile).tpdu else {
                throw PDUError(.unsupportedMessageType(0), offset: 0)
            }
            return deliver
        }
        let first = try part(1, "0041D83D"), second = try part(2, "DE000042")
        #expect(first.userData.text == "A\u{FFFD}")
        #expect(second.userData.text == "\u{FFFD}B")
        var machine = SMSReassembler()
        _ = machine.handle(.partReceived(second, at: .zero))
        let message = Self.delivered(machine.handle(.partReceived(first, at: .zero))).first
        #expect(message?.text == "A😀B")
    }

    @Test func singleAndInvalidConcatenationDeliverAtOnce() {
        var machine = SMSReassembler()
        let plain = SMSDeliver(originator: SMSAddress("+1"), serviceCentreTimestamp: Self.stamp, userData: SMSUserData(body: .text("hi")))
        #expect(Self.delivered(machine.handle(.partReceived(plain, at: .zero))).map(\.text) == ["hi"])
        let bogus = Self.part("+1", "zero", reference: 1, total: 2, sequence: 0)
        #expect(Self.delivered(machine.handle(.partReceived(bogus, at: .zero))).map(\.text) == ["zero"])
        #expect(machine.pendingCount == 0)
    }
}

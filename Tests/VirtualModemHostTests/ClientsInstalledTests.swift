import Foundation
import Testing

/// On a developer machine the gammu, smsd and mosquitto suites skip when the programs are missing; CI
/// sets MODEMKIT_REQUIRE_CLIENTS=1 so that a missing program fails the run instead.
@Test("gammu, smsd and mosquitto are installed where CI requires them")
func clientsInstalledWhenRequired() {
    guard ProcessInfo.processInfo.environment["MODEMKIT_REQUIRE_CLIENTS"] == "1" else { return }
    #expect(ClientProgram.find("gammu") != nil, "gammu missing: apt-get install gammu")
    #expect(ClientProgram.find("smsd") != nil, "smsd missing: apt-get install smstools")
    #expect(FileManager.default.isExecutableFile(atPath: "/usr/sbin/mosquitto"), "mosquitto missing: apt-get install mosquitto")
}

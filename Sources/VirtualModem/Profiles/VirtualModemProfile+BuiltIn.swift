extension VirtualModemProfile {
    /// A plain 3GPP LTE modem: only standard TS 27.007/27.005 commands.
    public static let generic = VirtualModemProfile(
        name: "generic", dialect: .generic,
        manufacturer: "ModemKit", model: "Virtual LTE", revision: "VM 1.0",
        imei: "356938035643809", imsi: "001010123456789", iccid: "8988211000000123456",
        iccidCommands: ["+CCID"], identification: ["ModemKit", "Virtual LTE", "Revision: VM 1.0"],
        bootURCs: ["+CFUN: 1"], simReadyURCs: ["+CPIN: READY"],
        accessTechnology: 7, supportsEPS: true,
        maxSockets: 0, maxSendLength: 0
    )

    /// SIMCom SIM800 (2G GSM/GPRS, CIP socket stack).
    public static let simcomSIM800 = VirtualModemProfile(
        name: "simcom-sim800", dialect: .simcomSIM800,
        manufacturer: "SIMCOM_Ltd", model: "SIMCOM_SIM800L", revision: "Revision:1418B04SIM800L24",
        imei: "865067021234567", imsi: "234150123456789", iccid: "8944200011231234567",
        iccidCommands: ["+CCID"], identification: ["SIM800 R14.18"],
        bootURCs: ["RDY", "+CFUN: 1"], simReadyURCs: ["+CPIN: READY", "Call Ready", "SMS Ready"],
        accessTechnology: 0, supportsEPS: false,
        unsupportedCommands: ["+CEREG", "+CESQ", "+CPSMS", "+CEDRXS", "+CEDRXRDP"],
        maxSockets: 6, maxSendLength: 1460,
        timing: Timing(bootTime: .seconds(2), simBusyTime: .seconds(1), registrationDelay: .seconds(3))
    )

    /// SIMCom SIM7600 (LTE Cat-1, NETOPEN/CIPOPEN socket stack).
    public static let simcomSIM7600 = VirtualModemProfile(
        name: "simcom-sim7600", dialect: .simcomSIM7600,
        manufacturer: "SIMCOM INCORPORATED", model: "SIMCOM_SIM7600E-H", revision: "+CGMR: LE20B04SIM7600M22",
        imei: "862146050123456", imsi: "310260123456789", iccid: "8901260123456789012",
        iccidCommands: ["+CICCID"], identification: ["Manufacturer: SIMCOM INCORPORATED", "Model: SIMCOM_SIM7600E-H", "Revision: LE20B04SIM7600M22", "IMEI: 862146050123456", "+GCAP: +CGSM"],
        bootURCs: ["RDY"], simReadyURCs: ["+CPIN: READY", "SMS DONE", "PB DONE"],
        accessTechnology: 7, supportsEPS: true,
        unsupportedCommands: ["+CPSMS", "+CEDRXS", "+CEDRXRDP"],
        maxSockets: 10, maxSendLength: 1500,
        timing: Timing(bootTime: .seconds(10), simBusyTime: .seconds(2), registrationDelay: .seconds(2))
    )

    /// Quectel BG96 (LTE Cat-M1/NB-IoT, QI socket stack). Reports LTE-M as AcT 8 as the real
    /// one does.
    public static let quectelBG96 = VirtualModemProfile(
        name: "quectel-bg96", dialect: .quectel,
        manufacturer: "Quectel", model: "BG96", revision: "BG96MAR02A07M1G",
        imei: "866425031234567", imsi: "310410123456789", iccid: "89014103211118510720",
        iccidCommands: ["+QCCID"], identification: ["Quectel", "BG96", "Revision: BG96MAR02A07M1G"],
        bootURCs: ["RDY", "+CFUN: 1"], simReadyURCs: ["+CPIN: READY", "+QUSIM: 1", "+QIND: SMS DONE"],
        powerDownURC: "POWERED DOWN",
        accessTechnology: 8, supportsEPS: true,
        maxSockets: 12, maxSendLength: 1460,
        timing: Timing(bootTime: .seconds(5), simBusyTime: .seconds(1), registrationDelay: .seconds(4))
    )

    /// u-blox SARA-R410M (LTE-M/NB-IoT, USO* socket stack). Prints no greeting at boot.
    public static let ubloxSARAR4 = VirtualModemProfile(
        name: "ublox-sara-r4", dialect: .ublox,
        manufacturer: "u-blox", model: "SARA-R410M-02B", revision: "L0.0.00.00.05.08 [Apr 17 2019 19:34:02]",
        imei: "352753091234567", imsi: "310170123456789", iccid: "89011703278123456789",
        iccidCommands: ["+CCID"], identification: ["SARA-R410M-02B"],
        bootURCs: [], simReadyURCs: [],
        accessTechnology: 7, supportsEPS: true,
        maxSockets: 7, maxSendLength: 1024,
        timing: Timing(bootTime: .seconds(4), simBusyTime: .seconds(1), registrationDelay: .seconds(5))
    )
}

import SQLKit
import YibaoCore

/// A registered visit or admission (`mdtrt_id`), owned by the institution that registered it.
public struct EncounterRecord: Sendable, Equatable {
    public enum Status: String, Sendable { case open, discharged, settled }
    public var admdvs: String
    public var mdtrtID: Int64
    public var psnNo: Int64
    public var institution: String
    public var insutype: String
    public var medType: String
    public var referral: Bool
    public var iptOtpNo: String
    public var begntime: LocalDate
    public var endtime: LocalDate?
    public var status: Status

    public var setting: BenefitSetting { BenefitSetting.of(medType: medType, referral: referral) ?? .outpatient }
}

extension EncounterRecord {
    init(row: any SQLRow) throws {
        admdvs = try row.decode(column: "admdvs", as: String.self)
        mdtrtID = try row.decode(column: "mdtrt_id", as: Int64.self)
        psnNo = try row.decode(column: "psn_no", as: Int64.self)
        institution = try row.decode(column: "fixmedins_code", as: String.self)
        insutype = try row.decode(column: "insutype", as: String.self)
        medType = try row.decode(column: "med_type", as: String.self)
        referral = try row.decode(column: "referral", as: Int.self) != 0
        iptOtpNo = try row.decode(column: "ipt_otp_no", as: String.self)
        begntime = try LocalDate.parse(try row.decode(column: "begntime", as: String.self))
        endtime = try row.decode(column: "endtime", as: String?.self).map { try LocalDate.parse($0) }
        status = Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .settled
    }
}

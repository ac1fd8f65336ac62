import Foundation
import YibaoCore
import YibaoStore

// Inputs and outputs of the HIS transactions, with the national field names.

/// 1101: by `psn_no`, or by identity number (`certno`, or `mdtrt_cert_no` with `mdtrt_cert_type` 02).
struct PersonQuery: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        var psnNo: HISID?
        var certno: String?
        var mdtrtCertType: String?
        var mdtrtCertNo: String?
        enum CodingKeys: String, CodingKey {
            case psnNo = "psn_no", certno, mdtrtCertType = "mdtrt_cert_type", mdtrtCertNo = "mdtrt_cert_no"
        }
    }
    var data: Data
}

/// 2201 (`input.data`) and 2401 (`input.mdtrtinfo`).
struct Registration: Decodable, Sendable {
    var psnNo: HISID
    var insutype: String
    var begntime: HISDate
    var medType: String?
    var iptOtpNo: String?
    var iptNo: String?
    /// 1 = out-of-city referral admission (转外就医).
    var referral: String?
    enum CodingKeys: String, CodingKey {
        case psnNo = "psn_no", insutype, begntime, medType = "med_type", iptOtpNo = "ipt_otp_no", iptNo = "ipt_no", referral = "refl_flag"
    }
}

struct OutpatientRegistration: Decodable, Sendable { var data: Registration }
struct AdmissionRegistration: Decodable, Sendable { var mdtrtinfo: Registration }

/// 2204 / 2301: `input.feedetail[]`.
struct FeeUpload: Decodable, Sendable {
    struct Line: Decodable, Sendable {
        var feedetlSn: String
        var mdtrtID: HISID
        var psnNo: HISID
        var medListCodg: String
        var medinsListCodg: String
        var detItemFeeSumamt: HISAmount
        var cnt: HISCount
        var pric: HISAmount
        var feeOcurTime: HISDate
        enum CodingKeys: String, CodingKey {
            case feedetlSn = "feedetl_sn", mdtrtID = "mdtrt_id", psnNo = "psn_no", medListCodg = "med_list_codg"
            case medinsListCodg = "medins_list_codg", detItemFeeSumamt = "det_item_fee_sumamt", cnt, pric, feeOcurTime = "fee_ocur_time"
        }
    }
    var feedetail: [Line]
}

/// 2206 / 2207 / 2303 / 2304: `input.data`.
struct SettleRequest: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        var psnNo: HISID
        var mdtrtID: HISID
        var medfeeSumamt: HISAmount
        var insutype: String?
        enum CodingKeys: String, CodingKey { case psnNo = "psn_no", mdtrtID = "mdtrt_id", medfeeSumamt = "medfee_sumamt", insutype }
    }
    var data: Data
}

/// 2208 / 2305: `input.data`.
struct CancelRequest: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        var setlID: HISID
        var mdtrtID: HISID
        var psnNo: HISID
        enum CodingKeys: String, CodingKey { case setlID = "setl_id", mdtrtID = "mdtrt_id", psnNo = "psn_no" }
    }
    var data: Data
}

/// 2402: `input.dscginfo`.
struct DischargeRequest: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        var mdtrtID: HISID
        var psnNo: HISID
        var endtime: HISDate
        enum CodingKeys: String, CodingKey { case mdtrtID = "mdtrt_id", psnNo = "psn_no", endtime }
    }
    var dscginfo: Data
}

// MARK: outputs

struct PersonInfo: Encodable, Sendable {
    struct Base: Encodable, Sendable {
        var psn_no: String, psn_cert_type = "01", certno: String, psn_name: String, gend: String, brdy: String, age: Int
        var insuplc_admdvs: String
    }
    struct Insurance: Encodable, Sendable {
        var insutype: String, psn_type: String, psn_insu_stas: String, psn_insu_date: String
        var paus_insu_date: String?
        var eligibility: String, eligibility_reason: String, eligibility_since: String
        var balc: Money, acct_first_level: Money, acct_second_level: Money, insuplc_admdvs: String
    }
    struct Identity: Encodable, Sendable { var psn_idet_type: String }
    var baseinfo: Base
    var insuinfo: [Insurance]
    var idetinfo: [Identity]
}

struct EncounterOpened: Encodable, Sendable {
    var mdtrt_id: String, psn_no: String, ipt_otp_no: String, med_type: String, begntime: String
}
struct OutpatientOpened: Encodable, Sendable { var data: EncounterOpened }
struct AdmissionOpened: Encodable, Sendable { var result: EncounterOpened }

/// One fee line's classification (2204 / 2301 `result[]`, settlement `setldetail[]`).
/// Declared in key order: the answer is written with sorted keys, and members that arrive in order
/// are not moved (`SortedJSONEncoder`) — a 50-line answer has 50 of these objects.
struct LineOutput: Encodable, Sendable {
    var chrgitm_lv: String, cnt: String, det_item_fee_sumamt: Money, feedetl_sn: String
    var fulamt_ownpay_amt: Money, inscp_scp_amt: Money
    /// 1 when a restriction or a missing declaration made the line self-paid.
    var lmt_used_flag: String
    var med_list_codg: String, med_list_name: String, medins_list_codg: String, memo: String
    var overlmt_amt: Money, preselfpay_amt: Money, pric: Money, pric_uplmt_amt: Money?

    init(_ line: ClassifiedLine) {
        let r = line.result
        feedetl_sn = line.fee.feedetlSn
        med_list_codg = line.fee.code
        medins_list_codg = line.fee.medinsCode
        med_list_name = line.name
        chrgitm_lv = r.listClass.chrgitmLv
        det_item_fee_sumamt = r.amount
        cnt = HISCount.format(line.fee.countE4)
        pric = line.fee.price
        pric_uplmt_amt = line.priceCeiling
        fulamt_ownpay_amt = r.fullySelfPaid
        overlmt_amt = r.overLimit
        preselfpay_amt = r.preSelfPay
        inscp_scp_amt = r.inScope
        var notes: [String] = []
        if let restriction = line.restriction { notes.append(restriction) }
        if !line.declared { notes.append("本机构未申报该项目，全自费 / not declared by the institution: fully self-paid") }
        lmt_used_flag = notes.isEmpty ? "0" : "1"
        memo = notes.joined(separator: "；")
    }
}

struct FeeUploaded: Encodable, Sendable { var result: [LineOutput] }

/// The settlement as the HIS sees it: `setlinfo` (national fields), `setldetail`, and the explanation.
struct SettlementOutput: Encodable, Sendable {
    struct SetlInfo: Encodable, Sendable {
        var ids: IDs
        var settlement: Settlement
        func encode(to encoder: any Encoder) throws {
            try settlement.nationalFields.encode(to: encoder)
            try ids.encode(to: encoder)
        }
    }
    struct IDs: Encodable, Sendable {
        var setl_id: String?
        var mdtrt_id: String, psn_no: String, psn_name: String, insutype: String, psn_type: String
    }
    struct Step: Encodable, Sendable { var zh: String, en: String }

    var setlinfo: SetlInfo
    var setldetail: [LineOutput]
    var explanation: [Step]

    init(_ bill: SettledBill) {
        setlinfo = SetlInfo(ids: IDs(setl_id: bill.setlID.map(String.init), mdtrt_id: String(bill.encounter.mdtrtID),
                                     psn_no: String(bill.person.psnNo), psn_name: bill.person.name, insutype: bill.encounter.insutype,
                                     psn_type: bill.person.category.rawValue),
                            settlement: bill.settlement)
        setldetail = bill.lines.map(LineOutput.init)
        explanation = bill.settlement.explanation.map { Step(zh: $0.text(.zh), en: $0.text(.en)) }
    }
}

struct CancelOutput: Encodable, Sendable {
    struct Info: Encodable, Sendable {
        var setl_id: String, init_setl_id: String, mdtrt_id: String, psn_no: String
        var medfee_sumamt: Money, fund_pay_sumamt: Money, acct_pay: Money, psn_cash_pay: Money, balc: Money
    }
    var setlinfo: Info
}

struct DischargeOutput: Encodable, Sendable {
    struct Info: Encodable, Sendable { var mdtrt_id: String, psn_no: String, endtime: String }
    var result: Info
}

import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Speaks the HIS envelope to a live server as the demo hospital's system client (`his`).
struct HISClient: Sendable {
    let client: LiveServer.Client
    let token: String
    let institution: String

    /// Issues a token for the demo system client `his` (bound to H35020000001).
    static func make(_ client: LiveServer.Client, user: String = "his") async throws -> HISClient {
        let admin = try await client.signIn("admin")
        let issued = try await client.send(.post, "/api/users/\(user)/tokens", body: #"{"name":"test"}"#, auth: admin)
        let token = try #require(issued.json["token"] as? String)
        let me = try await client.send(.get, "/api/me", auth: token)
        return HISClient(client: client, token: token, institution: try #require(me.json["fixmedins_code"] as? String))
    }

    /// Sends one envelope; `input` is the JSON of the `input` block.
    func call(_ infno: String, _ input: String, msgid: String = UUID().uuidString, fixmedins: String? = nil,
              date: String = "2026-11-20 09:30:00") async throws -> HISReply {
        let body = """
            {"infno":"\(infno)","msgid":"\(msgid)","mdtrtarea_admvs":"350200","insuplc_admdvs":"350200",
             "fixmedins_code":"\(fixmedins ?? institution)","opter":"001","opter_name":"收费员","inf_time":"\(date)","input":\(input)}
            """
        let reply = try await client.send(.post, "/his", body: body, auth: token)
        return HISReply(status: reply.status.code, text: reply.body)
    }

    /// 1101 by identity number → psn_no.
    func psnNo(_ name: String) async throws -> String {
        let certno = try #require(DemoData.insuredCertno(name))
        let reply = try await call("1101", #"{"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"\#(certno)"}}"#)
        try #require(reply.infcode == 0, "1101 failed: \(reply.text)")
        return try #require(reply.object("output", "baseinfo")["psn_no"] as? String)
    }

    /// 2201 or 2401 → mdtrt_id.
    func register(_ psnNo: String, admission: Bool = false, begntime: String = "2026-11-20 09:00:00") async throws -> String {
        let reply = admission
            ? try await call("2401", #"{"mdtrtinfo":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"\#(begntime)","med_type":"21","ipt_no":"Z001"}}"#)
            : try await call("2201", #"{"data":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"\#(begntime)","ipt_otp_no":"M001"}}"#)
        try #require(reply.infcode == 0, "registration failed: \(reply.text)")
        return try #require(reply.object("output", admission ? "result" : "data")["mdtrt_id"] as? String)
    }

    /// One fee line's JSON (the institution's own code is the demo's `HIS-` + catalogue code).
    static func line(_ sn: String, _ mdtrtID: String, _ psnNo: String, _ code: String, pric: String, cnt: String, amount: String,
                     date: String = "2026-11-20 09:10:00") -> String {
        """
        {"feedetl_sn":"\(sn)","mdtrt_id":"\(mdtrtID)","psn_no":"\(psnNo)","med_list_codg":"\(code)",
         "medins_list_codg":"\(DemoData.declaredCode(code))","det_item_fee_sumamt":\(amount),"cnt":\(cnt),"pric":\(pric),
         "fee_ocur_time":"\(date)"}
        """
    }

    /// The outpatient bill of HISOutpatientTests at a grade-3A demo hospital: 诊查费 10.00 × 1 (甲, all
    /// in scope), 二甲双胍 18.00 × 2 (甲, ceiling 15.00: 6.00 above it, 30.00 in scope), 维生素D 25.00 × 1
    /// (丙: fully self-paid); 71.00 in total.
    static func outpatientLines(_ mdtrtID: String, _ psnNo: String) -> [String] {
        [
            line("F1", mdtrtID, psnNo, "110200001", pric: "10.00", cnt: "1", amount: "10.00"),
            line("F2", mdtrtID, psnNo, "XA10BAA001A001010100001", pric: "18.00", cnt: "2", amount: "36.00"),
            line("F3", mdtrtID, psnNo, "XA11CCA001A001010100013", pric: "25.00", cnt: "1", amount: "25.00"),
        ]
    }

    func balance(_ psnNo: String) async throws -> Int64 {
        let row = try await client.database.read { db in
            try await db.raw("SELECT first_level_fen + second_level_fen AS b FROM person_accounts WHERE psn_no = \(bind: Int64(psnNo)!)").first()
        }
        return try #require(row).decode(column: "b", as: Int64.self)
    }

    func count(_ sql: String) async throws -> Int {
        let row = try await client.database.read { db in try await db.raw(SQLQueryString(sql)).first() }
        return try #require(row).decode(column: "n", as: Int.self)
    }
}

struct HISReply: Sendable {
    var status: Int
    var text: String
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    var infcode: Int? { json["infcode"] as? Int }
    var errCode: String? { json["err_code"] as? String }
    var errPath: String? { json["err_path"] as? String }
    var errMsg: String { json["err_msg"] as? String ?? "" }

    func object(_ keys: String...) -> [String: Any] {
        var current: Any = json
        for key in keys { current = (current as? [String: Any])?[key] ?? [:] }
        return current as? [String: Any] ?? [:]
    }

    func array(_ keys: String...) -> [[String: Any]] {
        var current: Any = json
        for key in keys.dropLast() { current = (current as? [String: Any])?[key] ?? [:] }
        return (current as? [String: Any])?[keys.last!] as? [[String: Any]] ?? []
    }

    /// A money field of `output.setlinfo`.
    func setl(_ field: String) -> String? { object("output", "setlinfo")[field] as? String }
}

import Foundation
import YibaoCore

/// The national request envelope: the transaction number, the sender's message id (unique per
/// institution; the idempotency key), the institution, the operator, the sending time, and `input`.
///
/// `input` is read as the type of the transaction `infno` names, in the same pass as the header: the
/// decoder reads the whole text each time it is asked, and a second pass for the input was 2 % of the
/// server's CPU. Its error is kept rather than thrown, so a caller hears about its input only once the
/// call is authenticated and authorised, as before.
struct HISRequest: Decodable, Sendable {
    var infno: String
    var msgid: String
    var mdtrtareaAdmvs: String?
    var insuplcAdmdvs: String?
    var fixmedinsCode: String
    var opter: String
    var opterName: String?
    var infTime: String
    /// The `input` block as `HISTransaction.inputType`, or how reading it failed (paths `input.…`);
    /// nil when `infno` names no transaction.
    var input: Result<any Sendable, any Error>?

    enum CodingKeys: String, CodingKey {
        case infno, msgid, mdtrtareaAdmvs = "mdtrtarea_admvs", insuplcAdmdvs = "insuplc_admdvs", fixmedinsCode = "fixmedins_code"
        case opter, opterName = "opter_name", infTime = "inf_time", input
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func required(_ key: CodingKeys) throws -> String {
            let value = try c.decode(String.self, forKey: key).trimmingSpaces
            guard !value.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) 不能为空 / \(key.stringValue) must not be empty")
            }
            return value
        }
        infno = try required(.infno)
        msgid = try required(.msgid)
        fixmedinsCode = try required(.fixmedinsCode)
        opter = try required(.opter)
        infTime = try required(.infTime)
        mdtrtareaAdmvs = try c.decodeIfPresent(String.self, forKey: .mdtrtareaAdmvs)
        insuplcAdmdvs = try c.decodeIfPresent(String.self, forKey: .insuplcAdmdvs)
        opterName = try c.decodeIfPresent(String.self, forKey: .opterName)
        guard infTime.count == 10 || infTime.count == 19, (try? LocalDate.parse(String(infTime.prefix(10)))) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .infTime, in: c, debugDescription:
                "inf_time 须为 YYYY-MM-DD HH:MM:SS：“\(infTime)” / inf_time must be YYYY-MM-DD HH:MM:SS: \"\(infTime)\"")
        }
        guard msgid.count <= 64 else {
            throw DecodingError.dataCorruptedError(forKey: .msgid, in: c, debugDescription: "msgid 最长 64 个字符 / msgid is at most 64 characters")
        }
        input = HISTransaction(rawValue: infno).map { transaction in
            Result { try c.decode(transaction.inputType, forKey: .input) }
        }
    }
}

/// The national response envelope: `infcode` 0 on success, otherwise an error class (see docs); the
/// platform's message id (`inf_refmsgid`), the times, and the output. Errors add `err_msg` (Chinese,
/// then English, then the field), and the stable `err_code` and `err_path`.
struct HISResponse<Output: Encodable>: Encodable {
    var infcode: Int
    var infRefmsgid: String
    var msgid: String
    var refmsgTime: String
    var respondTime: String
    var errMsg: String?
    var errCode: String?
    var errPath: String?
    var output: Output?

    enum CodingKeys: String, CodingKey {
        case infcode, infRefmsgid = "inf_refmsgid", msgid, refmsgTime = "refmsg_time", respondTime = "respond_time"
        case errMsg = "err_msg", errCode = "err_code", errPath = "err_path", output
    }
}

enum HISInfcode {
    /// 0 success; −1 invalid input; −2 unknown (person, code, encounter, settlement); −3 state does not
    /// allow it (already settled/cancelled, not covered, msgid reused); −4 not allowed (another
    /// institution's data, wrong token); −5 not authenticated.
    static func of(_ kind: DomainError.Kind) -> Int {
        switch kind {
        case .invalid: -1
        case .notFound: -2
        case .conflict: -3
        case .forbidden: -4
        case .unauthorized: -5
        }
    }
}

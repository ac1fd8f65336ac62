import Foundation
import SQLKit
import YibaoCore
import YibaoStore

/// One authenticated HIS request on its way through a transaction.
struct HISCall: Sendable {
    let services: Services
    let header: HISRequest
    let data: Data
    let institution: InstitutionRecord
    let actor: AuditActor
    let principal: Principal

    /// The envelope's `input`, read with the header as the transaction's `inputType`; throws how that failed.
    func input<T: Decodable>(_ type: T.Type) throws -> T {
        guard let input = try header.input?.get() as? T else { throw InputTypeMismatch(infno: header.infno, asked: "\(T.self)") }
        return input
    }

    /// A transaction asked for another type than its `inputType`: a programming error, answered as internal.
    struct InputTypeMismatch: Error {
        let infno: String
        let asked: String
    }

    /// Runs `body` with store errors' field paths put under `prefix` (`input.data.psn_no`).
    static func at<T>(_ prefix: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DomainError {
            throw error.path == nil || error.path == "fixmedins_code" ? error : error.at(prefix)
        }
    }

    // MARK: envelopes

    /// Beijing time (UTC+8, no daylight saving) as `yyyy-MM-dd HH:mm:ss`, by day arithmetic: a
    /// `DateFormatter` per answer cost more than the settlement's own statements.
    static func now() -> String {
        let seconds = Int64(Date().timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(LocalDate(dayNumber: Int32(days))) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }

    static func newRefmsgid() -> String { "YB" + String(IDGenerator.shared.next()) }

    func success<Output: Encodable>(_ output: Output) throws -> String {
        try StoredJSON.encode(HISResponse(infcode: 0, infRefmsgid: Self.newRefmsgid(), msgid: header.msgid, refmsgTime: header.infTime,
                                          respondTime: Self.now(), errMsg: nil, errCode: nil, errPath: nil, output: output))
    }

    /// A write transaction: runs `body` and stores the answer under the msgid, in one `Database.write`
    /// (`HISMessageLog.answerOnce`). A retry of an answered msgid returns the stored answer and changes nothing.
    func write<Output: Encodable & Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Output) async throws -> String {
        let call = self
        return try await HISMessageLog.answerOnce(admdvs: institution.admdvs, institution: institution.code, msgid: header.msgid,
                                                  infno: header.infno, requestSHA256: SecretToken.digest(Self.canonicalInput(data)),
                                                  in: services.database) { db in
            try call.success(try await body(db))
        }
    }

    /// The `input` block in canonical form (`CanonicalJSON`): a retry whose envelope differs only in
    /// `inf_time`, key order or layout is the same request.
    static func canonicalInput(_ data: Data) -> String {
        CanonicalJSON.member("input", of: data).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    // MARK: transactions

    func personQuery() async throws -> PersonInfo {
        let query = try input(PersonQuery.self).data
        let certno = query.certno ?? (query.mdtrtCertType == nil || query.mdtrtCertType == "02" ? query.mdtrtCertNo : nil)
        let persons: [PersonRecord] = try await services.database.read { db in
            if let psnNo = query.psnNo?.value {
                return try await PersonRepository.find(psnNo: psnNo, in: db).map { [$0] } ?? []
            }
            guard let certno, !certno.isEmpty else {
                throw DomainError(code: "FIELD_MISSING", message: "须提供 psn_no 或 certno（或 mdtrt_cert_type=02 的 mdtrt_cert_no）",
                                  messageEn: "give psn_no or certno (or mdtrt_cert_no with mdtrt_cert_type 02)", path: "input.data.psn_no")
            }
            return try await PersonRepository.find(certno: certno, in: db)
        }
        guard let first = persons.first else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "未找到参保人",
                              messageEn: "no insured person matches", path: query.psnNo != nil ? "input.data.psn_no" : "input.data.certno")
        }
        let today = try LocalDate.parse(String(header.infTime.prefix(10)))
        var insurance: [PersonInfo.Insurance] = []
        for person in persons {
            let account = try await services.persons.account(admdvs: person.admdvs, psnNo: person.psnNo)
            // The same answer the settlement path obeys: enrolment events, arrears, waiting periods.
            let answer = try await services.coverage(of: person, on: today)
            let coverage = CoverageBody(psnNo: person.psnNo, on: today, answer: answer)
            insurance.append(PersonInfo.Insurance(
                insutype: person.insutype, psn_type: person.category.rawValue,
                psn_insu_stas: Self.insuranceState(answer.status),
                psn_insu_date: person.enrolBegin.description, paus_insu_date: person.enrolEnd?.description,
                eligibility: coverage.status, eligibility_reason: coverage.reason.map { "\($0) / \(coverage.reason_en ?? "")" } ?? "",
                eligibility_since: coverage.since ?? coverage.until ?? "", balc: account.total, acct_first_level: account.firstLevel,
                acct_second_level: account.secondLevel, insuplc_admdvs: person.admdvs))
        }
        let number = try IdentityNumber.parse(first.certno)
        // The special statuses held on the query date (a 低保 period ended last month is not listed).
        let held = try await services.database.read { db in try await PersonRepository.asOf(first, today, in: db) }.statuses
        return PersonInfo(
            baseinfo: .init(psn_no: String(first.psnNo), certno: Authorization.identityText(number, for: principal), psn_name: first.name,
                            gend: first.sex == .male ? "1" : "2", brdy: first.birthDate.description, age: first.age(on: today),
                            insuplc_admdvs: first.admdvs),
            insuinfo: insurance,
            idetinfo: SpecialStatuses.names.filter { held.contains($0.1) }.map { PersonInfo.Identity(psn_idet_type: $0.0) })
    }

    /// National `psn_insu_stas`: 1 enrolled (benefits may still wait or be held for arrears — the
    /// eligibility fields say which), 2 suspended (interrupted), 4 ended.
    static func insuranceState(_ status: CoverageAnswer.Status) -> String {
        switch status {
        case .covered, .waitingPeriod, .arrears: return "1"
        case .interrupted: return "2"
        case .terminated, .notEnrolled: return "4"
        }
    }

    func register(_ input: Registration, admission: Bool, in db: any SQLDatabase) async throws -> EncounterOpened {
        let path = admission ? "input.mdtrtinfo" : "input.data"
        let record = try await Self.at(path) {
            try await services.settlement.register(
                psnNo: input.psnNo.value, insutype: input.insutype, medType: input.medType ?? (admission ? "21" : "11"),
                referral: input.referral == "1", begntime: input.begntime.date, iptOtpNo: input.iptNo ?? input.iptOtpNo ?? "",
                institution: institution, admission: admission, in: db)
        }
        return EncounterOpened(mdtrt_id: String(record.mdtrtID), psn_no: String(record.psnNo), ipt_otp_no: record.iptOtpNo,
                               med_type: record.medType, begntime: record.begntime.description)
    }

    /// The basis of a fee upload: every line must name the same encounter and person.
    func feeBasis(_ lines: [FeeUpload.Line], inpatient: Bool) async throws -> SettlementBasis {
        guard let first = lines.first else {
            throw DomainError(code: "FEEDETAIL_EMPTY", message: "费用明细不能为空", messageEn: "feedetail is empty", path: "input.feedetail")
        }
        for (i, line) in lines.enumerated() where line.mdtrtID.value != first.mdtrtID.value || line.psnNo.value != first.psnNo.value {
            throw DomainError(code: "FEEDETAIL_MIXED", message: "一次上传的明细须属于同一就诊和同一参保人",
                              messageEn: "all lines of one upload must belong to one encounter and one person", path: "input.feedetail[\(i)].mdtrt_id")
        }
        return try await basis(mdtrtID: first.mdtrtID.value, psnNo: first.psnNo.value, inpatient: inpatient,
                               for: .upload(codes: lines.map(\.medListCodg)), path: "input.feedetail[0]")
    }

    func settleBasis(_ input: SettleRequest.Data, inpatient: Bool) async throws -> SettlementBasis {
        let basis = try await basis(mdtrtID: input.mdtrtID.value, psnNo: input.psnNo.value, inpatient: inpatient, for: .settlement,
                                    path: "input.data")
        if let insutype = input.insutype, insutype != basis.encounter.insutype {
            throw DomainError(code: "VALUE_MISMATCH", message: "险种 \(insutype) 与就诊登记的险种 \(basis.encounter.insutype) 不符",
                              messageEn: "insutype \(insutype) differs from the encounter's \(basis.encounter.insutype)", path: "input.data.insutype")
        }
        return basis
    }

    func basis(mdtrtID: Int64, psnNo: Int64, inpatient: Bool, for use: BasisUse, path: String) async throws -> SettlementBasis {
        let today = try? LocalDate.parse(String(header.infTime.prefix(10)))
        let basis = try await Self.at(path) {
            try await services.settlement.basis(mdtrtID: mdtrtID, institution: institution, asOf: today, for: use)
        }
        guard basis.encounter.psnNo == psnNo else {
            throw DomainError(code: "VALUE_MISMATCH", message: "参保人 \(psnNo) 不是就诊 \(mdtrtID) 的参保人",
                              messageEn: "person \(psnNo) is not the person of encounter \(mdtrtID)", path: "\(path).psn_no")
        }
        guard basis.encounter.setting.isAdmission == inpatient else {
            throw DomainError(code: "MDTRT_KIND", message: inpatient ? "就诊 \(mdtrtID) 是门诊，请用门诊交易（2204/2206/2207/2208）"
                                                                    : "就诊 \(mdtrtID) 是住院，请用住院交易（2301/2303/2304/2305）",
                              messageEn: inpatient ? "encounter \(mdtrtID) is outpatient; use 2204/2206/2207/2208"
                                                   : "encounter \(mdtrtID) is an admission; use 2301/2303/2304/2305",
                              path: "\(path).mdtrt_id")
        }
        return basis
    }

    func uploadFees(_ lines: [FeeUpload.Line], basis: SettlementBasis, in db: any SQLDatabase) async throws -> FeeUploaded {
        let fees = lines.map {
            FeeDetail(feedetlSn: $0.feedetlSn, code: $0.medListCodg, medinsCode: $0.medinsListCodg, amount: $0.detItemFeeSumamt.money,
                      price: $0.pric.money, countE4: $0.cnt.e4, date: $0.feeOcurTime.date)
        }
        let classified = try await Self.at("input") { try await services.settlement.uploadFees(fees, basis: basis, in: db) }
        return FeeUploaded(result: classified.map(LineOutput.init))
    }

    func cancel(_ input: CancelRequest.Data, inpatient: Bool, in db: any SQLDatabase) async throws -> CancelOutput {
        let (cancelID, stored, balances) = try await Self.at("input.data") {
            try await services.settlement.cancel(setlID: input.setlID.value, mdtrtID: input.mdtrtID.value, psnNo: input.psnNo.value,
                                                 institution: institution.code, by: actor, in: db)
        }
        guard stored.settlement.setting.isAdmission == inpatient else {
            throw DomainError(code: "MDTRT_KIND", message: inpatient ? "结算 \(stored.setlID) 是门诊结算，请用 2208" : "结算 \(stored.setlID) 是住院结算，请用 2305",
                              messageEn: inpatient ? "settlement \(stored.setlID) is outpatient; use 2208" : "settlement \(stored.setlID) is inpatient; use 2305",
                              path: "input.data.setl_id")
        }
        let s = stored.settlement
        return CancelOutput(setlinfo: .init(setl_id: String(cancelID), init_setl_id: String(stored.setlID), mdtrt_id: String(stored.mdtrtID),
                                            psn_no: String(stored.psnNo), medfee_sumamt: -s.medfeeSumamt, fund_pay_sumamt: -s.fundPaySumamt,
                                            acct_pay: -s.acctPay, psn_cash_pay: -s.psnCashPay, balc: balances.total))
    }

    func discharge(_ input: DischargeRequest.Data, in db: any SQLDatabase) async throws -> DischargeOutput {
        let encounter = try await Self.at("input.dscginfo") {
            try await services.settlement.discharge(mdtrtID: input.mdtrtID.value, endtime: input.endtime.date,
                                                    institution: institution.code, in: db)
        }
        guard encounter.psnNo == input.psnNo.value else {
            throw DomainError(code: "VALUE_MISMATCH", message: "参保人 \(input.psnNo.value) 不是就诊 \(encounter.mdtrtID) 的参保人",
                              messageEn: "person \(input.psnNo.value) is not the person of encounter \(encounter.mdtrtID)", path: "input.dscginfo.psn_no")
        }
        return DischargeOutput(result: .init(mdtrt_id: String(encounter.mdtrtID), psn_no: String(encounter.psnNo),
                                             endtime: input.endtime.date.description))
    }
}

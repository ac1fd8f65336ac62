import SQLKit
import YibaoCore

/// Real-time settlement at designated institutions: registration, fee upload, (pre-)settlement,
/// cancel, discharge. Each write runs inside the caller's `Database.write` (the HIS layer's, which also
/// records the idempotency row), loads what it needs in a fixed number of queries whatever the number
/// of fee lines, computes with `SettlementEngine` in memory and writes every effect in that transaction.
///
/// Settlements of one person serialise on their `person_accounts` row: locked first with
/// `SELECT … FOR UPDATE` on PostgreSQL (SQLite's single writer does the same), so balances and
/// accumulators are read and written by one settlement at a time.
public struct RealTimeSettlement: Sendable {
    public let database: any Database
    /// The reference data bases read (catalogue, declarations, policy, W), kept for this database.
    let references = ReferenceCache()

    public init(database: any Database) {
        self.database = database
    }

    // MARK: registration and discharge

    /// Opens a visit (2201) or an admission (2401) for a person enrolled in `insutype` on `begntime`, as
    /// the eligibility query answers it from the stored enrolment events (`CoverageQuery`). A person who
    /// is enrolled but waiting, interrupted or in arrears is registered: the settlement then pays what
    /// that answer allows and says why.
    public func register(psnNo: Int64, insutype: String, medType: String, referral: Bool, begntime: LocalDate, iptOtpNo: String,
                         institution: String, admission: Bool, in db: any SQLDatabase) async throws -> EncounterRecord {
        try await register(psnNo: psnNo, insutype: insutype, medType: medType, referral: referral, begntime: begntime,
                           iptOtpNo: iptOtpNo, institution: InstitutionRepository.require(institution, in: db), admission: admission, in: db)
    }

    /// The same for an institution already read (the HIS layer's, found when it authenticated the call).
    public func register(psnNo: Int64, insutype: String, medType: String, referral: Bool, begntime: LocalDate, iptOtpNo: String,
                         institution: InstitutionRecord, admission: Bool, in db: any SQLDatabase) async throws -> EncounterRecord {
        guard let person = try await PersonRepository.find(psnNo: psnNo, in: db) else { throw SettlementError.personNotFound(psnNo) }
        do { _ = try Insutype.parse(insutype) } catch { throw error.at("insutype") }
        guard let setting = BenefitSetting.of(medType: medType, referral: referral), setting.isAdmission == admission else {
            throw DomainError(code: "MED_TYPE_INVALID",
                              message: "医疗类别 \(medType) 不适用于\(admission ? "住院" : "门诊")登记（门诊 11/12/13/14/15/41，住院 21/22/24）",
                              messageEn: "med_type \(medType) is not valid for \(admission ? "an admission" : "an outpatient visit") (outpatient 11/12/13/14/15/41, inpatient 21/22/24)",
                              path: "med_type")
        }
        let contributions = try await PolicyRepository.inForce(region: person.admdvs, insutype: insutype, on: begntime, in: db)?
            .section(ContributionPolicy.self) ?? ContributionPolicy()
        let coverage = try await CoverageQuery.answer(for: person, on: begntime, policy: contributions, in: db)
        guard coverage.scheme?.insutype.rawValue == insutype else {
            throw SettlementError.notCovered(psnNo, insutype, begntime, reason: coverage.reason)
        }
        let record = EncounterRecord(admdvs: person.admdvs, mdtrtID: IDGenerator.shared.next(), psnNo: psnNo, institution: institution.code,
                                     insutype: insutype, medType: medType, referral: referral, iptOtpNo: iptOtpNo, begntime: begntime,
                                     endtime: nil, status: .open)
        try await db.runDeferred(Self.insertEncounter, record.admdvs, record.mdtrtID, psnNo, institution.code, insutype, medType, referral ? 1 : 0,
                         iptOtpNo, begntime.description, record.status.rawValue, Clock.nowMillis())
        return record
    }
    private static let insertEncounter = StaticSQL("""
        INSERT INTO encounters (admdvs, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, referral, ipt_otp_no, begntime,
                                endtime, status, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11)
        """)

    /// Discharge (2402): the admission's end date, which becomes its settlement date.
    public func discharge(mdtrtID: Int64, endtime: LocalDate, institution: String, in db: any SQLDatabase) async throws -> EncounterRecord {
        var encounter = try await ownEncounter(mdtrtID, institution: institution, in: db)
        guard encounter.setting.isAdmission else {
            throw SettlementError.state("NOT_ADMISSION", "就诊记录 \(mdtrtID) 不是住院，不能办理出院", "encounter \(mdtrtID) is not an admission", path: "mdtrt_id")
        }
        guard encounter.status == .open else {
            throw SettlementError.state("ALREADY_DISCHARGED", "就诊记录 \(mdtrtID) 已出院或已结算", "encounter \(mdtrtID) is already discharged or settled", path: "mdtrt_id")
        }
        guard endtime >= encounter.begntime else {
            throw SettlementError.mismatch("endtime", "出院日期 \(endtime) 早于入院日期 \(encounter.begntime)", "discharge \(endtime) is before admission \(encounter.begntime)")
        }
        try await db.update("encounters").set("endtime", to: endtime.description).set("status", to: "discharged")
            .where("mdtrt_id", .equal, mdtrtID).run()
        encounter.endtime = endtime
        encounter.status = .discharged
        return encounter
    }

    func ownEncounter(_ mdtrtID: Int64, institution: String, in db: any SQLDatabase) async throws -> EncounterRecord {
        guard let encounter = try await Self.encounter(mdtrtID, in: db) else { throw SettlementError.encounterNotFound(mdtrtID) }
        guard encounter.institution == institution else { throw SettlementError.foreign("就诊记录", "encounter", mdtrtID, path: "mdtrt_id") }
        return encounter
    }

    // MARK: fee details

    /// Stores fee lines (2204 / 2301) and returns how each is classified. A line's `feedetl_sn` may be
    /// uploaded once per encounter; codes must be in the region's catalogue for the scheme.
    public func uploadFees(_ fees: [FeeDetail], basis: SettlementBasis, in db: any SQLDatabase) async throws -> [ClassifiedLine] {
        // The encounter's state and the serial numbers already uploaded, read together (by the basis's
        // encounter, whose identity and region never change); checked below in the order of the errors.
        let known = basis.encounter, institution = basis.institution.code
        let (encounter, existing) = try await db.together(
            { try await ownEncounter(known.mdtrtID, institution: institution, in: db) },
            { try await fees.isEmpty ? [] : db.rows(.list("SELECT feedetl_sn FROM fee_details WHERE admdvs = $1 AND mdtrt_id = $2 AND feedetl_sn",
                                                          fixed: 2, count: fees.count),
                                                    values: [known.admdvs, known.mdtrtID] + fees.map(\.feedetlSn)) })
        guard encounter.status != .settled else {
            throw SettlementError.state("MDTRT_SETTLED", "就诊记录 \(encounter.mdtrtID) 已结算，不能再上传费用明细",
                                        "encounter \(encounter.mdtrtID) is settled; no more fee details", path: "feedetail")
        }
        guard !fees.isEmpty else {
            throw DomainError(code: "FEEDETAIL_EMPTY", message: "费用明细不能为空", messageEn: "feedetail is empty", path: "feedetail")
        }
        var seen = Set<String>()
        for (i, fee) in fees.enumerated() {
            guard !fee.feedetlSn.isEmpty, seen.insert(fee.feedetlSn).inserted else {
                throw DomainError(code: "FEEDETL_SN_DUPLICATE", message: "费用明细流水号为空或重复：“\(fee.feedetlSn)”",
                                  messageEn: "feedetl_sn is empty or repeated: \"\(fee.feedetlSn)\"", path: "feedetail[\(i)].feedetl_sn")
            }
            guard FeeDetail.times(fee.price, countE4: fee.countE4) == fee.amount else {
                throw SettlementError.mismatch("feedetail[\(i)].det_item_fee_sumamt",
                    "明细金额 \(fee.amount) 不等于单价 \(fee.price) × 数量", "det_item_fee_sumamt \(fee.amount) is not pric \(fee.price) × cnt")
            }
        }
        if let row = existing.first {
            let sn = try row.decode(column: "feedetl_sn", as: String.self)
            let index = fees.firstIndex { $0.feedetlSn == sn } ?? 0
            throw SettlementError.state("FEEDETL_SN_EXISTS", "费用明细流水号 \(sn) 已上传", "feedetl_sn \(sn) was already uploaded",
                                        path: "feedetail[\(index)].feedetl_sn")
        }
        let reference = try await basis.reference.covering(fees.map(\.code), basis: basis, in: db)
        let (lines, notes) = Self.feeLines(fees, basis: basis, reference: reference)
        if let index = fees.firstIndex(where: { reference.catalogue[$0.code] == nil }) {
            throw DomainError(.notFound, code: "CATALOGUE_CODE_UNKNOWN",
                              message: "医保目录编码 \(fees[index].code) 不在统筹区 \(basis.person.admdvs) 险种 \(encounter.insutype) 的目录中",
                              messageEn: "med_list_codg \(fees[index].code) is not in the catalogue of region \(basis.person.admdvs) for insutype \(encounter.insutype)",
                              path: "feedetail[\(index)].med_list_codg")
        }
        let now = Clock.nowMillis()
        let values = fees.flatMap { fee -> [any Encodable & Sendable] in
            [encounter.admdvs, encounter.mdtrtID, fee.feedetlSn, fee.code, fee.medinsCode, fee.amount.fen, fee.price.fen, fee.countE4,
             fee.date.description, now]
        }
        try await db.runDeferred(.insert(into: "fee_details", columns: Self.feeColumns, rows: fees.count), values: values)
        // The per-line figures do not depend on eligibility or accumulators: settle the lines alone.
        let preview = try SettlementEngine.settle(
            Encounter(date: basis.date, admissionDate: nil, setting: encounter.setting, grade: basis.grade, lines: lines),
            person: basis.person.profile(account: AccountBalances()), policy: basis.policy,
            accumulators: Accumulators(yearStart: basis.policy.benefitYear.start(containing: basis.date)), averageWage: basis.averageWage)
        return fees.indices.map { i in
            ClassifiedLine(fee: fees[i], name: notes[i].name, priceCeiling: notes[i].ceiling, restriction: notes[i].restriction,
                           declared: notes[i].declared, result: preview.lines[i])
        }
    }

    /// Without `setl_id`, which starts NULL (its default): a column of nils cannot go as an array (`ColumnArrays`).
    private static let feeColumns = ["admdvs", "mdtrt_id", "feedetl_sn", "med_list_codg", "medins_list_codg", "det_item_fee_sumamt_fen",
                                     "pric_fen", "cnt_e4", "fee_ocur_time", "created_at"]

    static func pendingFees(_ encounter: EncounterRecord, in db: any SQLDatabase) async throws -> [FeeDetail] {
        try await db.rows(pendingFeesOf, encounter.admdvs, encounter.mdtrtID).map(FeeDetail.init(row:))
    }
    private static let pendingFeesOf = StaticSQL("""
        SELECT * FROM fee_details WHERE admdvs = $1 AND mdtrt_id = $2 AND setl_id IS NULL ORDER BY created_at, feedetl_sn
        """)
}

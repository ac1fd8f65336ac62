import SQLKit
import YibaoCore

/// A computed (and, after `settle`, stored) settlement with the fee lines it covered.
public struct SettledBill: Sendable {
    public var setlID: Int64?
    public var encounter: EncounterRecord
    public var person: PersonRecord
    public var settlement: Settlement
    public var lines: [ClassifiedLine]
}

extension RealTimeSettlement {
    /// Pre-settlement (2206 / 2303): the same computation as `settle`, written nowhere.
    public func preSettle(basis: SettlementBasis, medfeeSumamt: Money) async throws -> SettledBill {
        try await database.read { db in
            try await compute(basis: basis, medfeeSumamt: medfeeSumamt, lock: false, requireDischarge: false, in: db)
        }
    }

    /// Settlement (2207 / 2304) inside the caller's transaction: the settlement, its lines, the account
    /// balance and its ledger entries, the fund ledger, the accumulators, the fee lines' link and the
    /// audit row. `medfee_sumamt` must equal the uploaded lines' total, so the HIS and the platform
    /// settle the same bill.
    public func settle(basis: SettlementBasis, medfeeSumamt: Money, msgid: String, by actor: AuditActor,
                       in db: any SQLDatabase) async throws -> SettledBill {
        var bill = try await compute(basis: basis, medfeeSumamt: medfeeSumamt, lock: true, requireDischarge: true, in: db)
        let s = bill.settlement
        let e = bill.encounter
        let setlID = IDGenerator.shared.next()
        bill.setlID = setlID
        let now = Clock.nowMillis()
        try await db.runDeferred(Self.insertSettlement,
                         e.admdvs, setlID, e.mdtrtID, e.psnNo, e.institution, e.insutype, e.medType, s.date.description,
                         s.benefitYearStart.description, s.medfeeSumamt.fen, s.fulamtOwnpayAmt.fen, s.overlmtSelfpay.fen,
                         s.preselfpayAmt.fen, s.inscpScpAmt.fen, s.actPayDedc.fen, s.funds.hifp.fen, s.poolPropSelfpay.fen,
                         s.funds.hifmi.fen, s.funds.hifob.fen, s.funds.cvlserv.fen, s.funds.hifes.fen, s.funds.maf.fen, s.funds.oth.fen,
                         s.fundPaySumamt.fen, s.acctPay.fen, s.psnCashPay.fen, s.psnPartAmt.fen, s.balc.fen,
                         try StoredJSON.encode(s), msgid, now)
        let lineValues = bill.lines.enumerated().flatMap { i, line -> [any Encodable & Sendable] in
            let r = line.result
            return [e.admdvs, setlID, i + 1, line.fee.feedetlSn, r.code, r.listClass.chrgitmLv, r.amount.fen, r.fullySelfPaid.fen,
                    r.overLimit.fen, r.preSelfPay.fen, r.inScope.fen]
        }
        try await db.runDeferred(.insert(into: "settlement_lines", columns: Self.settlementLineColumns, rows: bill.lines.count),
                                 values: lineValues)
        try await db.runDeferred(Self.linkFees, setlID, e.admdvs, e.mdtrtID)
        try await db.runDeferred(Self.markSettled, EncounterRecord.Status.settled.rawValue, e.mdtrtID)
        try await writeEffects(of: s, sign: 1, balances: s.accountAfter, accumulators: s.accumulators, encounter: e, setlID: setlID,
                               kind: "settlement", in: db)
        try await AuditTrail.append(AuditEvent(region: e.admdvs, actor: actor.name, role: actor.role, action: "settlement.settle",
                                               target: "settlement:\(setlID)",
                                               after: "mdtrt_id=\(e.mdtrtID) medfee=\(s.medfeeSumamt) fund=\(s.fundPaySumamt) acct=\(s.acctPay) cash=\(s.psnCashPay)"),
                                    in: db)
        return bill
    }

    /// Balances, account ledger, fund ledger and accumulators of one settlement (`sign` 1) or its cancel (−1).
    func writeEffects(of s: Settlement, sign: Int64, balances: AccountBalances, accumulators: Accumulators, encounter e: EncounterRecord,
                      setlID: Int64, kind: String, in db: any SQLDatabase) async throws {
        if !s.acctPay.isZero {
            try await db.runDeferred(Self.setBalances, balances.firstLevel.fen, balances.secondLevel.fen, Clock.nowMillis(), e.admdvs, e.psnNo)
            try await AccountLedgerWriter.post([.init(level: .first, amount: s.acctPayFirstLevel * -sign),
                                                .init(level: .second, amount: s.acctPaySecondLevel * -sign)],
                                               admdvs: e.admdvs, psnNo: e.psnNo, counterparty: "institution_payable:\(e.admdvs)",
                                               setlID: setlID, kind: kind, in: db)
        }
        try await FundLedgerWriter.post(s.funds, sign: sign, admdvs: e.admdvs, insutype: e.insutype, institution: e.institution,
                                        psnNo: e.psnNo, setlID: setlID, kind: kind, in: db)
        try await AccumulatorStore.save(accumulators, admdvs: e.admdvs, psnNo: e.psnNo, insutype: e.insutype,
                                        yearStart: s.benefitYearStart, in: db)
    }

    private static let insertSettlement = StaticSQL("""
        INSERT INTO settlements (admdvs, setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, setl_time, benefit_year_start,
            medfee_sumamt_fen, fulamt_ownpay_amt_fen, overlmt_selfpay_fen, preselfpay_amt_fen, inscp_scp_amt_fen,
            act_pay_dedc_fen, hifp_pay_fen, pool_prop_selfpay_fen, hifmi_pay_fen, hifob_pay_fen, cvlserv_pay_fen,
            hifes_pay_fen, maf_pay_fen, oth_pay_fen, fund_pay_sumamt_fen, acct_pay_fen, psn_cash_pay_fen,
            psn_part_amt_fen, balc_fen, status, cancel_setl_id, cancelled_at, detail, msgid, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
            $25, $26, $27, $28, 'settled', NULL, NULL, $29, $30, $31)
        """)
    private static let settlementLineColumns = ["admdvs", "setl_id", "line_no", "feedetl_sn", "med_list_codg", "chrgitm_lv",
                                                "det_item_fee_sumamt_fen", "fulamt_ownpay_amt_fen", "overlmt_amt_fen",
                                                "preselfpay_amt_fen", "inscp_scp_amt_fen"]
    private static let linkFees = StaticSQL("UPDATE fee_details SET setl_id = $1 WHERE admdvs = $2 AND mdtrt_id = $3 AND setl_id IS NULL")
    private static let markSettled = StaticSQL("UPDATE encounters SET status = $1 WHERE mdtrt_id = $2")
    private static let setBalances = StaticSQL("""
        UPDATE person_accounts SET first_level_fen = $1, second_level_fen = $2, updated_at = $3 WHERE admdvs = $4 AND psn_no = $5
        """)

    /// Loads the rows one settlement needs — the person's account (locked when settling), the
    /// encounter's state, its unsettled lines and the accumulators; the catalogue, declarations and
    /// eligibility come with the basis, or are read here when it lacks them — and settles in memory.
    func compute(basis: SettlementBasis, medfeeSumamt: Money, lock: Bool, requireDischarge: Bool,
                 in db: any SQLDatabase) async throws -> SettledBill {
        let person = basis.person
        let known = basis.encounter, institution = basis.institution.code
        let yearStart = basis.policy.benefitYear.start(containing: basis.date)
        // Read after the lock, so they see what committed before it; by the basis's encounter, whose
        // identity, region and scheme never change.
        let (account, (encounter, fees, accumulators)) = try await PersonRepository.account(
            admdvs: person.admdvs, psnNo: person.psnNo, lock: lock, in: db, then: {
                try await db.together(
                    { try await ownEncounter(known.mdtrtID, institution: institution, in: db) },
                    { try await Self.pendingFees(known, in: db) },
                    { try await AccumulatorStore.load(admdvs: person.admdvs, psnNo: person.psnNo, insutype: known.insutype,
                                                      yearStart: yearStart, in: db) })
            })
        guard encounter.status != .settled else {
            throw SettlementError.state("MDTRT_SETTLED", "就诊记录 \(encounter.mdtrtID) 已结算（如需重新结算请先撤销）",
                                        "encounter \(encounter.mdtrtID) is already settled (cancel it first to settle again)", path: "mdtrt_id")
        }
        if requireDischarge, encounter.setting.isAdmission, encounter.status != .discharged {
            throw SettlementError.state("NOT_DISCHARGED", "住院就诊 \(encounter.mdtrtID) 尚未办理出院（2402），不能结算",
                                        "admission \(encounter.mdtrtID) is not discharged yet (2402); it cannot be settled", path: "mdtrt_id")
        }
        guard !fees.isEmpty else {
            throw SettlementError.state("NO_FEE_DETAILS", "就诊记录 \(encounter.mdtrtID) 没有待结算的费用明细",
                                        "encounter \(encounter.mdtrtID) has no unsettled fee details", path: "mdtrt_id")
        }
        let total = fees.reduce(Money.zero) { $0 + $1.amount }
        guard total == medfeeSumamt else {
            throw SettlementError.mismatch("medfee_sumamt", "医疗费总额 \(medfeeSumamt) 与已上传明细合计 \(total) 不符",
                                           "medfee_sumamt \(medfeeSumamt) differs from the uploaded lines' total \(total)")
        }
        try CrossYearRule.check(policy: basis.policy, setting: encounter.setting, settlementDate: basis.date,
                                feeDates: fees.map(\.date))
        let reference = try await basis.reference.covering(fees.map(\.code), basis: basis, in: db)
        let (lines, notes) = Self.feeLines(fees, basis: basis, reference: reference)
        let eligibility = if let known = basis.eligibility { known } else {
            try await Self.eligibility(basis, designations: {
                try await InstitutionDesignationRepository.history(basis.institution.code, in: db)
            }, in: db)
        }
        let settlement = try SettlementEngine.settle(
            Encounter(date: basis.date, admissionDate: encounter.setting.isAdmission ? encounter.begntime : nil,
                      setting: encounter.setting, grade: basis.grade, lines: lines),
            person: person.profile(account: account), policy: basis.policy, accumulators: accumulators,
            averageWage: basis.averageWage, eligibility: eligibility)
        let classified = fees.indices.map { i in
            ClassifiedLine(fee: fees[i], name: notes[i].name, priceCeiling: notes[i].ceiling, restriction: notes[i].restriction,
                           declared: notes[i].declared, result: settlement.lines[i])
        }
        return SettledBill(setlID: nil, encounter: encounter, person: person, settlement: settlement, lines: classified)
    }
}

import SQLKit
import YibaoCore

/// A stored settlement as the API shows it.
public struct StoredSettlement: Sendable {
    public var admdvs: String
    public var setlID: Int64
    public var mdtrtID: Int64
    public var psnNo: Int64
    public var institution: String
    public var insutype: String
    public var cancelled: Bool
    public var cancelSetlID: Int64?
    public var settlement: Settlement
    public var feedetlSns: [String]
}

extension RealTimeSettlement {
    /// Cancels settlement `setlID` (2208 / 2305) for the institution that made it: balances, ledgers and
    /// accumulators get exactly this settlement's effects taken back (later settlements stay), the fee
    /// lines become unsettled again. A cancelled settlement cannot be cancelled again. Returns the
    /// reversal's id and the restored balances.
    public func cancel(setlID: Int64, mdtrtID: Int64?, psnNo: Int64?, institution: String, by actor: AuditActor,
                       in db: any SQLDatabase) async throws -> (cancelSetlID: Int64, stored: StoredSettlement, account: AccountBalances) {
        let found = try await Self.stored(setlID, in: db)
        guard var stored = found else {
            throw DomainError(.notFound, code: "SETTLEMENT_NOT_FOUND", message: "结算记录不存在：\(setlID)",
                              messageEn: "no settlement \(setlID)", path: "setl_id")
        }
        guard stored.institution == institution else { throw SettlementError.foreign("结算记录", "settlement", setlID, path: "setl_id") }
        if let mdtrtID, mdtrtID != stored.mdtrtID {
            throw SettlementError.mismatch("mdtrt_id", "结算 \(setlID) 不属于就诊 \(mdtrtID)", "settlement \(setlID) does not belong to encounter \(mdtrtID)")
        }
        if let psnNo, psnNo != stored.psnNo {
            throw SettlementError.mismatch("psn_no", "结算 \(setlID) 不属于参保人 \(psnNo)", "settlement \(setlID) does not belong to person \(psnNo)")
        }
        // Lock the person first, then re-read the status: two cancels cannot both see "settled".
        let account = try await PersonRepository.account(admdvs: stored.admdvs, psnNo: stored.psnNo, lock: true, in: db)
        stored = try await Self.stored(setlID, in: db) ?? stored
        guard !stored.cancelled else {
            throw SettlementError.state("SETTLEMENT_CANCELLED", "结算 \(setlID) 已撤销，不能再次撤销",
                                        "settlement \(setlID) is already cancelled and cannot be cancelled again", path: "setl_id")
        }
        let s = stored.settlement
        let current = try await AccumulatorStore.load(admdvs: stored.admdvs, psnNo: stored.psnNo, insutype: stored.insutype,
                                                      yearStart: s.benefitYearStart, in: db)
        let (accumulators, balances) = try s.cancel(accumulators: current, account: account)
        guard let encounter = try await Self.encounter(stored.mdtrtID, in: db) else { throw SettlementError.encounterNotFound(stored.mdtrtID) }
        let cancelID = IDGenerator.shared.next()
        try await writeEffects(of: s, sign: -1, balances: balances, accumulators: accumulators, encounter: encounter, setlID: setlID,
                               kind: "cancel", in: db)
        try await db.update("settlements").set("status", to: "cancelled").set("cancel_setl_id", to: cancelID)
            .set("cancelled_at", to: Clock.nowMillis()).where("setl_id", .equal, setlID).run()
        try await db.update("fee_details").set("setl_id", to: SQLLiteral.null)
            .where("admdvs", .equal, stored.admdvs).where("mdtrt_id", .equal, stored.mdtrtID).where("setl_id", .equal, setlID).run()
        let reopened: EncounterRecord.Status = encounter.endtime == nil ? .open : .discharged
        try await db.update("encounters").set("status", to: reopened.rawValue).where("mdtrt_id", .equal, stored.mdtrtID).run()
        try await AuditTrail.append(AuditEvent(region: stored.admdvs, actor: actor.name, role: actor.role, action: "settlement.cancel",
                                               target: "settlement:\(setlID)", before: "settled", after: "cancelled by \(cancelID)"), in: db)
        stored.cancelled = true
        stored.cancelSetlID = cancelID
        return (cancelID, stored, balances)
    }

    public func find(setlID: Int64) async throws -> StoredSettlement? {
        try await database.read { db in try await Self.stored(setlID, in: db) }
    }

    static func stored(_ setlID: Int64, in db: any SQLDatabase) async throws -> StoredSettlement? {
        guard let row = try await db.select().column("*").from("settlements").where("setl_id", .equal, setlID).first() else { return nil }
        let admdvs = try row.decode(column: "admdvs", as: String.self)
        let sns = try await db.select().column("feedetl_sn").from("settlement_lines")
            .where("admdvs", .equal, admdvs).where("setl_id", .equal, setlID).orderBy("line_no").all()
            .map { try $0.decode(column: "feedetl_sn", as: String.self) }
        return StoredSettlement(admdvs: admdvs, setlID: setlID,
                                mdtrtID: try row.decode(column: "mdtrt_id", as: Int64.self),
                                psnNo: try row.decode(column: "psn_no", as: Int64.self),
                                institution: try row.decode(column: "fixmedins_code", as: String.self),
                                insutype: try row.decode(column: "insutype", as: String.self),
                                cancelled: try row.decode(column: "status", as: String.self) == "cancelled",
                                cancelSetlID: try row.decode(column: "cancel_setl_id", as: Int64?.self),
                                settlement: try StoredJSON.decode(Settlement.self, try row.decode(column: "detail", as: String.self)),
                                feedetlSns: sns)
    }
}

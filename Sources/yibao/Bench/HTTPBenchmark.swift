import Foundation
import YibaoCore

/// Real-time settlement over HTTP against a running server on 127.0.0.1: `clients` concurrent HIS
/// clients, each on its own thread and keep-alive connection, looping register → fee upload →
/// (discharge →) settle with fresh msgids until the time or the request budget runs out. Bodies are
/// built as text and answers scanned for the few fields needed, so the generator spends little of the
/// shared CPU.
struct HTTPBenchmark: Sendable {
    /// `settle` is the outpatient flow without its registration: the visits are registered (2201)
    /// before the level's clock starts, and a flow is the fee upload and the settlement (2204 + 2207),
    /// the pair a HIS calls at the cashier's desk.
    ///
    /// `envelope` is the floor under the others: three calls a flow, as an outpatient flow makes,
    /// each naming no transaction (infno 0000, answered `INFNO_UNKNOWN`). They pay what every HIS call
    /// pays before its transaction (HTTP, the token's look-up, the envelope, the institution, the answer)
    /// and nothing more.
    ///
    /// `pharmacy` is a purchase at a designated pharmacy (医保定点药店购药, med_type 41): register, five
    /// drug lines, settle, with a token of the pharmacy's own system.
    enum Kind: String, Sendable, CaseIterable { case outpatient, settle, inpatient, envelope, pharmacy }

    struct Result: Sendable {
        var clients: Int
        var settlements: Int
        var seconds: Double
        var settle: [Duration]
        var flow: [Duration]
        var errors: [String: Int]
        /// The server's CPU seconds and its SQLite writer's held seconds over the timed window, from
        /// its `/metrics` (nil where the server does not report them: the writer on PostgreSQL).
        var serverCPU: Double?
        var writerHeld: Double?
        var perSecond: Double { Double(settlements) / seconds }
    }

    /// An outpatient visit registered before the clock starts (`settle`).
    struct Visit: Sendable { var psnNo: String; var mdtrtID: String }

    /// One demo fee line: catalogue code, unit price in fen, count.
    struct Line: Sendable { var code: String; var priceFen: Int64; var count: Int64 }

    let port: UInt16
    let token: String
    let institution: String
    let kind: Kind
    let runID: String

    /// Xiamen employee-scheme items every demo hospital declares (no sex or grade restriction).
    static let codes = [
        "110200001", "XA10BAA001A001010100001", "XC09AAA001A001010100002", "XJ01CAA040A001010100003", "XN02BEA001A001010100004",
        "XA02BCA001A001010100005", "XC10AAA005A001010100006", "XJ01DDA001A001010100007", "XR03ACA002A001010100009",
        "XA11CCA001A001010100013", "250101001", "250301001", "310701001", "120100001", "120400001", "210300001",
        "C0101010010000000001", "XM01AEA001A001010100015", "XA07BCA001A001010100017", "XJ05ABA001A001010100018",
    ]

    /// 5 outpatient or 50 inpatient lines; prices vary so some lines pass their ceiling. A pharmacy
    /// sells drugs only (its declared items).
    var lines: [Line] {
        let count = kind == .inpatient ? 50 : 5
        let codes = kind == .pharmacy ? Self.codes.filter { $0.hasPrefix("X") } : Self.codes
        return (0..<count).map { i in Line(code: codes[i % codes.count], priceFen: Int64(500 + (i * 137) % 2_500), count: Int64(1 + i % 3)) }
    }

    static func money(_ fen: Int64) -> String { Money(fen: fen).description }

    /// Reads `psn_no` of each identity number with 1101.
    func persons(certnos: [String]) throws -> [String] {
        let connection = try LoopbackConnection(port: port)
        var result: [String] = []
        for (i, certno) in certnos.enumerated() {
            let (text, _) = try post(connection, infno: "1101", msgid: "\(runID)-q\(i)", input: #"{"data":{"certno":"\#(certno)"}}"#)
            guard Self.infcode(text) == 0, let psnNo = Self.field("psn_no", in: text) else {
                throw DomainError(code: "BENCH_PERSON", message: "查询参保人失败：\(text.prefix(300))", messageEn: "1101 failed: \(text.prefix(300))")
            }
            result.append(psnNo)
        }
        return result
    }

    /// Runs `clients` loops for at most `seconds` and `maxFlows` settlements in all (for `settle`,
    /// `maxFlows` visits are registered first, outside the clock). Each client is a thread of its own
    /// with blocking sockets; the caller's task waits without holding a thread of Swift's cooperative pool.
    func run(clients: Int, seconds: Double, maxFlows: Int, persons: [String], level: Int) async throws -> Result {
        let visits = kind == .settle ? try await register(maxFlows, clients: clients, persons: persons, level: level) : []
        let before = try ServerGauges(port: port)
        let clock = ContinuousClock()
        let begin = clock.now
        let deadline = begin + .milliseconds(Int64(seconds * 1000))
        let budget = Budget(maxFlows)
        let outcomes = await Self.onThreads(clients) { c in
            var outcome = ClientOutcome()
            do {
                let connection = try LoopbackConnection(port: port)
                // The n-th flow of the level, whichever client takes it: consecutive flows are for
                // different people, so while there are more people than clients no two clients
                // settle for the same person at once.
                while clock.now < deadline, let n = budget.take() {
                    let prefix = "\(runID)-\(level)-\(n)"
                    if kind == .settle {
                        let visit = visits[n]
                        settle(connection, psnNo: visit.psnNo, mdtrtID: visit.mdtrtID, prefix: prefix, clock: clock, start: clock.now, into: &outcome)
                    } else {
                        flow(connection, psnNo: persons[n % persons.count], prefix: prefix, clock: clock, into: &outcome)
                    }
                    if outcome.broken { break }
                }
            } catch {
                outcome.errors["transport: \(error)", default: 0] += 1
            }
            return outcome
        }
        let elapsed = clock.now - begin
        let after = try ServerGauges(port: port)
        var all = ClientOutcome()
        for outcome in outcomes { all.merge(outcome) }
        return Result(clients: clients, settlements: all.settle.count,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      settle: all.settle.sorted(), flow: all.flow.sorted(), errors: all.errors,
                      serverCPU: after.cpu.flatMap { a in before.cpu.map { a - $0 } },
                      writerHeld: after.writer.flatMap { a in before.writer.map { a - $0 } })
    }

    /// Registers `count` outpatient visits (2201) on at least 8 connections (so a 1-client level does
    /// not wait long for its visits), the n-th for the n-th person in turn, and returns them in that order.
    func register(_ count: Int, clients: Int, persons: [String], level: Int) async throws -> [Visit] {
        let connections = max(clients, 8)
        let parts = await Self.onThreads(connections) { c -> Swift.Result<[(Int, Visit)], any Error> in
            Swift.Result {
                let connection = try LoopbackConnection(port: port)
                return try stride(from: c, to: count, by: connections).map { n in
                    let psnNo = persons[n % persons.count]
                    let (text, _) = try post(connection, infno: "2201", msgid: "\(runID)-\(level)-v\(n)", input: Self.outpatientVisit(psnNo, n: "\(runID)-\(level)-v\(n)"))
                    guard Self.infcode(text) == 0, let mdtrtID = Self.field("mdtrt_id", in: text) else {
                        throw DomainError(code: "BENCH_REGISTER", message: "预先登记就诊失败：\(text.prefix(300))", messageEn: "2201 failed: \(text.prefix(300))")
                    }
                    return (n, Visit(psnNo: psnNo, mdtrtID: mdtrtID))
                }
            }
        }
        return try parts.flatMap { try $0.get() }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Runs `body(c)` for c in 0..<count, each on a thread of its own, and returns what they return.
    static func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        let results = Gathered<T>()
        let done = DispatchGroup()
        for c in 0..<count {
            done.enter()
            Thread.detachNewThread {
                results.add(body(c))
                done.leave()
            }
        }
        await withCheckedContinuation { finished in done.notify(queue: .global()) { finished.resume() } }
        return results.all
    }

    struct ClientOutcome: Sendable {
        var settle: [Duration] = []
        var flow: [Duration] = []
        var errors: [String: Int] = [:]
        /// The connection failed: this client stops (the server closed it or went away).
        var broken = false
        mutating func merge(_ other: ClientOutcome) {
            settle += other.settle
            flow += other.flow
            errors.merge(other.errors, uniquingKeysWith: +)
        }
    }

    /// What the threads return, gathered as they finish.
    final class Gathered<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [T] = []
        func add(_ item: T) { lock.withLock { items.append(item) } }
        var all: [T] { lock.withLock { items } }
    }

    /// The shared flow budget of one level: hands out flow numbers 0, 1, … below the limit.
    final class Budget: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let limit: Int
        init(_ limit: Int) { self.limit = limit }
        func take() -> Int? { lock.withLock { guard next < limit else { return nil }; defer { next += 1 }; return next } }
    }

    /// The server's running totals read from its `/metrics`: CPU seconds, and the SQLite writer's held seconds.
    struct ServerGauges {
        var cpu: Double?
        var writer: Double?

        init(port: UInt16) throws {
            let answer = try LoopbackConnection(port: port)
                .exchange(Array("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
            func gauge(_ name: String) -> Double? {
                answer.body.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
            }
            cpu = gauge("yibao_process_cpu_seconds")
            writer = gauge("yibao_sqlite_writer_busy_seconds")
        }
    }

    /// The 2201 input of an outpatient visit (or a pharmacy purchase, med_type 41) numbered `n` by its HIS.
    static func outpatientVisit(_ psnNo: String, n: String, medType: String = "11") -> String {
        #"{"data":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"2026-11-20 09:00:00","med_type":"\#(medType)","ipt_otp_no":"\#(n)"}}"#
    }

    /// One encounter from registration to settlement; a failed step ends the flow and counts its error.
    func flow(_ connection: LoopbackConnection, psnNo: String, prefix: String, clock: ContinuousClock, into outcome: inout ClientOutcome) {
        let start = clock.now
        if kind == .envelope { return envelopes(connection, prefix: prefix, clock: clock, start: start, into: &outcome) }
        do {
            let inpatient = kind == .inpatient
            let register = inpatient
                ? #"{"mdtrtinfo":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"2026-11-01 08:00:00","med_type":"21","ipt_no":"\#(prefix)"}}"#
                : Self.outpatientVisit(psnNo, n: prefix, medType: kind == .pharmacy ? "41" : "11")
            let opened = try step(connection, infno: inpatient ? "2401" : "2201", msgid: "\(prefix)-r", input: register, into: &outcome)
            guard let mdtrtID = Self.field("mdtrt_id", in: opened) else { throw StepFailed() }
            settle(connection, psnNo: psnNo, mdtrtID: mdtrtID, prefix: prefix, clock: clock, start: start, into: &outcome)
        } catch is StepFailed {
        } catch {
            outcome.errors["transport: \(error)", default: 0] += 1
            outcome.broken = true
        }
    }

    /// The fee upload (and, inpatient, the discharge) and the settlement of a registered visit; the
    /// flow's time counts from `start`.
    func settle(_ connection: LoopbackConnection, psnNo: String, mdtrtID: String, prefix: String, clock: ContinuousClock,
                start: ContinuousClock.Instant, into outcome: inout ClientOutcome) {
        do {
            let inpatient = kind == .inpatient
            var total: Int64 = 0
            var details: [String] = []
            for (i, line) in lines.enumerated() {
                let amount = line.priceFen * line.count
                total += amount
                details.append(#"{"feedetl_sn":"\#(i + 1)","mdtrt_id":"\#(mdtrtID)","psn_no":"\#(psnNo)","med_list_codg":"\#(line.code)","medins_list_codg":"HIS-\#(line.code)","det_item_fee_sumamt":"\#(Self.money(amount))","cnt":"\#(line.count)","pric":"\#(Self.money(line.priceFen))","fee_ocur_time":"\#(inpatient ? "2026-11-05" : "2026-11-20") 09:10:00"}"#)
            }
            _ = try step(connection, infno: inpatient ? "2301" : "2204", msgid: "\(prefix)-f",
                               input: #"{"feedetail":[\#(details.joined(separator: ","))]}"#, into: &outcome)
            if inpatient {
                _ = try step(connection, infno: "2402", msgid: "\(prefix)-d",
                                   input: #"{"dscginfo":{"mdtrt_id":"\#(mdtrtID)","psn_no":"\#(psnNo)","endtime":"2026-11-10 10:00:00"}}"#, into: &outcome)
            }
            let settleStart = clock.now
            _ = try step(connection, infno: inpatient ? "2304" : "2207", msgid: "\(prefix)-s",
                               input: #"{"data":{"psn_no":"\#(psnNo)","mdtrt_id":"\#(mdtrtID)","medfee_sumamt":"\#(Self.money(total))","insutype":"310"}}"#,
                               into: &outcome)
            let end = clock.now
            outcome.settle.append(end - settleStart)
            outcome.flow.append(end - start)
        } catch is StepFailed {
        } catch {
            outcome.errors["transport: \(error)", default: 0] += 1
            outcome.broken = true
        }
    }

    /// Three calls that stop at the envelope; the last one's time counts as the settle time.
    func envelopes(_ connection: LoopbackConnection, prefix: String, clock: ContinuousClock, start: ContinuousClock.Instant,
                   into outcome: inout ClientOutcome) {
        do {
            var last = start
            for i in 1...3 {
                last = clock.now
                let (text, status) = try post(connection, infno: "0000", msgid: "\(prefix)-\(i)", input: "{}")
                guard status == 200, Self.field("err_code", in: text) == "INFNO_UNKNOWN" else {
                    outcome.errors["0000 \(Self.field("err_code", in: text) ?? "HTTP \(status)")", default: 0] += 1
                    return
                }
            }
            let end = clock.now
            outcome.settle.append(end - last)
            outcome.flow.append(end - start)
        } catch {
            outcome.errors["transport: \(error)", default: 0] += 1
            outcome.broken = true
        }
    }

    struct StepFailed: Error {}

    /// One call whose answer must be `infcode` 0; otherwise its `err_code` is counted and the flow stops.
    func step(_ connection: LoopbackConnection, infno: String, msgid: String, input: String, into outcome: inout ClientOutcome) throws -> String {
        let (text, status) = try post(connection, infno: infno, msgid: msgid, input: input)
        guard status == 200, Self.infcode(text) == 0 else {
            outcome.errors["\(infno) \(Self.field("err_code", in: text) ?? "HTTP \(status)")", default: 0] += 1
            throw StepFailed()
        }
        return text
    }

    func post(_ connection: LoopbackConnection, infno: String, msgid: String, input: String) throws -> (String, Int) {
        let body = #"{"infno":"\#(infno)","msgid":"\#(msgid)","fixmedins_code":"\#(institution)","opter":"bench","inf_time":"2026-11-20 09:30:00","input":\#(input)}"#
        let head = "POST /his HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let answer = try connection.exchange(Array(head.utf8) + Array(body.utf8))
        return (answer.body, answer.status)
    }

    /// `"infcode":N` of an answer (the server writes compact JSON).
    static func infcode(_ text: String) -> Int? {
        guard let range = text.range(of: #""infcode":"#) else { return nil }
        return Int(text[range.upperBound...].prefix { $0 == "-" || $0.isNumber })
    }

    /// The first string value of `"name":"…"` in an answer.
    static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "\"\(name)\":\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}

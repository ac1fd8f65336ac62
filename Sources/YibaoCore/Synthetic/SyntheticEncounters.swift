/// Random but plausible encounters for benchmarks and property tests: a mix of catalogue classes
/// (mostly 甲, some 乙, a few 丙 and undeclared items), right-skewed amounts, some lines above
/// their price ceiling, and for admissions a bed-fee line with bed-days and, one line in a hundred,
/// a big-ticket item (an operation, an implant: 1,000–10,000 yuan). Amounts are of the order of a
/// Chinese city's averages: a visit about 275 yuan, a pharmacy purchase about 105, an admission
/// about 14,000.
public enum SyntheticEncounters {
    /// A city's stream of encounters, `count` of them over `days` days from `start`: three in four
    /// outpatient visits (1–10 lines) at institutions of every grade, one in five pharmacy purchases
    /// (1–6 lines, 定点药店), one in twenty admissions of 2–20 days with 5–200 lines, most near 30–60
    /// (the sum of three draws). Proportions are illustrative, of the order a city's settlements show:
    /// visits and purchases far outnumber admissions, which carry most of the cost.
    public static func stream(count: Int, start: LocalDate, days: Int = 365, using rng: inout SeededGenerator) -> [Encounter] {
        (0..<count).map { _ in
            let date = start.adding(days: Int.random(in: 0..<max(1, days), using: &rng))
            let grade = [InstitutionGrade.grade1, .grade2, .grade3a, .ungraded].randomElement(using: &rng)!
            switch Int.random(in: 0..<100, using: &rng) {
            case ..<75:
                return outpatient(lines: Int.random(in: 1...10, using: &rng), date: date, grade: grade, using: &rng)
            case ..<95:
                return pharmacy(lines: Int.random(in: 1...6, using: &rng), date: date, using: &rng)
            default:
                let lines = 5 + (0..<3).map { _ in Int.random(in: 0...65, using: &rng) }.reduce(0, +)
                return inpatient(lines: lines, admitted: date, days: Int.random(in: 2...20, using: &rng),
                                 grade: grade == .ungraded ? .grade1 : grade, using: &rng)
            }
        }
    }

    /// A purchase at a designated pharmacy (ungraded): drugs only, smaller amounts than a visit.
    public static func pharmacy(lines: Int, date: LocalDate, using rng: inout SeededGenerator) -> Encounter {
        Encounter(date: date, setting: .pharmacy, grade: .ungraded,
                  lines: (0..<lines).map { feeLine($0, maxYuan: 90, using: &rng) })
    }

    public static func outpatient(lines: Int, date: LocalDate, grade: InstitutionGrade,
                                  using rng: inout SeededGenerator) -> Encounter {
        Encounter(date: date, setting: .outpatient, grade: grade,
                  lines: (0..<lines).map { feeLine($0, maxYuan: 150, using: &rng) })
    }

    public static func inpatient(lines: Int, admitted: LocalDate, days: Int, grade: InstitutionGrade,
                                 using rng: inout SeededGenerator) -> Encounter {
        var fee = (0..<max(0, lines - 1)).map { feeLine($0, maxYuan: 240, bigTicket: true, using: &rng) }
        let bedDaily = Money(yuan: Int64.random(in: 30...80, using: &rng))
        fee.append(FeeLine(code: "BED", name: "床位费", listClass: .classA, amount: bedDaily * Int64(days),
                           quantity: days, ceilingPrice: Money(yuan: 60) * Int64(days), bedDays: days))
        return Encounter(date: admitted.adding(days: days), admissionDate: admitted, setting: .inpatient,
                         grade: grade, lines: fee)
    }

    static func feeLine(_ index: Int, maxYuan: Int64, bigTicket: Bool = false, using rng: inout SeededGenerator) -> FeeLine {
        let roll = Int.random(in: 0..<100, using: &rng)
        let listClass: ListClass = roll < 60 ? .classA : roll < 85 ? .classB : roll < 95 ? .classC : .outOfCatalogue
        // Squaring a uniform draw skews amounts towards the small end, as real fee lines are.
        let u = Int64.random(in: 1...1_000, using: &rng)
        let amount = bigTicket && Int.random(in: 0..<100, using: &rng) == 0 ? Money(yuan: Int64.random(in: 1_000...10_000, using: &rng))
            : Money(fen: max(50, u * u * maxYuan * 100 / 1_000_000))
        let ceiling: Money? = Int.random(in: 0..<10, using: &rng) == 0 ? Money(fen: amount.fen * 9 / 10) : nil
        return FeeLine(code: "X\(index)", listClass: listClass, amount: amount, ceilingPrice: ceiling,
                       declared: Int.random(in: 0..<50, using: &rng) != 0)
    }
}

/// Random but plausible encounters for benchmarks and property tests: a mix of catalogue classes
/// (mostly 甲, some 乙, a few 丙 and undeclared items), right-skewed amounts, some lines above
/// their price ceiling, and for admissions a bed-fee line with bed-days.
public enum SyntheticEncounters {
    public static func outpatient(lines: Int, date: LocalDate, grade: InstitutionGrade,
                                  using rng: inout SeededGenerator) -> Encounter {
        Encounter(date: date, setting: .outpatient, grade: grade,
                  lines: (0..<lines).map { feeLine($0, maxYuan: 300, using: &rng) })
    }

    public static func inpatient(lines: Int, admitted: LocalDate, days: Int, grade: InstitutionGrade,
                                 using rng: inout SeededGenerator) -> Encounter {
        var fee = (0..<max(0, lines - 1)).map { feeLine($0, maxYuan: 3_000, using: &rng) }
        let bedDaily = Money(yuan: Int64.random(in: 30...80, using: &rng))
        fee.append(FeeLine(code: "BED", name: "床位费", listClass: .classA, amount: bedDaily * Int64(days),
                           quantity: days, ceilingPrice: Money(yuan: 60) * Int64(days), bedDays: days))
        return Encounter(date: admitted.adding(days: days), admissionDate: admitted, setting: .inpatient,
                         grade: grade, lines: fee)
    }

    static func feeLine(_ index: Int, maxYuan: Int64, using rng: inout SeededGenerator) -> FeeLine {
        let roll = Int.random(in: 0..<100, using: &rng)
        let listClass: ListClass = roll < 60 ? .classA : roll < 85 ? .classB : roll < 95 ? .classC : .outOfCatalogue
        // Squaring a uniform draw skews amounts towards the small end, as real fee lines are.
        let u = Int64.random(in: 1...1_000, using: &rng)
        let amount = Money(fen: max(50, u * u * maxYuan * 100 / 1_000_000))
        let ceiling: Money? = Int.random(in: 0..<10, using: &rng) == 0 ? Money(fen: amount.fen * 9 / 10) : nil
        return FeeLine(code: "X\(index)", listClass: listClass, amount: amount, ceilingPrice: ceiling,
                       declared: Int.random(in: 0..<50, using: &rng) != 0)
    }
}

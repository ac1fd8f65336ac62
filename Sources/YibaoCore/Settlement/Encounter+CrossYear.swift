extension Encounter {
    /// An admission that spans the turn of the benefit year, cut as Benxi R40 allows: the lines dated
    /// before the new year's first day are settled on the old year's last day, the rest as a new
    /// admission at discharge. Lines without a date stay with the discharge. Anything else is returned whole.
    public func splitAtYearEnd(_ rule: BenefitYearRule) -> [Encounter] {
        guard setting.isAdmission, let admitted = admissionDate else { return [self] }
        let newYear = rule.start(containing: date)
        guard admitted < newYear else { return [self] }
        var old = self, new = self
        old.date = newYear.adding(days: -1)
        old.lines = lines.filter { $0.date.map { $0 < newYear } ?? false }
        new.admissionDate = newYear
        new.lines = lines.filter { $0.date.map { $0 >= newYear } ?? true }
        return [old, new].filter { !$0.lines.isEmpty }
    }
}

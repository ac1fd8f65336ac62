/// What a clerk enters to register a person (参保人员登记), and every check made before anything is
/// stored: the identity number (GB 11643) is validated and the birth date and sex are taken from it — a
/// birth date or sex typed in as well must agree; the category must belong to the scheme; a resident who
/// is not a student takes the category of their age on 31 December of the enrolment year (Benxi R17,
/// `resident.adult_from_age` / `elderly_from_age`); special statuses carry their effective dates.
public struct PersonRegistration: Sendable, Equatable {
    public var certno: String
    public var name: String
    public var sex: Sex?
    public var birthDate: LocalDate?
    /// 户籍所在地; the identity number's region when not given.
    public var hukouRegion: String?
    public var category: PersonCategory
    public var statuses: [StatusPeriod]

    public init(certno: String, name: String, sex: Sex? = nil, birthDate: LocalDate? = nil, hukouRegion: String? = nil,
                category: PersonCategory, statuses: [StatusPeriod] = []) {
        self.certno = certno
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.hukouRegion = hukouRegion
        self.category = category
        self.statuses = statuses
    }

    /// The registration with everything derived and checked.
    public struct Checked: Sendable, Equatable {
        public var identity: IdentityNumber
        public var name: String
        public var sex: Sex
        public var birthDate: LocalDate
        public var hukouRegion: RegionCode
        public var category: PersonCategory
        public var statuses: [StatusPeriod]

        /// The statuses in force on `date` (what the rules of that day see).
        public func statuses(on date: LocalDate) -> SpecialStatuses { StatusPeriod.statuses(statuses, on: date) }
    }

    /// Checks the registration for enrolment in `insutype` on `enrolOn` under `policy` (its `resident`
    /// rules decide a resident's category by age).
    public func check(insutype: Insutype, enrolOn: LocalDate, policy: ContributionPolicy) throws(DomainError) -> Checked {
        let identity: IdentityNumber
        do { identity = try IdentityNumber.parse(certno) } catch { throw error.at("certno") }
        guard !name.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "NAME_REQUIRED", message: "请填写姓名", messageEn: "the name is required", path: "name")
        }
        if let sex, sex != identity.sex {
            throw DomainError(code: "SEX_MISMATCH",
                              message: "性别“\(sex.displayName)”与身份证号码不符（第 17 位表示\(identity.sex.displayName)）",
                              messageEn: "sex \(sex.rawValue) contradicts the identity number (its 17th digit says \(identity.sex.rawValue))",
                              path: "sex")
        }
        if let birthDate, birthDate != identity.birthDate {
            throw DomainError(code: "BIRTH_DATE_MISMATCH", message: "出生日期 \(birthDate) 与身份证号码中的 \(identity.birthDate) 不符",
                              messageEn: "birth date \(birthDate) contradicts the identity number's \(identity.birthDate)", path: "birth_date")
        }
        guard identity.birthDate <= enrolOn else {
            throw DomainError(code: "ENROL_BEFORE_BIRTH", message: "参保日期 \(enrolOn) 早于出生日期 \(identity.birthDate)",
                              messageEn: "enrolment on \(enrolOn) is before the birth on \(identity.birthDate)", path: "enrol_on")
        }
        var hukou = identity.regionCode
        if let hukouRegion {
            do { hukou = try RegionCode.parse(hukouRegion) } catch { throw error.at("hukou_admdvs") }
        }
        try Self.checkCategory(category, insutype: insutype, identity: identity, year: enrolOn.year, policy: policy)
        for (index, period) in statuses.enumerated() {
            do { try period.check(against: statuses[..<index]) } catch { throw error.at("statuses[\(index)]") }
        }
        return Checked(identity: identity, name: name, sex: identity.sex, birthDate: identity.birthDate, hukouRegion: hukou,
                       category: category, statuses: statuses)
    }

    /// Employee-scheme categories belong to 310, resident categories to 390; a resident who is not a
    /// student is a minor, adult or elderly resident by the age on 31 December of `year`.
    static func checkCategory(_ category: PersonCategory, insutype: Insutype, identity: IdentityNumber, year: Int,
                              policy: ContributionPolicy) throws(DomainError) {
        let residents: Set<PersonCategory> = [.residentAdult, .residentElderly, .student, .minor]
        let schemes: [Insutype] = residents.contains(category) ? [.residentBasic, .urbanResidentBasic] : [.employeeBasic]
        guard schemes.contains(insutype) else {
            throw DomainError(code: "CATEGORY_SCHEME", message: "人员类别 \(category.rawValue) 不能参加险种 \(insutype.rawValue)（\(insutype.name)）",
                              messageEn: "category \(category.rawValue) cannot enrol in insutype \(insutype.rawValue) (\(insutype.nameEn))",
                              path: "psn_type")
        }
        guard residents.contains(category), category != .student, let rules = policy.resident else { return }
        let age = identity.ageAtYearEnd(year)
        let expected = ResidentPremium.category(age: age, student: false, rules: rules)
        guard expected == category else {
            throw DomainError(code: "CATEGORY_AGE",
                              message: "按 \(year) 年 12 月 31 日的年龄 \(age) 岁，人员类别应为 \(expected.rawValue)，不是 \(category.rawValue)",
                              messageEn: "aged \(age) on 31 December \(year), the category is \(expected.rawValue), not \(category.rawValue)",
                              path: "psn_type")
        }
    }
}

/// One special status (低保, 重度残疾 …) held from `from` through `through` (open-ended when nil).
public struct StatusPeriod: Sendable, Equatable {
    /// Exactly one status.
    public var status: SpecialStatuses
    public var from: LocalDate
    public var through: LocalDate?

    public init(status: SpecialStatuses, from: LocalDate, through: LocalDate? = nil) {
        self.status = status
        self.from = from
        self.through = through
    }

    /// The file name of the status (`dibao`, `severely_disabled` …).
    public var name: String { SpecialStatuses.names.first { $0.1 == status }?.0 ?? "?" }

    public func holds(on date: LocalDate) -> Bool { from <= date && through.map { date <= $0 } ?? true }

    /// Refuses a period that ends before it starts, or that overlaps one of `held` of the same status.
    public func check(against held: some Sequence<StatusPeriod>) throws(DomainError) {
        if let through, through < from {
            throw DomainError(code: "STATUS_PERIOD", message: "特殊身份 \(name) 的截止日 \(through) 早于起始日 \(from)",
                              messageEn: "status \(name) ends on \(through), before it starts on \(from)", path: "through")
        }
        if let clash = held.first(where: { $0.status == status && $0.overlaps(self) }) {
            let span = "\(clash.from)–\(clash.through?.description ?? "")"
            throw DomainError(.conflict, code: "STATUS_OVERLAP", message: "特殊身份 \(name) 的有效期与已有的 \(span) 重叠",
                              messageEn: "status \(name) overlaps the period \(span) already held", path: "from")
        }
    }

    func overlaps(_ other: StatusPeriod) -> Bool {
        (other.through.map { from <= $0 } ?? true) && (through.map { other.from <= $0 } ?? true)
    }

    public static func statuses(_ periods: [StatusPeriod], on date: LocalDate) -> SpecialStatuses {
        periods.reduce(into: SpecialStatuses()) { if $1.holds(on: date) { $0.insert($1.status) } }
    }
}

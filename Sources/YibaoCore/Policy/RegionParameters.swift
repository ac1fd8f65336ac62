/// A region's published bases by year (社平工资 and the like), which policy rules refer to as
/// fractions ("60% of W", "12% of W") instead of fixed amounts.
///
/// Kept apart from policy documents because it changes on another rhythm: the statistics bureau
/// publishes the prior-year average wage once a year, while a policy may stay unchanged for years.
/// Loaded with the same discipline as a policy document (every issue reported, unknown keys refused).
public struct RegionParameters: Sendable, Equatable, Codable {
    /// The bases published for one year.
    public struct Bases: Sendable, Equatable, Codable {
        /// W: the prior-year average wage published for (and used throughout) this year.
        public var avgWage: Money
        public var avgPension: Money?
        public var minWage: Money?

        public init(avgWage: Money, avgPension: Money? = nil, minWage: Money? = nil) {
            self.avgWage = avgWage
            self.avgPension = avgPension
            self.minWage = minWage
        }

        enum CodingKeys: String, CodingKey {
            case avgWage = "avg_wage"
            case avgPension = "avg_pension"
            case minWage = "min_wage"
        }
    }

    public var region: RegionCode
    public var years: [Int: Bases]

    public init(region: RegionCode, years: [Int: Bases]) {
        self.region = region
        self.years = years
    }

    private enum CodingKeys: String, CodingKey {
        case region, years
    }

    /// Years are written as mapping keys; only the plain form (`2025`, not `02025`) is accepted,
    /// so that every year has one spelling and re-encoding reproduces the file's keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        region = try container.decode(RegionCode.self, forKey: .region)
        years = [:]
        for (key, bases) in try container.decode([String: Bases].self, forKey: .years).sorted(by: { $0.key < $1.key }) {
            guard let year = Int(key), String(year) == key else {
                throw DecodingError.dataCorruptedError(
                    forKey: .years, in: container,
                    debugDescription: "年度“\(key)”应为如 2025 的年份 / year \"\(key)\" must be a year like 2025")
            }
            years[year] = bases
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(region, forKey: .region)
        try container.encode(Dictionary(uniqueKeysWithValues: years.map { (String($0.key), $0.value) }), forKey: .years)
    }

    /// The years a file may name; outside them a key is far more likely a typo than a real year.
    public static let yearRange = 1990...2100

    /// W for `year`, or nil when the region has not published it.
    public func averageWage(forYear year: Int) -> Money? {
        years[year]?.avgWage
    }

    /// Loads a region-parameter file from its text. Pure: `file` only names the text in messages.
    public static func load(text: String, file: String) throws(PolicyLoadError) -> RegionParameters {
        let (yaml, _) = try PolicyReader.composeMapping(text, file: file)
        var issues: [PolicyIssue] = []
        let parameters = PolicyReader.decode(RegionParameters.self, from: yaml, at: "", issues: &issues)
        issues += parameters?.validate() ?? []
        guard issues.isEmpty, let parameters else { throw PolicyLoadError(file: file, issues: issues) }
        return parameters
    }

    /// At least one year; years within `yearRange`; every amount above zero. Issues in year order.
    func validate() -> [PolicyIssue] {
        guard !years.isEmpty else {
            return [PolicyIssue(path: "years", message: "至少需要一个年度", messageEn: "at least one year is required")]
        }
        var issues: [PolicyIssue] = []
        for (year, bases) in years.sorted(by: { $0.key < $1.key }) {
            let path = PolicyNode.path("years", key: String(year))
            if !Self.yearRange.contains(year) {
                issues.append(PolicyIssue(
                    path: path,
                    message: "年度 \(year) 超出范围 \(Self.yearRange.lowerBound)–\(Self.yearRange.upperBound)",
                    messageEn: "year \(year) is outside \(Self.yearRange.lowerBound)–\(Self.yearRange.upperBound)"))
            }
            let amounts: [(String, Money?)] = [("avg_wage", bases.avgWage), ("avg_pension", bases.avgPension), ("min_wage", bases.minWage)]
            for case let (key, amount?) in amounts where amount <= .zero {
                issues.append(PolicyIssue(path: PolicyNode.path(path, key: key),
                                          message: "金额须大于零：\(amount)", messageEn: "amount must be above zero: \(amount)"))
            }
        }
        return issues
    }
}

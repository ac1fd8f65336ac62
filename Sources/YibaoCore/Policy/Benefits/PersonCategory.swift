/// The person category a benefit rule is written for (domain guide §2). One per person per benefit year.
public enum PersonCategory: String, Sendable, Codable, CaseIterable {
    case employee                            // 在职职工
    case retiree                             // 退休人员
    case flexible                            // 灵活就业
    case migrant                             // 外来从业人员
    case businessOwner = "business_owner"    // 个体工商户
    case unemployed                          // 失业人员
    case residentAdult = "resident_adult"    // 城乡居民 18–59
    case residentElderly = "resident_elderly" // 城乡居民 60+
    case student                             // 在校学生
    case minor                               // 18 岁以下非在校居民
}

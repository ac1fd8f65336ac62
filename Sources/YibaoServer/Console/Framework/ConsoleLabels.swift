import YibaoCore

/// Plain-language names, in both languages, of the domain codes the console shows (settings, grades,
/// person categories, funds, list classes, statuses, the national settlement fields).
enum ConsoleLabels {
    static func setting(_ s: BenefitSetting, _ l: ConsoleLanguage) -> String {
        switch s {
        case .outpatient: l.pick("普通门诊", "outpatient")
        case .specialOutpatient: l.pick("门诊慢特病", "special-disease outpatient")
        case .inpatient: l.pick("住院", "inpatient")
        case .referral: l.pick("转外住院", "referred inpatient")
        case .pharmacy: l.pick("定点药店购药", "pharmacy")
        }
    }

    static func grade(_ g: InstitutionGrade, _ l: ConsoleLanguage) -> String {
        switch g {
        case .ungraded: l.pick("未定级", "ungraded")
        case .grade1: l.pick("一级", "grade 1")
        case .grade2: l.pick("二级", "grade 2")
        case .grade3: l.pick("三级", "grade 3")
        case .grade3a: l.pick("三级甲等", "grade 3A")
        case .grade3b: l.pick("三级乙等", "grade 3B")
        }
    }

    static func category(_ c: PersonCategory, _ l: ConsoleLanguage) -> String {
        switch c {
        case .employee: l.pick("在职职工", "employee")
        case .retiree: l.pick("退休人员", "retiree")
        case .flexible: l.pick("灵活就业人员", "flexibly employed")
        case .migrant: l.pick("外来从业人员", "migrant worker")
        case .businessOwner: l.pick("个体工商户", "self-employed business owner")
        case .unemployed: l.pick("失业人员", "unemployed")
        case .residentAdult: l.pick("城乡居民（18–59 岁）", "resident aged 18–59")
        case .residentElderly: l.pick("城乡居民（60 岁以上）", "resident aged 60+")
        case .student: l.pick("在校学生", "student")
        case .minor: l.pick("未成年居民", "minor resident")
        }
    }

    static func fund(_ f: FundKind, _ l: ConsoleLanguage) -> String {
        switch f {
        case .hifp: l.pick("统筹基金", "pooled fund")
        case .hifmi: l.pick("居民大病保险", "resident serious-illness insurance")
        case .hifob: l.pick("大额医疗补助", "large-amount medical subsidy")
        case .cvlserv: l.pick("公务员医疗补助", "civil-servant subsidy")
        case .hifes: l.pick("补充医疗保险", "supplementary insurance")
        case .maf: l.pick("医疗救助", "medical assistance")
        case .oth: l.pick("其他基金", "other fund")
        }
    }

    static func listClass(_ c: ListClass, _ l: ConsoleLanguage) -> String {
        switch c {
        case .classA: l.pick("甲类", "class A")
        case .classB: l.pick("乙类", "class B")
        case .classC: l.pick("丙类（自费）", "class C (self-paid)")
        case .outOfCatalogue: l.pick("目录外", "out of catalogue")
        }
    }

    static let statusNames: [String: (String, String)] = [
        "lixiu": ("离休人员", "retired cadre (lixiu)"), "disabled_serviceman": ("一至六级残疾军人", "disabled serviceman"),
        "civil_servant": ("公务员", "civil servant"), "dibao": ("低保对象", "minimum-living-allowance recipient"),
        "near_dibao": ("低保边缘", "near-dibao household"), "severely_disabled": ("重度残疾", "severely disabled"),
        "low_pension_retiree": ("低退休金退休人员", "low-pension retiree"), "assistance": ("医疗救助对象", "medical-assistance recipient"),
    ]

    static func status(_ name: String, _ l: ConsoleLanguage) -> String {
        statusNames[name].map { l.pick($0.0, $0.1) } ?? name
    }

    static func statuses(_ set: SpecialStatuses, _ l: ConsoleLanguage) -> [String] {
        SpecialStatuses.names.filter { set.contains($0.1) }.map { status($0.0, l) }
    }

    /// The national settlement output fields (`setlinfo`) in the order a clerk reads them.
    static func nationalFields(_ s: Settlement, _ l: ConsoleLanguage) -> [(field: String, label: String, amount: Money)] {
        [
            ("medfee_sumamt", l.pick("医疗费总额", "total medical cost"), s.medfeeSumamt),
            ("fulamt_ownpay_amt", l.pick("全自费金额", "fully self-paid"), s.fulamtOwnpayAmt),
            ("overlmt_selfpay", l.pick("超限价自费金额", "above the price ceiling"), s.overlmtSelfpay),
            ("preselfpay_amt", l.pick("先行自付金额", "upfront self-pay (class B)"), s.preselfpayAmt),
            ("inscp_scp_amt", l.pick("符合政策范围金额", "in-scope cost"), s.inscpScpAmt),
            ("act_pay_dedc", l.pick("实际支付起付线", "deductible paid"), s.actPayDedc),
            ("hifp_pay", l.pick("统筹基金支出", "pooled fund pays"), s.funds.hifp),
            ("pool_prop_selfpay", l.pick("统筹基金支付比例内个人自付", "co-insurance borne by the person"), s.poolPropSelfpay),
            ("hifmi_pay", l.pick("居民大病保险资金支出", "resident serious-illness insurance pays"), s.funds.hifmi),
            ("hifob_pay", l.pick("职工大额医疗费用补助基金支出", "large-amount subsidy pays"), s.funds.hifob),
            ("cvlserv_pay", l.pick("公务员医疗补助资金支出", "civil-servant subsidy pays"), s.funds.cvlserv),
            ("hifes_pay", l.pick("企业补充医疗保险基金支出", "supplementary insurance pays"), s.funds.hifes),
            ("maf_pay", l.pick("医疗救助基金支出", "medical assistance pays"), s.funds.maf),
            ("oth_pay", l.pick("其他支出", "other funds pay"), s.funds.oth),
            ("fund_pay_sumamt", l.pick("基金支付总额", "all funds pay"), s.fundPaySumamt),
            ("acct_pay", l.pick("个人账户支出", "personal account pays"), s.acctPay),
            ("psn_cash_pay", l.pick("个人现金支出", "the person pays in cash"), s.psnCashPay),
            ("psn_part_amt", l.pick("个人负担总金额", "the person's whole burden"), s.psnPartAmt),
            ("balc", l.pick("个人账户余额", "personal-account balance after"), s.balc),
        ]
    }
}

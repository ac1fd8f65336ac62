extension Money {
    /// Parses a decimal yuan amount as the national interface writes it: optional `-`, digits,
    /// optionally `.` and one or two digits. Rejects more than two decimals, exponents, separators,
    /// spaces, `+`, empty strings and anything beyond Int64 fen, each with its own reason.
    public static func parse(_ text: String) throws(DomainError) -> Money {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw MoneyError.empty
        }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var integer: UInt64 = 0 // the magnitude, so that Int64.min fen ("-92233720368547758.08") parses too
        var integerDigits = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
            let b = bytes[index]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
                if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { throw MoneyError.exponent(text) }
                throw MoneyError.notANumber(text)
            }
            let (times10, o1) = integer.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(b - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw MoneyError.overflow(text) }
            integer = sum
            integerDigits += 1
            index += 1
        }
        guard integerDigits > 0 else { throw MoneyError.notANumber(text) }
        var cents: UInt64 = 0
        if index < bytes.count {
            index += 1 // the dot
            let decimals = bytes.count - index
            guard decimals > 0 else { throw MoneyError.notANumber(text) }
            for offset in 0..<decimals {
                let b = bytes[index + offset]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
                    if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { throw MoneyError.exponent(text) }
                    throw MoneyError.notANumber(text)
                }
            }
            guard decimals <= 2 else { throw MoneyError.tooManyDecimals(text) }
            cents = UInt64(bytes[index] - UInt8(ascii: "0")) * 10
            if decimals == 2 { cents += UInt64(bytes[index + 1] - UInt8(ascii: "0")) }
        }
        let (scaled, o3) = integer.multipliedReportingOverflow(by: 100)
        let (total, o4) = scaled.addingReportingOverflow(cents)
        let limit = negative ? Int64.min.magnitude : UInt64(Int64.max)
        guard !o3, !o4, total <= limit else { throw MoneyError.overflow(text) }
        return Money(fen: negative ? Int64(truncatingIfNeeded: 0 &- total) : Int64(total))
    }

    /// Parses and additionally requires the amount not to be negative.
    public static func parseNonNegative(_ text: String) throws(DomainError) -> Money {
        let value = try parse(text)
        guard !value.isNegative else { throw MoneyError.negative(text) }
        return value
    }
}

/// The reasons an amount string is refused.
enum MoneyError {
    static var empty: DomainError {
        DomainError(code: "MONEY_EMPTY", message: "金额不能为空", messageEn: "amount is empty")
    }
    static func notANumber(_ s: String) -> DomainError {
        DomainError(code: "MONEY_FORMAT", message: "金额格式错误：“\(s)”，应为如 1234.56 的十进制数",
                    messageEn: "amount \"\(s)\" is not a decimal number like 1234.56")
    }
    static func exponent(_ s: String) -> DomainError {
        DomainError(code: "MONEY_FORMAT", message: "金额不能使用科学计数法：“\(s)”",
                    messageEn: "amount \"\(s)\" must not use exponent notation")
    }
    static func tooManyDecimals(_ s: String) -> DomainError {
        DomainError(code: "MONEY_DECIMALS", message: "金额最多两位小数（精确到分）：“\(s)”",
                    messageEn: "amount \"\(s)\" has more than two decimals (fen is the smallest unit)")
    }
    static func overflow(_ s: String) -> DomainError {
        DomainError(code: "MONEY_OVERFLOW", message: "金额超出可表示范围：“\(s)”",
                    messageEn: "amount \"\(s)\" is out of range")
    }
    static func negative(_ s: String) -> DomainError {
        DomainError(code: "MONEY_NEGATIVE", message: "金额不能为负数：“\(s)”",
                    messageEn: "amount \"\(s)\" must not be negative")
    }
}

extension Money: Codable {
    /// Amounts travel as decimal strings; a JSON number is refused so that no float ever carries money.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "金额须为字符串，如 \"1234.56\" / amount must be a decimal string like \"1234.56\"")
        }
        do {
            self = try Money.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error.message) / \(error.messageEn)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

import Foundation
import YibaoCore

/// Names the field a JSON body got wrong, as a dotted path (`input.feedetail[2].det_item_fee_sumamt`).
enum DecodingProblem {
    static func domainError(_ error: DecodingError) -> DomainError {
        switch error {
        case .keyNotFound(let key, let context):
            return DomainError(code: "FIELD_MISSING", message: "缺少必填字段：\(key.stringValue)",
                               messageEn: "required field \(key.stringValue) is missing",
                               path: path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            return DomainError(code: "FIELD_TYPE", message: "字段类型错误，应为\(typeName(type))",
                               messageEn: "wrong type, expected \(type)", path: path(context.codingPath))
        case .valueNotFound(_, let context):
            return DomainError(code: "FIELD_NULL", message: "字段不能为空", messageEn: "value must not be null",
                               path: path(context.codingPath))
        case .dataCorrupted(let context):
            // Our own decoders (Money, Ratio, LocalDate, identifiers) put "中文 / English" here.
            let parts = context.debugDescription.components(separatedBy: " / ")
            let isOurs = parts.count == 2
            return DomainError(code: context.codingPath.isEmpty ? "BODY_NOT_JSON" : "FIELD_INVALID",
                               message: isOurs ? parts[0] : (context.codingPath.isEmpty ? "请求体不是有效的 JSON" : "字段值无效"),
                               messageEn: isOurs ? parts[1] : context.debugDescription,
                               path: context.codingPath.isEmpty ? nil : path(context.codingPath))
        @unknown default:
            return DomainError(code: "BODY_INVALID", message: "请求体无效", messageEn: "invalid request body")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "字符串"
        case is Int.Type, is Int64.Type: return "整数"
        case is Bool.Type: return "布尔值"
        default: return "\(type)"
        }
    }
}

import Foundation
import Hummingbird
import Logging
import YibaoCore

/// Turns every error into the JSON error shape. Client mistakes (DomainError, undecodable bodies,
/// unknown routes) keep their 4xx status and reason; anything else is logged with the request id and
/// answered with a 500 that reveals nothing internal.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            return ErrorBody(error).response(status: error.kind.status)
        } catch let error as DecodingError {
            return ErrorBody(DecodingProblem.domainError(error)).response(status: .badRequest)
        } catch let error as HTTPError {
            return ErrorBody(Self.describe(error)).response(status: error.status)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return ErrorBody(DomainError(code: "HTTP_\(error.status.code)", message: "请求无效", messageEn: error.status.reasonPhrase))
                .response(status: error.status)
        } catch {
            context.logger.error("internal error: \(String(reflecting: error))")
            return ErrorBody(DomainError(code: "INTERNAL", message: "服务器内部错误，请联系管理员（请求号 \(context.id)）",
                                         messageEn: "internal server error; tell the operator request id \(context.id)"))
                .response(status: .internalServerError)
        }
    }

    static func describe(_ error: HTTPError) -> DomainError {
        switch error.status {
        case .notFound:
            return DomainError(.notFound, code: "NOT_FOUND", message: "没有这个地址", messageEn: "no such resource")
        case .methodNotAllowed:
            return DomainError(code: "METHOD_NOT_ALLOWED", message: "该地址不支持此方法", messageEn: "method not allowed here")
        case .contentTooLarge:
            return DomainError(code: "BODY_TOO_LARGE", message: "请求体过大", messageEn: "request body too large")
        default:
            return DomainError(code: "HTTP_\(error.status.code)", message: error.body ?? "请求无效",
                               messageEn: error.body ?? error.status.reasonPhrase)
        }
    }
}

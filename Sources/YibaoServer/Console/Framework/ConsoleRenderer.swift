import Hummingbird
import HTTPTypes
import Mustache
import YibaoCore

/// A rendered page before it gets the layout: which template, its title and its values.
struct ConsolePage {
    var template: String
    var title: String
    var data: [String: Any]
    var status: HTTPResponse.Status = .ok
    /// Seconds after which the browser reloads the page (a running job's progress, without JavaScript).
    var refresh: Int? = nil
}

/// Renders console pages: the page template first, then the one layout around it with the menu the
/// principal may see, the language switch and the sign-out form. Templates are Swift string constants
/// (`ConsoleTemplates`), so `swift run` and a fresh clone need no resource files.
enum ConsoleRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("console template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static func render(_ page: ConsolePage, _ visit: ConsoleVisit) -> Response {
        var data = page.data
        data["t"] = visit.text
        data["csrf"] = visit.csrf
        let body = library.render(data, withTemplate: page.template) ?? ""
        let path = visit.request.uri.path
        var layout: [String: Any] = [
            "t": visit.text, "lang": visit.language.htmlCode, "title": page.title, "body": body, "csrf": visit.csrf,
            "switchHref": visit.switchHref, "otherName": visit.language.otherName, "otherLang": visit.language.other.htmlCode,
        ]
        if let refresh = page.refresh { layout["refresh"] = refresh }
        if let principal = visit.principal {
            layout["menu"] = ConsoleSection.menu(for: principal).map { section -> [String: Any] in
                ["href": section.path, "label": visit.t(section.label),
                 "current": path == section.path || path.hasPrefix(section.path + "/")]
            }
            layout["user"] = ["name": principal.username,
                              "role": visit.pick(principal.role.displayName, principal.role.displayNameEn)]
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return respond(html, status: page.status, contentType: "text/html; charset=utf-8", visit)
    }

    /// A refusal or failure as a page that says why, with the status the API would give.
    static func error(_ error: DomainError, _ visit: ConsoleVisit) -> Response {
        return render(ConsolePage(template: "error", title: visit.t(error.kind == .forbidden ? "error_forbidden" : "error_title"),
                                  data: problem(error, visit), status: error.kind.status), visit)
    }

    /// An error's message in the page's language, its code and (only when there is one) its field:
    /// Mustache treats even an empty string as present.
    static func problem(_ error: DomainError, _ visit: ConsoleVisit) -> [String: Any] {
        var data: [String: Any] = ["message": visit.pick(error.message, error.messageEn), "code": error.code]
        if let path = error.path, !path.isEmpty { data["path"] = path }
        return data
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Any body the console sends (pages, CSV, SVG, the stylesheet) with headers that keep other
    /// sites from framing it, and the language remembered when the visitor switched it.
    static func respond(_ text: String, status: HTTPResponse.Status = .ok, contentType: String, _ visit: ConsoleVisit,
                        extraHeaders: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: contentType, .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        headers.append(contentsOf: extraHeaders)
        var response = Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        if let chosen = ConsoleLanguage.switchRequested(visit.request) {
            response.setCookie(Cookie(name: ConsoleLanguage.cookie, value: chosen.rawValue, maxAge: 365 * 86_400, path: "/",
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

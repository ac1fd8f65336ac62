import Hummingbird
import YibaoStore

/// The web console at `/`: server-rendered pages for people (agency staff, institution users,
/// insured persons). Each section registers its own pages; `ConsoleSection` lists the ones the menu
/// links to. Sections to come (persons, employers, contributions, settlements) register here too.
struct ConsoleRoutes {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.get(RouterPath(stringLiteral: ConsoleStylesheet.path)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: ConsoleStylesheet.css)))
        }
        SignInPages(users: services.users).register(on: router)
        DashboardPages(services: services).register(on: router)
        InstitutionPages(services: services).register(on: router)
        PolicyPages(services: services).register(on: router)
        CalculatorPages().register(on: router)
        AuditPages(services: services).register(on: router)
    }
}

import Hummingbird
import YibaoStore

/// The web console at `/`: server-rendered pages for people (agency staff, institution users,
/// insured persons). Each section registers its own pages; `ConsoleSection` lists the ones the menu
/// links to; long work started here runs as `ConsoleJobs`, one board per application.
struct ConsoleRoutes {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.get(RouterPath(stringLiteral: ConsoleStylesheet.path)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: ConsoleStylesheet.css)))
        }
        SignInPages(users: services.users).register(on: router)
        PasswordPages(users: services.users).register(on: router)
        DashboardPages(services: services).register(on: router)
        let jobs = ConsoleJobs(database: services.database)
        InstitutionPages(services: services).register(on: router)
        SettlementPages(services: services).register(on: router)
        PersonPages(services: services).register(on: router)
        EmployerPages(services: services, jobs: jobs).register(on: router)
        PaymentPages(services: services, jobs: jobs).register(on: router)
        JobPages(jobs: jobs).register(on: router)
        PolicyPages(services: services).register(on: router)
        CalculatorPages().register(on: router)
        AuditPages(services: services).register(on: router)
        UserPages(services: services).register(on: router)
    }
}

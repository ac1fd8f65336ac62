import Hummingbird
import Logging
import YibaoStore

/// Builds the HTTP application over an open database: `/health` and `/metrics` at the root, the
/// JSON API under `/api/`, the HIS interface under `/his/` and the console at `/`.
public enum YibaoApplication {
    public static func router(services: Services) -> Router<YibaoRequestContext> {
        let router = Router(context: YibaoRequestContext.self)
        router.add(middleware: OffLoopMiddleware(loopPath: HISRoutes.path))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info, includeHeaders: .none))
        router.add(middleware: MetricsMiddleware())
        MetricsSetup.register(on: router, database: services.database)
        HealthRoutes(database: services.database).register(on: router)
        router.add(middleware: AuthenticationMiddleware(users: services.users))
        ConsoleRoutes(services: services).register(on: router)

        let api = router.group("api")
        SessionRoutes(users: services.users).register(on: api)
        UserRoutes(services: services).register(on: api)
        RegionRoutes(services: services).register(on: api)
        InstitutionRoutes(services: services).register(on: api)
        PolicyRoutes(services: services).register(on: api)
        AuditRoutes(services: services).register(on: api)
        CatalogueRoutes(services: services).register(on: api)
        DesignationRoutes(services: services).register(on: api)
        SettlementRoutes(services: services).register(on: api)
        RegistryRoutes(services: services).register(on: api)
        PersonRoutes(services: services).register(on: api)
        ContributionRoutes(services: services).register(on: api)
        PaymentRoutes(services: services).register(on: api)
        BackPaymentRoutes(services: services).register(on: api)
        SchoolRoutes(services: services).register(on: api)
        EmployerRoutes(services: services).register(on: api)
        EmployerContributionRoutes(services: services).register(on: api)
        AccountRoutes(services: services).register(on: api)
        HISRoutes(services: services).register(on: router)
        return router
    }

    /// The application for `yibao serve`: the database's background work runs as a service beside
    /// the HTTP server, and both stop on SIGTERM/SIGINT once in-flight requests finish. Pass
    /// `runsDatabase: false` when the caller already runs the database (tests, `DatabaseOpening.with`).
    public static func make(configuration: ServerConfiguration, database: any Database, logger: Logger,
                            runsDatabase: Bool = true) -> some ApplicationProtocol
    {
        let services = Services(database: database, configuration: configuration)
        var app = Application(
            router: router(services: services),
            server: .http1OnEventLoops,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "yibao"),
            logger: logger)
        if runsDatabase { app.addServices(DatabaseService(database: database)) }
        return app
    }
}

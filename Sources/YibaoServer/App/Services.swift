import YibaoStore

/// The repositories a route may use, built once per application over one `Database`.
public struct Services: Sendable {
    public let database: any Database
    public let users: UserRepository
    public let regions: RegionRepository
    public let institutions: InstitutionRepository
    public let policies: PolicyRepository
    public let catalogue: CatalogueRepository
    public let designations: InstitutionDesignationRepository
    public let persons: PersonRepository
    public let settlement: RealTimeSettlement

    public init(database: any Database, configuration: ServerConfiguration) {
        self.database = database
        self.users = UserRepository(database: database, bcryptCost: configuration.bcryptCost, passwordRules: configuration.passwordRules,
                                    lockout: configuration.lockout, sessionIdle: configuration.sessionIdle,
                                    keepTokensFor: configuration.tokenCacheLifetime)
        self.regions = RegionRepository(database: database)
        self.institutions = InstitutionRepository(database: database)
        self.policies = PolicyRepository(database: database)
        self.catalogue = CatalogueRepository(database: database)
        self.designations = InstitutionDesignationRepository(database: database)
        self.persons = PersonRepository(database: database)
        self.settlement = RealTimeSettlement(database: database)
    }
}

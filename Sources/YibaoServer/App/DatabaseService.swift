import ServiceLifecycle
import YibaoStore

/// Runs the database's background work (PostgreSQL's pool) for as long as the server runs and closes
/// the connections after graceful shutdown.
struct DatabaseService: Service {
    let database: any Database

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await database.run()
        }
        await database.shutdown()
    }
}

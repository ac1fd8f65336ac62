import ArgumentParser

/// `yibao`: one binary for the server and every operator task. Commands only parse their arguments
/// and call the layers below; the rules live in YibaoCore, the data in YibaoStore.
@main
struct Yibao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yibao",
        abstract: "医保经办管理平台 Yibao — medical-insurance administration",
        subcommands: [Serve.self, Migrate.self, RegionCommand.self, PolicyCommand.self, UserCommand.self,
                      AuditCommand.self, DemoCommand.self, Simulate.self, Bench.self, BillingCommand.self, AccountsCommand.self, PaymentsCommand.self, ArrearsCommand.self,
                      EmployersCommand.self])
}

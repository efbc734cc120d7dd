// The `kefu` command: entry point and the list of subcommands.
import ArgumentParser

@main
struct Kefu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "Kefu: a multi-tenant, multimedia contact center.",
        subcommands: [
            ServeCommand.self,
            DemoCommand.self,
            RenderPromptsCommand.self,
            MigrateCommand.self,
            ProvisionCommand.self,
            ExportCommand.self,
            WriteCDRsCommand.self,
            SimulateACDCommand.self,
        ]
    )
}

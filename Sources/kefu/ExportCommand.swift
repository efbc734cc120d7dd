// `kefu export --tenant T`: write tenants back in the provisioning format.
import ArgumentParser
import Foundation
import Store

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write tenants in the provisioning format (secrets as hashes), to standard output or a file.",
        discussion: "Provisioning the export again changes nothing."
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("tenant"), help: "A tenant code to export (repeat for several).")
    var tenants: [String] = []

    @Flag(help: "Also export platform settings, platform users and shared trunks.")
    var platform = false

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if tenants.isEmpty && !platform {
            throw ValidationError("name at least one --tenant CODE (or --platform)")
        }
    }

    func run() async throws {
        let opened: Store
        do {
            opened = try await Store.open(try store.configuration())
        } catch {
            throw fail(error, context: "cannot open the database")
        }
        do {
            let document = try await Exporter(store: opened, dataDirectory: store.dataDirectory)
                .export(tenantCodes: tenants, includePlatform: platform)
            let yaml = try document.yaml(header: "Exported by kefu export; provision it with `kefu provision FILE`.\nSecrets are hashes (bcrypt, digest HA1): the file grants no password.")
            if let output {
                try Data(yaml.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(yaml, terminator: "")
            }
        } catch {
            await opened.close()
            throw fail(error, context: "export failed")
        }
        await opened.close()
    }
}

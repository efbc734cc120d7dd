// `kefu provision FILE.yaml`: apply a declarative description of tenants and their
// configuration, all or nothing.
import ArgumentParser
import Foundation
import Store

struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Create or update tenants, numbers, flows, queues, mailboxes, agents, users and trunks from a YAML file.",
        discussion: """
            Objects are matched by name; running the same file twice changes nothing. \
            If any part of the file is invalid, nothing is applied and every problem is listed. \
            Objects the file does not mention are left alone. See examples/demo.yaml.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The provisioning file (YAML).")
    var file: String

    @Flag(help: "Show what would change without writing anything.")
    var dryRun = false

    func run() async throws {
        let document: ProvisioningDocument
        do {
            document = try ProvisioningDocument.load(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw fail(error, context: "refused \(file), nothing was applied")
        }
        let opened: Store
        do {
            opened = try await Store.open(try store.configuration())
        } catch {
            throw fail(error, context: "cannot open the database")
        }
        do {
            let provisioner = Provisioner(store: opened, options: ProvisioningOptions(dataDirectory: store.dataDirectory))
            let report = try await provisioner.apply(document, dryRun: dryRun)
            print(report)
        } catch {
            await opened.close()
            throw fail(error, context: "refused \(file), nothing was applied")
        }
        await opened.close()
    }
}

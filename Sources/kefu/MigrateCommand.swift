// `kefu migrate`: bring the database schema to this build's version (also done on start).
import ArgumentParser
import Store

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (they also run when Kefu starts).",
        discussion: "Migrations only add; they never drop data. An SQLite file is copied aside before it is upgraded."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Only show the schema version and what is pending.")
    var status = false

    func run() async throws {
        var configuration = try store.configuration()
        configuration.migrateOnOpen = false
        let opened: Store
        do {
            opened = try await Store.open(configuration)
        } catch {
            throw fail(error, context: "cannot open the database")
        }
        do {
            let before = try await opened.schemaStatus()
            if status {
                let pending = before.pending.isEmpty ? "nothing pending" : "pending: \(before.pending.map(String.init).joined(separator: ", "))"
                print("schema version \(before.current) of \(before.latest); \(pending)")
            } else {
                let applied = try await opened.migrate()
                if applied.isEmpty {
                    print("the schema is up to date at version \(before.current)")
                } else {
                    print("applied migrations \(applied.map(String.init).joined(separator: ", ")); the schema is at version \(applied.last!)")
                }
            }
        } catch {
            await opened.close()
            throw fail(error, context: "migration failed")
        }
        await opened.close()
    }
}

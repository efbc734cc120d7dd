// Options every command that opens the store shares: where the data lives and which
// database to use.
import ArgumentParser
import Foundation
import Logging
import Store

/// `--data-dir` and `--database-url`, and the store configuration they make.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory for kefu.sqlite, recordings and prompts.")
    var dataDirectory: String = "data"

    @Option(
        name: .customLong("database-url"),
        help: "postgres://USER@HOST:PORT/DB (or sqlite:PATH); default: kefu.sqlite in the data directory. Also read from KEFU_DATABASE_URL."
    )
    var databaseURL: String?

    /// The configuration for these options; logs go to standard error so that commands
    /// writing documents to standard output stay clean.
    func configuration() throws -> StoreConfiguration {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["KEFU_DATABASE_URL"]
        var configuration = try StoreConfiguration.resolve(dataDirectory: dataDirectory, databaseURL: url)
        var logger = Logger(label: "kefu.store") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .notice
        configuration.logger = logger
        return configuration
    }
}

/// Prints a store error as a person should see it, then exits with failure.
func fail(_ error: any Error, context: String) -> ExitCode {
    let message = (error as? StoreError).map(\.description) ?? String(describing: error)
    FileHandle.standardError.write(Data("kefu: \(context): \(message)\n".utf8))
    return ExitCode.failure
}

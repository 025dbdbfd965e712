import ArgumentParser
import Foundation

@main
struct LDIFBulk: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ldifbulk",
        abstract: "Turn CSV, XML and JSON exports into LeanIX LDIF and load them through the Integration API.",
        version: version,
        subcommands: [
            ConvertCommand.self, ValidateCommand.self, ExplainCommand.self, UploadCommand.self, ResumeCommand.self,
            RunCommand.self,
            EmulatorCommand.self,
        ]
    )

    static func main() async {
        // A reader that goes away (`ldifbulk convert --stdout | head`) makes writes fail with EPIPE, which
        // each command handles, instead of killing the process in the middle of a ledger write.
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}

import ChatClient
import Foundation
import Testing

@testable import ChatREPL

@Suite("The README agrees with the code")
struct ReadmeTests {
    let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test(arguments: SlashCommand.allCases.map(\.name))
    func everySlashCommandHasItsRow(_ name: String) throws {
        let command = try #require(SlashCommand.lookup(name))
        let names = ([command.name] + command.aliases).joined(separator: ", ")
        let syntax = (command.argument.isEmpty ? names : "\(names) \(command.argument)")
            .replacingOccurrences(of: "|", with: "\\|")
        #expect(readme.contains("| `\(syntax)` | \(command.summary) |"))
    }

    /// Every key a config file may hold at its top level (a profile's keys are among them),
    /// taken from the reader itself: a key added to the code without a README row fails here.
    @Test(arguments: ConfigReader.topKeys)
    func everyConfigKeyIsDocumented(_ key: String) {
        #expect(readme.contains("`\(key)`"))
    }

    /// The list above is the real one: it holds keys of every kind the reader knows.
    @Test func theConfigKeysComeFromTheReader() {
        let keys = Set(ConfigReader.topKeys)
        for key in ["model", "api_key_env", "temperature", "max_tokens", "profiles", "version", "timeouts"] {
            #expect(keys.contains(key), "\(key) is missing from ConfigReader.topKeys")
        }
    }
}

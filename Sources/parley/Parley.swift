import ArgumentParser
import ChatREPL

/// `parley`: chat (the default command), `parley models`, `parley doctor`.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Chat with OpenAI-compatible models in the terminal, or answer one prompt from a script.",
        discussion: """
            With no prompt and stdin a terminal, Parley starts an interactive chat (/help lists its \
            commands). Otherwise it sends one prompt (the arguments, then stdin) and prints the reply. \
            A prompt whose first word is a command's name (see below) is quoted as one argument \
            or follows --: parley -- models are cheaper now?
            Environment: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, NO_COLOR, \
            XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME.
            """,
        version: RunSettings.version,
        subcommands: [
            Chat.self, Models.self, DoctorCommand.self, Search.self, Sessions.self, Show.self, Export.self,
            Remove.self, Prune.self, IndexMaintenance.self, Roles.self,
        ],
        defaultSubcommand: Chat.self)

    /// A chat line in its plain forms is read by `QuickChatLine`, without ArgumentParser's
    /// reflection; any other line, and any line whose values are not accepted, by ArgumentParser.
    /// Options may come before a command's name (`parley --no-save models`), as in wave 1:
    /// the command's name is moved to the front before ArgumentParser reads the line.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let chat = QuickChatLine.parse(arguments), (try? chat.validate()) != nil {
            await chat.run()
        }
        await main(ArgumentOrder.commandFirst(arguments))
    }
}

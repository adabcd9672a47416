import ArgumentParser
import ChatREPL

/// The default command: an interactive chat, or one prompt answered (SPEC section 1).
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chat interactively, or answer one prompt (the default command).")

    @OptionGroup var options: CommonOptions

    @Option(
        help: ArgumentHelp("Resume FILE if it exists, else create it; every turn is saved to it.", valueName: "file"))
    var session: String?

    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Resume the most recently used session.")
    var continueLast = false

    @Flag(
        name: [.customShort("x"), .customLong("extract")],
        help: "One-shot mode: print only the reply's first fenced code block.")
    var extractFirst = false

    @Flag(name: .customLong("extract-last"), help: "One-shot mode: print only the reply's last fenced code block.")
    var extractLast = false

    @Flag(help: "One-shot mode: print the reply's token usage and estimated cost to stderr.")
    var usage = false

    @Option(
        name: [.customShort("a"), .customLong("attach")],
        help: ArgumentHelp(
            "Attach a file, image, PDF, directory, glob or URL; - reads it from stdin (repeatable).",
            valueName: "path|url|-"))
    var attach: [String] = []

    @Option(
        name: .customLong("image-detail"),
        help: ArgumentHelp(
            "How closely a vision model looks at attached images: low, high or auto.", valueName: "level"))
    var imageDetail: String?

    @Argument(help: "The prompt (joined by spaces). With stdin piped too, stdin follows after a blank line.")
    var prompt: [String] = []

    func validate() throws {
        if session != nil, continueLast {
            throw ValidationError("--session and --continue cannot be used together")
        }
        if extractFirst, extractLast {
            throw ValidationError("--extract and --extract-last cannot be used together")
        }
        if options.noSave, session != nil || continueLast {
            throw ValidationError("--no-save cannot be used with --session or --continue")
        }
        if let imageDetail, ImageDetail(parsing: imageDetail) == nil {
            throw ValidationError("--image-detail takes \(ImageDetail.accepted), got \(imageDetail)")
        }
        if attach.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("-a - reads stdin, which can be attached once")
        }
    }

    func run() async throws {
        var flags = options.settings
        flags.sessionPath = session
        flags.continueLast = continueLast
        flags.showUsage = usage
        flags.extract = extractFirst ? .first : extractLast ? .last : nil
        flags.attachments = attach
        flags.imageDetail = imageDetail.flatMap(ImageDetail.init(parsing:))
        Startup(flags: flags).exit(await Startup(flags: flags).chat(promptWords: prompt))
    }
}

import ArgumentParser
import ChatREPL

/// `parley doctor`: every step from the config to a streamed reply, checked.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the connection to the server step by step.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let startup = Startup(flags: options.settings)
        let profile = options.profile
        startup.exit(
            await startup.withContext { context in
                Doctor.exitStatus(await context.doctor.run(profile: profile))
            })
    }
}

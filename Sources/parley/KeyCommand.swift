import ChatClient
import ChatREPL
import Tools

/// Runs `api_key_command` through the shell and returns what it printed (a password manager's
/// answer). It gets Parley's stdin and stderr, so a prompt for a master password shows; it runs
/// in a process group of its own, killed whole when it does not finish in time. A command that does not finish within `limit`
/// seconds is stopped and reported.
enum KeyCommand {
    /// More than this on stdout is not a key.
    static let maxOutputBytes = 1 << 20

    static func run(_ command: String, limit: Double, environment: [String: String]) throws(ParleyError) -> String {
        let outcome = PosixProcessRunner().runSynchronously(
            ProcessRequest(
                argv: ["/bin/sh", "-c", command], environment: environment, timeout: limit,
                maxOutputBytes: maxOutputBytes, sharesStdinAndStderr: true))
        switch outcome.ending {
        case .exited(0): break
        case .timedOut, .cancelled:
            throw .setup(
                "api_key_command `\(command)` did not finish within \(seconds(limit)) s; no key "
                    + "(does it wait for input? run it in a shell to see; "
                    + "\"api_key_command_timeout\" in the config gives it longer)")
        case .notStarted(let reason):
            throw .setup("api_key_command `\(command)` could not be started: \(reason)")
        case .exited(let status):
            throw .setup("api_key_command `\(command)` failed (exit status \(status)); no key")
        case .signalled(let signal):
            throw .setup("api_key_command `\(command)` failed (stopped by signal \(signal)); no key")
        }
        guard outcome.outputBytes <= maxOutputBytes else {
            throw .setup("api_key_command `\(command)` printed over 1 MB; that is not a key")
        }
        guard let text = String(validating: outcome.output, as: UTF8.self) else {
            throw .setup("api_key_command `\(command)` printed something that is not text")
        }
        return text
    }

    /// Seconds as a person writes them: `10`, `2.5`.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && value < 1e9 ? String(Int(value)) : String(value)
    }
}

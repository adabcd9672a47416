import ChatClient
import ChatREPL
import Foundation

/// Runs `api_key_command` through the shell and returns what it printed (a password manager's
/// answer). Its standard error goes to ours, so a prompt for a master password shows. A
/// command that does not finish within `limit` seconds is stopped and reported.
enum KeyCommand {
    static func run(_ command: String, limit: Double) throws(ParleyError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw .setup("api_key_command `\(command)` could not be started: \(error.localizedDescription)")
        }
        // Read on a thread of its own, so a command that never closes its output cannot hang us.
        let collected = Locked<Data?>(nil)
        let reader = output.fileHandleForReading
        Thread.detachNewThread {
            let data = reader.readDataToEndOfFile()
            collected.withLock { $0 = data }
        }
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            kill(-process.processIdentifier, SIGTERM)
            throw .setup(
                "api_key_command `\(command)` did not finish within \(seconds(limit)) s; no key "
                    + "(does it wait for input? run it in a shell to see; "
                    + "\"api_key_command_timeout\" in the config gives it longer)")
        }
        while collected.withLock({ $0 == nil }), Date() < deadline.addingTimeInterval(1) { usleep(1000) }
        let data = collected.withLock { $0 } ?? Data()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .setup("api_key_command `\(command)` failed (exit status \(process.terminationStatus)); no key")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .setup("api_key_command `\(command)` printed something that is not text")
        }
        return text
    }

    /// Seconds as a person writes them: `10`, `2.5`.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && value < 1e9 ? String(Int(value)) : String(value)
    }
}

import ChatREPL
import Foundation

/// Runs `api_key_command` through the shell and returns what it printed (a password manager's
/// answer). Its standard error goes to ours, so a prompt for a master password shows.
enum KeyCommand {
    static func run(_ command: String) throws(ParleyError) -> String {
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
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .setup("api_key_command `\(command)` failed (exit status \(process.terminationStatus)); no key")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .setup("api_key_command `\(command)` printed something that is not text")
        }
        return text
    }
}

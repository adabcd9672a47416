import ChatClient

/// Reads lines at a prompt: readline in the terminal, a script in tests.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Keeps a line in the input history (up-arrow brings it back).
    func addToHistory(_ line: String)
}

import ChatREPL

#if canImport(Glibc)
    import Glibc
#endif

/// Reads answers from stdin without the line editor: one-shot mode at a terminal, where a
/// tool call is asked about and nothing else is read.
final class StdinLineReader: LineReader {
    func readLine(prompt: String) -> LineInput {
        FileDescriptorSink(fd: STDERR_FILENO).write(prompt)
        guard let line = Swift.readLine() else { return .end }
        return .line(line)
    }

    func addToHistory(_ line: String) {}
}

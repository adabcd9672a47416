import ChatClient
import ChatREPL

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC section 1: the prompt is the arguments, or stdin, or the arguments, a blank line and stdin.
enum PromptReader {
    /// - Parameter allowEmpty: true when attachments go, so the message may have no text.
    static func read(words: [String], stdinIsTTY: Bool, allowEmpty: Bool = false) throws(ParleyError) -> String {
        let joined = words.joined(by: " ")
        guard !stdinIsTTY else { return joined }
        guard let input = String(validating: try readStandardInput(), as: UTF8.self) else {
            throw .data("stdin is not UTF-8 text; Parley sends text only")
        }
        let prompt = joined.isEmpty ? input : input.isEmpty ? joined : joined + "\n\n" + input
        if !allowEmpty, prompt.allSatisfy({ $0.isWhitespace || $0.isNewline }) {
            throw .usage("nothing to send: give a prompt as arguments or on stdin (parley --help)")
        }
        return prompt
    }

    /// All of stdin with read(2): a closed stdin reads as empty, a directory is an error.
    static func readStandardInput() throws(ParleyError) -> [UInt8] {
        switch WholeFile.read(fd: STDIN_FILENO, limit: nil) {
        case .success(let bytes): return bytes
        case .failure(.system(EBADF)): return []  // stdin closed (`parley "q" <&-`): nothing to read
        case .failure(.system(let code)):
            let reason = code == EISDIR ? "is a directory" : String(cString: strerror(code))
            throw .data("stdin cannot be read: \(reason); give the prompt as arguments or pipe text in")
        case .failure(.tooLarge): return []  // no limit was given
        }
    }
}

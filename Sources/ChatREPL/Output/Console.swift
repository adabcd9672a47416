import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// stdout and stderr with the style: the reply and command output go to `out`; notices,
/// errors and the spinner to `err`.
public struct Console: Sendable {
    public let out: any OutputSink
    public let err: any OutputSink
    public let style: Style

    public init(out: any OutputSink, err: any OutputSink, style: Style) {
        self.out = out
        self.err = err
        self.style = style
    }

    public func say(_ text: String) {
        out.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// A line on stderr, dimmed on a terminal; scrubbed of this run's secrets.
    public func notice(_ text: String) {
        let text = Secrets.redact(text)
        err.write(style.colorErr ? "\u{1B}[2m\(text)\u{1B}[0m\n" : text + "\n")
    }

    /// An error and its advice on stderr; scrubbed of this run's secrets, whatever a library
    /// put into the message.
    public func error(_ words: ErrorWording.Words) {
        let label = style.colorErr ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        var text = "\(label) \(Secrets.redact(words.message))\n"
        if let advice = words.advice { text += "  \(Secrets.redact(advice))\n" }
        err.write(text)
    }
}

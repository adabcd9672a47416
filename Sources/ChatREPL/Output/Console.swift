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

    public func notice(_ text: String) {
        err.write(style.colorErr ? "\u{1B}[2m\(text)\u{1B}[0m\n" : text + "\n")
    }

    public func error(_ words: ErrorWording.Words) {
        let label = style.colorErr ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        var text = "\(label) \(words.message)\n"
        if let advice = words.advice { text += "  \(advice)\n" }
        err.write(text)
    }
}

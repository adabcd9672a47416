import ChatClient
import ChatREPL
import FoundationEssentials
import Tools

/// Extracts a PDF's text with `pdftotext` (poppler-utils) when it is on PATH: for servers
/// that take no PDF files. The PDF goes in as a private temporary file (not a pipe, which a
/// program that stops reading would turn into a SIGPIPE), the text comes out on stdout; a run
/// that does not finish within the limit is stopped.
struct PDFToText: PDFTextExtracting {
    /// The directories of PATH, looked through only when a PDF needs it.
    let searchPath: [String]
    static let limit: Double = 60
    /// More text than this from one PDF is refused rather than sent.
    static let maxTextBytes = 32 << 20
    /// What pdftotext's process gets of Parley's environment.
    let childEnvironment: [String: String]
    /// Where the temporary copy goes: $TMPDIR or /tmp.
    let temporaryDirectory: String

    init(environment: [String: String]) {
        searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        temporaryDirectory = TemporaryDirectory.path(environment)
        childEnvironment = environment.filter {
            ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR"].contains($0.key)
        }
    }

    /// The program's path, or nil when PATH has none.
    var program: String? {
        searchPath.map { $0 + "/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func text(ofPDF bytes: [UInt8], name: String) throws(AttachmentError) -> String? {
        guard let program else { return nil }
        let input = temporaryDirectory + "parley-pdf-\(UUID().uuidString).pdf"
        guard
            FileManager.default.createFile(atPath: input, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw AttachmentError(name, "a temporary copy for pdftotext could not be written") }
        defer { try? FileManager.default.removeItem(atPath: input) }
        // posix_spawn through the tools' runner rather than Foundation's Process, which leaves
        // objects behind that LeakSanitizer reports at exit. The child gets PATH, HOME and the
        // locale only: never the API key.
        let outcome = PosixProcessRunner().runSynchronously(
            ProcessRequest(
                argv: [program, "-layout", "-enc", "UTF-8", "-q", input, "-"],
                environment: childEnvironment, timeout: Self.limit, maxOutputBytes: Self.maxTextBytes))
        switch outcome.ending {
        case .exited(0): break
        case .timedOut, .cancelled:
            throw AttachmentError(name, "pdftotext did not finish within \(Int(Self.limit)) s")
        case .notStarted(let reason):
            throw AttachmentError(name, "pdftotext could not be started: \(reason)")
        case .exited(let status):
            throw AttachmentError(name, "pdftotext could not read it (exit status \(status)): is the PDF damaged?")
        case .signalled(let signal):
            throw AttachmentError(
                name, "pdftotext could not read it (stopped by signal \(signal)): is the PDF damaged?")
        }
        guard outcome.outputBytes <= Self.maxTextBytes else {
            throw AttachmentError(name, "its text is over \(Self.maxTextBytes >> 20) MB")
        }
        let text = String(decoding: outcome.output, as: UTF8.self)
        guard !text.allSatisfy({ $0.isWhitespace || $0.isNewline }) else {
            throw AttachmentError(
                name, "the PDF has no text pdftotext can read (a scan?)",
                advice: "send it to a server that takes PDF files (OpenAI, OpenRouter), or its pages as images")
        }
        return text
    }
}

import ChatClient
import ChatREPL
import Foundation

/// Extracts a PDF's text with `pdftotext` (poppler-utils) when it is on PATH: for servers
/// that take no PDF files. The PDF goes in as a private temporary file (not a pipe, which a
/// program that stops reading would turn into a SIGPIPE), the text comes out on stdout; a run
/// that does not finish within the limit is stopped.
struct PDFToText: PDFTextExtracting {
    /// The directories of PATH, looked through only when a PDF needs it.
    let searchPath: [String]
    static let limit: Double = 60

    init(environment: [String: String]) {
        searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    /// The program's path, or nil when PATH has none.
    var program: String? {
        searchPath.map { $0 + "/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func text(ofPDF bytes: [UInt8], name: String) throws(AttachmentError) -> String? {
        guard let program else { return nil }
        let input = NSTemporaryDirectory() + "parley-pdf-\(UUID().uuidString).pdf"
        guard
            FileManager.default.createFile(atPath: input, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw AttachmentError(name, "a temporary copy for pdftotext could not be written") }
        defer { try? FileManager.default.removeItem(atPath: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-layout", "-enc", "UTF-8", "-q", input, "-"]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AttachmentError(name, "pdftotext could not be started: \(error.localizedDescription)")
        }
        // Read on a thread of its own, so a program that never closes its output cannot hang us.
        let collected = Locked<Data?>(nil)
        let reader = output.fileHandleForReading
        Thread.detachNewThread {
            let data = reader.readDataToEndOfFile()
            collected.withLock { $0 = data }
        }
        let deadline = Date().addingTimeInterval(Self.limit)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw AttachmentError(name, "pdftotext did not finish within \(Int(Self.limit)) s")
        }
        while collected.withLock({ $0 == nil }), Date() < deadline.addingTimeInterval(1) { usleep(1000) }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw AttachmentError(
                name, "pdftotext could not read it (exit status \(process.terminationStatus)): is the PDF damaged?")
        }
        let text = String(decoding: collected.withLock { $0 } ?? Data(), as: UTF8.self)
        guard !text.allSatisfy({ $0.isWhitespace || $0.isNewline }) else {
            throw AttachmentError(
                name, "the PDF has no text pdftotext can read (a scan?)",
                advice: "send it to a server that takes PDF files (OpenAI, OpenRouter), or its pages as images")
        }
        return text
    }
}

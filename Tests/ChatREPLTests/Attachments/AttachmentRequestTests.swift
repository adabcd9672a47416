import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@testable import ChatREPL

/// A PDF extractor that returns a fixed text, or says none is installed.
struct FakePDFText: PDFTextExtracting {
    var text: String?

    func text(ofPDF bytes: [UInt8], name: String) throws(AttachmentError) -> String? { text }
}

@Suite("Attachments: the request bodies a server receives", .serialized)
struct AttachmentRequestTests {
    /// Sends one message with what `arguments` attach and returns the user message's parts as
    /// the server received them.
    func sentParts(
        _ arguments: [String], text: String = "look", server kind: AttachmentServer? = nil,
        settings: AttachmentSettings = AttachmentSettings(), pdfText: (any PDFTextExtracting)? = nil,
        files: [String: [UInt8]] = [:]
    ) async throws -> (parts: [[String: Any]], notes: [String], requests: [RecordedRequest]) {
        try await withTemporaryDirectory { directory in
            for (name, bytes) in files { try SampleFiles.write(bytes, to: directory + "/" + name) }
            let server = try await TestServer { request, _ in
                if request.uri.hasSuffix("/files/moved.png") {
                    return CannedResponse(status: 302, headers: [("Location", "/files/pixel.png")], chunks: [])
                }
                if request.uri.hasSuffix("/files/pixel.png") {
                    return CannedResponse(headers: [("Content-Type", "image/png")], chunks: [(SampleFiles.png, 0)])
                }
                return streamReply("ok")
            }
            let loader = AttachmentLoader(
                settings: settings,
                server: kind ?? AttachmentServer(takesFileParts: false, fetchesImageURLs: true, host: "127.0.0.1"),
                pdfText: pdfText, makeTransport: { LiveTransport.make(connectTimeout: 5) })
            var attachments: [ChatREPL.Attachment] = []
            var notes: [String] = []
            do {
                for argument in arguments {
                    let name = argument.hasPrefix("$SERVER") || argument == "-" ? argument : directory + "/" + argument
                    let batch = try await loader.load(
                        name.replacingOccurrences(of: "$SERVER", with: "http://127.0.0.1:\(server.port)"),
                        stdin: Array("piped text\n".utf8))
                    attachments += batch.attachments
                    notes += batch.notes
                }
            } catch {
                await server.shutdown()
                throw error
            }
            let harness = Harness(server: server)
            var conversation = Conversation(settings: ConversationSettings(model: "m"))
            conversation.appendUser(ChatMessage.user(text: text, parts: attachments.map(\.part)))
            let runner = TurnRunner(
                client: harness.client, console: harness.console, interrupts: InterruptController(), stream: true,
                spinner: false,
                errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: ""))
            #expect(await runner.run(&conversation) == .replied)
            let requests = server.requests
            let bodies = try harness.requestBodies()
            await harness.shutdown()
            let body = try #require(bodies.last)
            let message = try #require((body["messages"] as? [[String: Any]])?.last)
            let parts = try #require(message["content"] as? [[String: Any]])
            #expect(!String(decoding: try #require(requests.last).body, as: UTF8.self).contains("parley_attachment"))
            return (parts, notes.map { $0.replacingOccurrences(of: directory + "/", with: "") }, requests)
        }
    }

    @Test func anImageIsADataURLWithItsDetail() async throws {
        var settings = AttachmentSettings()
        settings.imageDetail = .low
        let (parts, _, _) = try await sentParts(
            ["shot.txt"], settings: settings, files: ["shot.txt": SampleFiles.png])
        #expect(parts.count == 2)
        #expect(parts[0]["type"] as? String == "text" && parts[0]["text"] as? String == "look")
        #expect(parts[1]["type"] as? String == "image_url")
        let image = try #require(parts[1]["image_url"] as? [String: Any])
        #expect(image["url"] as? String == "data:image/png;base64," + Data(SampleFiles.png).base64EncodedString())
        #expect(image["detail"] as? String == "low")
        #expect(parts[1]["parley_attachment"] == nil)
    }

    @Test func everyImageKindHasItsMediaType() async throws {
        let (parts, _, _) = try await sentParts(
            ["a.jpg", "b.gif", "c.webp"],
            files: ["a.jpg": SampleFiles.jpeg, "b.gif": SampleFiles.gif, "c.webp": SampleFiles.webp])
        let urls = parts.dropFirst().compactMap { ($0["image_url"] as? [String: Any])?["url"] as? String }
        #expect(urls.map { $0.prefix { $0 != ";" } } == ["data:image/jpeg", "data:image/gif", "data:image/webp"])
    }

    @Test func aPDFIsAFilePartForServersThatTakeIt() async throws {
        let (parts, notes, _) = try await sentParts(
            ["docs/paper.pdf"], server: AttachmentServer(takesFileParts: true, fetchesImageURLs: true, host: "x"),
            files: ["docs/paper.pdf": SampleFiles.pdf])
        #expect(notes.isEmpty)
        #expect(parts[1]["type"] as? String == "file")
        let file = try #require(parts[1]["file"] as? [String: Any])
        #expect(file["filename"] as? String == "paper.pdf")
        #expect(
            file["file_data"] as? String == "data:application/pdf;base64," + Data(SampleFiles.pdf).base64EncodedString()
        )
    }

    @Test func aPDFIsItsTextElsewhereWithANote() async throws {
        let (parts, notes, _) = try await sentParts(
            ["paper.pdf"], pdfText: FakePDFText(text: "Page one text\n"), files: ["paper.pdf": SampleFiles.pdf])
        #expect(parts[1]["type"] as? String == "text")
        let text = try #require(parts[1]["text"] as? String)
        #expect(text.hasSuffix("paper.pdf (text of the PDF, by pdftotext)\n```\nPage one text\n```\n"))
        #expect(notes.count == 1 && notes[0].contains("takes no PDF files") && notes[0].contains("pdftotext"))
    }

    @Test func aPDFWithNeitherIsOneClearError() async throws {
        for extractor in [nil, FakePDFText(text: nil)] as [FakePDFText?] {
            await #expect(throws: AttachmentError.self) {
                _ = try await sentParts(["paper.pdf"], pdfText: extractor, files: ["paper.pdf": SampleFiles.pdf])
            }
        }
        do {
            _ = try await sentParts(["paper.pdf"], files: ["paper.pdf": SampleFiles.pdf])
        } catch let error as AttachmentError {
            #expect(error.words.message.contains("takes no PDF files"))
            #expect(error.words.message.contains("pdftotext is not installed"))
            #expect(error.advice?.contains("poppler-utils") == true)
        }
    }

    @Test func aTextFileIsFencedUnderItsPath() async throws {
        let (parts, _, _) = try await sentParts(["main.swift"], files: ["main.swift": Array("let x = 1\n".utf8)])
        let text = try #require(parts[1]["text"] as? String)
        #expect(text.hasPrefix("File: /"))
        #expect(text.hasSuffix("main.swift\n```swift\nlet x = 1\n```\n"))
    }

    @Test func stdinIsAttachedByItsBytes() async throws {
        let (parts, _, _) = try await sentParts(["-"])
        #expect(parts[1]["text"] as? String == "File: stdin\n```\npiped text\n```\n")
    }

    @Test func aDirectoryBringsItsTextFilesSkippingBinaryAndHidden() async throws {
        let (parts, notes, _) = try await sentParts(
            ["project"],
            files: [
                "project/b.py": Array("print(1)\n".utf8), "project/a/z.md": Array("# z\n".utf8),
                "project/logo.png": SampleFiles.png, "project/tool.bin": SampleFiles.binary,
                "project/.env": Array("SECRET=1\n".utf8), "project/.git/config": Array("[core]\n".utf8),
            ])
        let texts = parts.dropFirst().compactMap { $0["text"] as? String }
        #expect(texts.count == 2)
        #expect(texts[0].contains("project/a/z.md\n```markdown\n# z\n"))
        #expect(texts[1].contains("project/b.py\n```python\nprint(1)\n"))
        #expect(!texts.joined().contains("SECRET"))
        #expect(notes.count == 1 && notes[0].contains("2 files skipped (not text)"))
    }

    @Test func aGlobBringsWhatItMatches() async throws {
        let (parts, _, _) = try await sentParts(
            ["src/*.swift"],
            files: ["src/a.swift": Array("a\n".utf8), "src/b.swift": Array("b\n".utf8), "src/c.txt": [0x63]])
        #expect(
            parts.dropFirst().compactMap { $0["text"] as? String }.map { $0.suffix(14) } == [
                "```swift\na\n```\n".suffix(14), "```swift\nb\n```\n".suffix(14),
            ])
    }

    @Test func directoriesPastTheCapsAreRefusedSayingHowToRaiseThem() async throws {
        var settings = AttachmentSettings()
        settings.maxFiles = 2
        let files = ["d/1.txt": [UInt8](repeating: 0x61, count: 10), "d/2.txt": [0x62], "d/3.txt": [0x63]]
        do {
            _ = try await sentParts(["d"], settings: settings, files: files)
            Issue.record("three files passed a cap of two")
        } catch let error as AttachmentError {
            #expect(error.reason.contains("more than 2 files"))
            #expect(error.advice?.contains("\"max_files\"") == true)
        }
        settings = AttachmentSettings()
        settings.maxTotalBytes = 5
        do {
            _ = try await sentParts(["d"], settings: settings, files: files)
            Issue.record("12 bytes passed a cap of 5")
        } catch let error as AttachmentError {
            #expect(error.reason.contains("of text, the limit"))
            #expect(error.advice?.contains("\"max_total_mb\"") == true)
        }
    }

    @Test func anImageURLIsPassedToServersThatFetchURLs() async throws {
        let (parts, _, requests) = try await sentParts(["$SERVER/files/pixel.png"])
        let image = try #require(parts[1]["image_url"] as? [String: Any])
        #expect((image["url"] as? String)?.hasSuffix("/files/pixel.png") == true)
        #expect(requests.filter { $0.method == "GET" }.isEmpty)
    }

    /// A URL no server could fetch is refused before anything is sent, not passed on as an image.
    @Test(arguments: ["http://[::1", "https://", "http://exa mple.com/a.png", "http:///a.png"])
    func aMalformedURLIsRefused(_ url: String) async throws {
        let loader = AttachmentLoader(
            settings: AttachmentSettings(),
            server: AttachmentServer(takesFileParts: false, fetchesImageURLs: true, host: "127.0.0.1"))
        do {
            let batch = try await loader.load(url)
            Issue.record("\(url) was attached: \(batch.attachments.map(\.summary))")
        } catch {
            #expect(error.reason == "not a valid URL")
        }
    }

    @Test func anImageURLIsDownloadedAndInlinedForServersThatDoNot() async throws {
        let ollama = AttachmentServer(baseURL: .test("http://localhost:11434/v1"))
        #expect(!ollama.fetchesImageURLs && !ollama.takesFileParts)
        let (parts, _, requests) = try await sentParts(["$SERVER/files/moved.png"], server: ollama)
        let image = try #require(parts[1]["image_url"] as? [String: Any])
        #expect(image["url"] as? String == "data:image/png;base64," + Data(SampleFiles.png).base64EncodedString())
        let downloads = requests.filter { $0.method == "GET" }
        #expect(downloads.map(\.uri) == ["/files/moved.png", "/files/pixel.png"])
        #expect(downloads.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func aDownloadOverTheCapIsRefused() async throws {
        var settings = AttachmentSettings()
        settings.maxFileBytes = 10
        settings.inlineURLs = true
        do {
            _ = try await sentParts(
                ["$SERVER/files/pixel.png"],
                server: AttachmentServer(baseURL: .test("http://127.0.0.1:1/v1"), inlineURLs: true), settings: settings)
            Issue.record("a download over the cap was attached")
        } catch let error as AttachmentError {
            #expect(error.reason == "it is over the 10 B limit for one attachment")
            #expect(error.advice?.contains("max_file_mb") == true)
        }
    }

    @Test func serverKindsComeFromTheBaseURL() {
        let openAI = AttachmentServer(baseURL: .test("https://api.openai.com/v1"))
        #expect(openAI.takesFileParts && openAI.fetchesImageURLs)
        #expect(AttachmentServer(baseURL: .test("https://openrouter.ai/api/v1")).takesFileParts)
        let vllm = AttachmentServer(baseURL: .test("http://localhost:8000/v1"))
        #expect(!vllm.takesFileParts && vllm.fetchesImageURLs)
        #expect(!AttachmentServer(baseURL: .test("http://localhost:8000/v1"), inlineURLs: true).fetchesImageURLs)
        #expect(AttachmentServer(baseURL: .test("http://localhost:11434/v1"), inlineURLs: false).fetchesImageURLs)
    }

    @Test func everythingElseIsRefusedNamingTheFileAndTheReason() async throws {
        var small = AttachmentSettings()
        small.maxFileBytes = 8
        let cases: [(String, AttachmentSettings, String)] = [
            ("tool.bin", AttachmentSettings(), "not an image (PNG, JPEG, GIF, WebP), a PDF or UTF-8 text"),
            ("missing.png", AttachmentSettings(), "no such file or directory"),
            ("big.txt", small, "over the 8 B limit for one attachment"),
            ("nothing/*.md", AttachmentSettings(), "the pattern matches no file"),
        ]
        for (name, settings, reason) in cases {
            do {
                _ = try await sentParts(
                    [name], settings: settings,
                    files: ["tool.bin": SampleFiles.binary, "big.txt": Array("0123456789\n".utf8)])
                Issue.record("\(name) was attached")
            } catch let error as AttachmentError {
                #expect(error.words.message.hasPrefix("cannot attach "), "\(name)")
                #expect(error.words.message.contains(name), "\(name)")
                #expect(error.reason.contains(reason), "\(name): \(error.reason)")
                #expect(error.parleyError.exitStatus == .noInput)
            }
        }
    }
}

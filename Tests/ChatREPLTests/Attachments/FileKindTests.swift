import ChatClient
import Foundation
import TestSupport
import Testing

@testable import ChatREPL

@Suite("Attachments: the kind comes from the bytes, never the name")
struct FileKindTests {
    @Test(arguments: [
        ("photo.png", SampleFiles.png, FileKind.png),
        ("photo.jpg", SampleFiles.jpeg, .jpeg),
        ("anim.gif", SampleFiles.gif, .gif),
        ("pic.webp", SampleFiles.webp, .webp),
        ("paper.pdf", SampleFiles.pdf, .pdf),
        ("notes.txt", SampleFiles.text, .text),
        ("program.bin", SampleFiles.binary, .binary),
        // Misleading names: the bytes win.
        ("screenshot.txt", SampleFiles.png, .png),
        ("notes.png", SampleFiles.text, .text),
        ("report.pdf", SampleFiles.binary, .binary),
        ("empty.txt", [], .text),
    ])
    func sniffsWrittenFiles(name: String, bytes: [UInt8], kind: FileKind) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/" + name
            try SampleFiles.write(bytes, to: path)
            let read = try AttachmentFiles.read(path, name: name, limit: 1 << 20)
            #expect(FileKind(sniffing: read) == kind)
        }
    }

    @Test func aHeadCutInsideACharacterIsStillText() {
        let head = Array(String(repeating: "é", count: 10).utf8).dropLast()
        #expect(FileKind(sniffing: head) == .binary)
        #expect(AttachmentLoader.kind(ofHead: Array(head), whole: false) == .text)
        #expect(AttachmentLoader.kind(ofHead: Array(head), whole: true) == .binary)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func sha256OfAMillionAs() {
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        ("Sources/main.swift", "swift"), ("a/b/script.py", "python"), ("Makefile", "make"), ("x.tsx", "tsx"),
        ("README", ""), (".bashrc", ""), ("data.weird-ext!", ""), ("notes.txt", "text"), ("conf.toml", "toml"),
    ])
    func fenceLanguageComesFromTheExtension(path: String, language: String) {
        #expect(TextAttachment.language(of: path) == language)
    }

    @Test func textIsFencedLongerThanAnyFenceInside() {
        let rendered = TextAttachment.render("a\n```swift\nx\n```\n", path: "doc.md")
        #expect(rendered == "File: doc.md\n````markdown\na\n```swift\nx\n```\n````\n")
        #expect(TextAttachment.render("no newline", path: "a.c") == "File: a.c\n```c\nno newline\n```\n")
    }

    @Test(arguments: [
        ("a b  c", ["a", "b", "c"]), ("'my file.png' x", ["my file.png", "x"]),
        (#""quoted \"name\"" y"#, [#"quoted "name""#, "y"]), (#"back\ slash"#, ["back slash"]), ("", []),
    ])
    func attachArgumentsSplitLikeAShell(text: String, words: [String]) throws {
        #expect(try ArgumentWords.split(text) == words)
    }

    @Test func anUnclosedQuoteIsAnError() {
        #expect(throws: ArgumentWords.UnclosedQuote.self) { try ArgumentWords.split("'open") }
    }

    @Test func globsMatchNamesAndDirectories() async throws {
        try await withTemporaryDirectory { directory in
            for path in ["src/a.swift", "src/b.txt", "src/deep/c.swift", "src/.hidden.swift", "src/.git/d.swift"] {
                try SampleFiles.write(SampleFiles.text, to: directory + "/" + path)
            }
            let names = { (pattern: String) in
                AttachmentFiles.glob(directory + "/" + pattern).files.map { String($0.dropFirst(directory.count + 1)) }
            }
            #expect(names("src/*.swift") == ["src/a.swift"])
            #expect(names("src/**/*.swift") == ["src/a.swift", "src/deep/c.swift"])
            #expect(names("*/deep/?.swift") == ["src/deep/c.swift"])
            #expect(names("src/[ab].*") == ["src/a.swift", "src/b.txt"])
            #expect(names("nothing/*.swift").isEmpty)
        }
    }
}

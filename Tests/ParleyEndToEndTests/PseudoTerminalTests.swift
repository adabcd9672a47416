import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("A program in a pseudo-terminal")
struct PseudoTerminalTests {
    /// A pipe the test process holds open (another test's child's stdin, say) is not passed on
    /// to the program: there it would keep that child from ever seeing the end of its input.
    @Test func inheritsNothingButTheTerminal() async throws {
        let pipe = Pipe()
        var status = stat()
        #expect(fstat(pipe.fileHandleForWriting.fileDescriptor, &status) == 0)
        let terminal = try PseudoTerminal(
            path: "/bin/sh", arguments: ["-c", "ls -l /proc/self/fd/; echo END"],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        let listing = try #require(await terminal.waitFor("END"))
        #expect(await terminal.wait() == 0)
        #expect(listing.contains("/dev/pts/"))
        #expect(!listing.contains("pipe:[\(status.st_ino)]"), "\(listing)")
        try pipe.fileHandleForWriting.close()
    }
}

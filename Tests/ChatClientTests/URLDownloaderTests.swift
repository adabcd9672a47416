import ChatClient
import NIOCore
import Synchronization
import TestSupport
import Testing

@Suite("Downloading an attachment's URL")
struct URLDownloaderTests {
    func response(_ status: Int, _ headers: [(String, String)] = [], body: [UInt8] = []) -> HTTPResponse {
        HTTPResponse(
            head: HTTPResponseHead(status: status, headers: headers.map { (name: $0.0, value: $0.1) }),
            body: ResponseBody(bytes: body))
    }

    @Test func followsRedirectsAndSendsNoKey() async throws {
        let transport = TestHTTPTransport { request, index in
            switch index {
            case 0: response(301, [("Location", "https://cdn.example/b.png")])
            case 1: response(302, [("Location", "/c.png")])
            default: response(200, [("Content-Type", "image/png")], body: [1, 2, 3])
            }
        }
        let download = try await URLDownloader(transport: transport).fetch("https://example.com/a.png", limit: 10)
        #expect(download.bytes == [1, 2, 3])
        #expect(download.contentType == "image/png")
        let requests = transport.requests.withLock { $0 }
        #expect(
            requests.map(\.url) == [
                "https://example.com/a.png", "https://cdn.example/b.png", "https://cdn.example/c.png",
            ])
        #expect(
            requests.allSatisfy {
                $0.method == .get && $0.header("Authorization") == nil && $0.header("api-key") == nil
            })
    }

    @Test func refusesTooLargeFailedAndEndlessRedirects() async throws {
        let tooLarge = TestHTTPTransport { _, _ in response(200, body: [UInt8](repeating: 0, count: 11)) }
        await #expect(throws: URLDownloader.Failure.self) {
            _ = try await URLDownloader(transport: tooLarge).fetch("http://h/x", limit: 10)
        }
        let missing = TestHTTPTransport { _, _ in response(404) }
        do {
            _ = try await URLDownloader(transport: missing).fetch("http://h/x", limit: 10)
            Issue.record("a 404 was a download")
        } catch let failure as URLDownloader.Failure {
            #expect(failure.reason == "the download failed (HTTP 404)")
        }
        let loop = TestHTTPTransport { _, _ in response(302, [("Location", "/again")]) }
        await #expect(throws: URLDownloader.Failure.self) {
            _ = try await URLDownloader(transport: loop).fetch("http://h/x", limit: 10)
        }
    }

    @Test func aHostThatStallsIsGivenUpOnAtTheDeadline() async throws {
        let stalled = TestHTTPTransport { _, _ in
            HTTPResponse(
                head: HTTPResponseHead(status: 200),
                body: ResponseBody(AsyncThrowingStream<ByteBuffer, any Error> { _ in }))
        }
        do {
            _ = try await URLDownloader(transport: stalled, deadline: 0.2).fetch("http://h/x", limit: 10)
            Issue.record("a stalled download ended")
        } catch let failure as URLDownloader.Failure {
            #expect(failure.reason.hasPrefix("no complete answer within"))
        }
    }
}

import ChatClient
import Foundation
import NIOCore
import TestSupport
import Testing

@Suite("Retries, rate limits and parameter negotiation")
struct ResilienceTests {
    @Test(arguments: [
        ("6m0s", 360.0), ("12ms", 0.012), ("1s", 1.0), ("18.642s", 18.642), ("1h2m3.5s", 3723.5), ("250us", 0.00025),
        ("250µs", 0.00025), ("100ns", 1e-7), ("7", 7.0), ("9ms", 0.009), ("0s", 0),
    ])
    func goDurations(text: String, seconds: Double) throws {
        let parsed = try #require(GoDuration.seconds(text))
        #expect(abs(parsed - seconds) < 1e-9)
    }

    @Test(arguments: ["", "5 parsecs", "m", "1x"])
    func badDurations(_ text: String) {
        #expect(GoDuration.seconds(text) == nil)
    }

    @Test func headerFixturesParseToTheirResetTimes() throws {
        for name in ["headers-success.json", "headers-429.json"] {
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(try fixture(name, in: fixturesDirectory())))
                    as? [String: Any])
            let headers = try #require(json["headers"] as? [String: String])
            let expected = try #require(json["parsed_reset_seconds"] as? [String: Double])
            for (header, seconds) in expected {
                #expect(GoDuration.seconds(try #require(headers[header])) == seconds)
            }
        }
    }

    @Test func serverRateLimitHeadersMakeTheNextRequestWait() throws {
        let limiter = RateLimiter(limits: .init())
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try fixture("headers-429.json", in: fixturesDirectory())))
                as? [String: Any])
        let headers = try #require(json["headers"] as? [String: String])
        limiter.observe(HTTPResponseHead(status: 429, headers: headers.map { ($0.key, $0.value) }), now: 100)
        let (wait, reason) = limiter.delay(tokens: 50, now: 100)
        #expect(abs(wait - 18.642) < 1e-9)
        #expect(reason.contains("token limit"))
        #expect(limiter.delay(tokens: 50, now: 119).seconds == 0)
    }

    @Test func requestsPerMinuteWithAFakeClock() {
        let limiter = RateLimiter(limits: .init(requestsPerMinute: 2))
        limiter.record(tokens: 10, now: 0)
        limiter.record(tokens: 10, now: 1)
        #expect(limiter.delay(tokens: 10, now: 2).seconds == 58)
        #expect(limiter.delay(tokens: 10, now: 60.5).seconds == 0)
    }

    @Test func tokensPerMinuteWithAFakeClock() {
        let limiter = RateLimiter(limits: .init(tokensPerMinute: 40_000))
        limiter.record(tokens: 30_000, now: 0)
        limiter.record(tokens: 5_000, now: 10)
        #expect(limiter.delay(tokens: 4_000, now: 20).seconds == 0)
        #expect(limiter.delay(tokens: 20_000, now: 20).seconds == 40)  // the first request must age out
        #expect(limiter.delay(tokens: 39_000, now: 20).seconds == 50)  // both must
        #expect(limiter.delay(tokens: 50_000, now: 20).seconds == 0)  // can never fit: the server decides
    }

    @Test func theClientWaitsOutItsOwnLimitVisibly() async throws {
        let clock = FakeClock()
        let waiter = ClockWaiter(clock)
        let transport = TestHTTPTransport { _, _ in sseResponse("ok") }
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://x/v1"), limits: .init(requestsPerMinute: 1)),
            transport: transport,
            waiter: waiter, now: { clock.now })
        _ = try await client.send(question) { _ in }
        _ = try await client.send(question) { _ in }
        #expect(waiter.waits.withLock { $0 } == [60])
    }

    @Test func connectionRefusedThenUp() async throws {
        let transport = TestHTTPTransport { _, index in
            if index == 0 { throw ChatClientError.connection(.refused, host: "x") }
            return sseResponse("up")
        }
        let waiter = RecordingWaiter()
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport, waiter: waiter, random: { 0 }
        )
        let reply = try await client.send(question) { _ in }
        #expect(reply.content == "up")
        #expect(waiter.waits.withLock { $0 } == [0.5])
        #expect(waiter.reasons.withLock { $0 } == ["connection failed (retry 1 of 2)"])
    }

    @Test func retryAfterMillisecondsIsHonoured() async throws {
        let transport = TestHTTPTransport { _, index in
            index == 0
                ? try errorResponse(429, fixture: "error-429-rate-limit.json", headers: [("retry-after-ms", "250")])
                : sseResponse("ok")
        }
        let waiter = RecordingWaiter()
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport, waiter: waiter)
        _ = try await client.send(question) { _ in }
        #expect(waiter.waits.withLock { $0 } == [0.25])
    }

    /// `max_server_wait`: a Retry-After within it is waited out, one beyond it is not retried,
    /// and a rate-limit reset further away is cut to it.
    @Test func theLongestServerWaitIsConfigurable() async throws {
        let transport = TestHTTPTransport { _, index in
            switch index {
            case 0: try errorResponse(429, fixture: "error-429-rate-limit.json", headers: [("retry-after", "20")])
            case 1: try errorResponse(429, fixture: "error-429-rate-limit.json", headers: [("retry-after", "40")])
            default: sseResponse("ok")
            }
        }
        var settings = ServerSettings(baseURL: .test("http://x/v1"))
        settings.maxServerWait = 30
        let waiter = RecordingWaiter()
        let client = ChatClient(settings: settings, transport: transport, waiter: waiter)
        await #expect(throws: ChatClientError.self) { _ = try await client.send(question) { _ in } }
        #expect(waiter.waits.withLock { $0 } == [20])
        #expect(transport.requests.withLock { $0.count } == 2)

        #expect(client.limiter.maxServerWait == 30)
        let reset = HTTPResponseHead(
            status: 200, headers: [("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1h")])
        client.limiter.observe(reset, now: 1000)
        #expect(client.limiter.delay(tokens: 1, now: 1000).seconds == 30)
    }

    @Test func rateLimitedAfterTheLastTryIsAnError() async throws {
        let transport = TestHTTPTransport { _, _ in
            try errorResponse(429, fixture: "error-429-rate-limit.json", headers: [("x-request-id", "req_9")])
        }
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport, waiter: RecordingWaiter())
        await #expect {
            _ = try await client.send(question) { _ in }
        } throws: { error in
            guard case ChatClientError.http(429, let detail, "req_9") = error else { return false }
            return detail.code == "rate_limit_exceeded"
        }
        #expect(transport.requests.withLock { $0.count } == 3)
    }

    @Test func maxTokensRefusedIsAskedAgainWithMaxCompletionTokensAndRemembered() async throws {
        let transport = TestHTTPTransport { request, _ in
            let body = String(decoding: request.body ?? [], as: UTF8.self)
            return body.contains(#""max_tokens""#)
                ? try errorResponse(400, fixture: "error-400-unsupported-parameter.json") : sseResponse("ok")
        }
        let notices = Locked<[ClientNotice]>([])
        let client = ChatClient(settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport)
        var request = question
        request.maxTokens = 100
        for _ in 0..<2 {
            _ = try await client.send(request, onNotice: { n in notices.withLock { $0.append(n) } }, onDelta: { _ in })
        }
        let bodies = transport.requests.withLock { $0.map { String(decoding: $0.body ?? [], as: UTF8.self) } }
        #expect(bodies.count == 3)
        #expect(bodies[1].contains(#""max_completion_tokens":100"#))
        #expect(bodies[2].contains(#""max_completion_tokens":100"#))
        #expect(notices.withLock { $0.count } == 1)
    }

    @Test func temperatureRefusedIsLeftOut() async throws {
        let transport = TestHTTPTransport { request, _ in
            let body = String(decoding: request.body ?? [], as: UTF8.self)
            return body.contains("temperature")
                ? try errorResponse(400, fixture: "error-400-unsupported-value.json") : sseResponse("ok")
        }
        let client = ChatClient(settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport)
        var request = question
        request.temperature = 0.5
        _ = try await client.send(request) { _ in }
        let bodies = transport.requests.withLock { $0.map { String(decoding: $0.body ?? [], as: UTF8.self) } }
        #expect(bodies.count == 2)
        #expect(!bodies[1].contains("temperature"))
    }

    @Test func anUnrelatedBadRequestIsNotNegotiated() async throws {
        let transport = TestHTTPTransport { _, _ in
            try errorResponse(400, fixture: "error-400-unrecognized-argument.json")
        }
        let client = ChatClient(settings: ServerSettings(baseURL: .test("http://x/v1")), transport: transport)
        await #expect(throws: ChatClientError.self) { _ = try await client.send(question) { _ in } }
        #expect(transport.requests.withLock { $0.count } == 1)
    }

    @Test func openAIGetsMaxCompletionTokensOthersMaxTokens() {
        #expect(ServerSettings(baseURL: .test("https://api.openai.com/v1")).maxTokensField == .maxCompletionTokens)
        #expect(ServerSettings(baseURL: .test("http://localhost:11434/v1")).maxTokensField == .maxTokens)
    }
}

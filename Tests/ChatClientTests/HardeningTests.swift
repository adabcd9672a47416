import ChatClient
import Foundation
import Testing

@Suite("Numbers from outside never crash")
struct HardeningTests {
    @Test(arguments: [
        #"{"prompt_tokens":9223372036854775807,"completion_tokens":9223372036854775807}"#,
        #"{"prompt_tokens":-5,"completion_tokens":1e300,"total_tokens":9223372036854775807}"#,
        #"{"prompt_tokens":1.5e19}"#,
    ])
    func hugeUsageNumbersAreClamped(_ json: String) throws {
        let usage = try JSONDecoder().decode(Usage.self, from: Data(json.utf8))
        let sum = usage + usage + usage
        #expect(sum.totalTokens >= 0)
        #expect(sum.promptTokens <= 1 << 40)
        #expect(usage.promptTokens >= 0)
    }

    @Test(arguments: ["1e300", "inf", "nan", "-5", "1e300s", "99999999999999999999h"])
    func absurdRateLimitResetsAreCapped(_ reset: String) {
        let limiter = RateLimiter(limits: .init(), maxServerWait: 120)
        let head = HTTPResponseHead(
            status: 200, headers: [("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", reset)])
        limiter.observe(head, now: 1000)
        let (wait, _) = limiter.delay(tokens: 1, now: 1000)
        #expect(wait.isFinite)
        #expect(wait <= 120)
    }

    @Test(arguments: [
        "Sun, 06 Nov 99999999999999 08:49:37 GMT", "Sun, 06 Nov 9223372036854775807 08:49:37 GMT",
        "Sun, 99 Nov 2026 08:49:37 GMT", "Sun, 06 Nov 2026 99:49:37 GMT",
    ])
    func retryAfterDatesOutOfRangeAreIgnored(_ date: String) {
        let head = HTTPResponseHead(status: 429, headers: [("retry-after", date)])
        #expect(RetryPolicy.retryAfter(head, now: 0) == nil)
    }

    @Test(arguments: ["inf", "nan", "-3", "1e400"])
    func retryAfterSecondsThatAreNotAWaitAreIgnored(_ value: String) {
        #expect(RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: [("retry-after", value)]), now: 0) == nil)
        #expect(
            RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: [("retry-after-ms", value)]), now: 0) == nil)
    }

    @Test(arguments: ["-1", "0", "10000001", "99999999999999999999", "1.5", "１０", "inf"])
    func maxTokensOutsideTheRangeIsRefused(_ text: String) {
        #expect(ParameterSpec.maxTokens.value(parsing: text) == nil)
    }

    @Test func secretsAreScrubbedFromMessages() {
        Secrets.register("sk-canary-0123456789")
        Secrets.registerCredentials("user:pa%40ss")
        let text = Secrets.redact(
            "header Authorization: Bearer sk-canary-0123456789 and pa@ss and user:pa%40ss@proxy")
        #expect(!text.contains("sk-canary-0123456789"))
        #expect(!text.contains("pa@ss"))
        #expect(!text.contains("pa%40ss"))
    }
}

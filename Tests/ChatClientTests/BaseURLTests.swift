import ChatClient
import Testing

@Suite("The base URL, parsed once")
struct BaseURLTests {
    @Test(arguments: [
        "https://API.openai.com:443/v1", "https://api.openai.com/v1/", "https://api.openai.com/v1",
        "HTTPS://api.OpenAI.com/v1//",
    ])
    func spellingsOfOpenAIAreOneServer(_ text: String) throws {
        let url = try BaseURL(parsing: text)
        #expect(url.description == "https://api.openai.com/v1")
        #expect(url.isOpenAI)
        #expect(ServerSettings(baseURL: url).maxTokensField == .maxCompletionTokens)
        #expect(ServerSettings(baseURL: url).url("chat/completions") == "https://api.openai.com/v1/chat/completions")
    }

    @Test(arguments: [
        ("http://localhost:11434/v1", "localhost", 11434, "/v1", true),
        ("http://[::1]:8080/v1", "::1", 8080, "/v1", true),
        ("http://127.0.0.5", "127.0.0.5", 80, "", true),
        ("https://gpu.lan:8443/api/v1/", "gpu.lan", 8443, "/api/v1", false),
    ])
    func partsAreRead(text: String, host: String, port: Int, path: String, loopback: Bool) throws {
        let url = try BaseURL(parsing: text)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.path == path)
        #expect(url.isLoopback == loopback)
    }

    @Test(arguments: [
        ("localhost:11434/v1", "http:// or https://"), ("http://host:70000/v1", "1 to 65535"),
        ("http://host:99999999999999999999999/v1", "1 to 65535"), ("http:///v1", "no host"),
        ("http://ho st/v1", "spaces"), ("http://host/v1\r", "control"), ("http://[::1/v1", "closing ]"),
        ("http://host/v1?x=1", "no query"),
    ])
    func badURLsAreRefusedWithTheReason(text: String, reason: String) {
        #expect {
            _ = try BaseURL(parsing: text)
        } throws: { error in
            (error as? BaseURL.Problem)?.message.contains(reason) == true
        }
    }

    @Test func credentialsAreSentButNeverShown() throws {
        let url = try BaseURL(parsing: "https://me:s3cret@llm.example.com/v1")
        #expect(url.description == "https://llm.example.com/v1")
        #expect(!url.description.contains("s3cret"))
        #expect(url.url("models") == "https://me:s3cret@llm.example.com/v1/models")
        #expect(BaseURL.redacting("http://me:s3cret@proxy:3128") == "http://…@proxy:3128")
        #expect(BaseURL.redacting("me:s3cret@proxy:3128") == "…@proxy:3128")
    }
}

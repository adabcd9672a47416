import Foundation
import TestSupport
import Testing

@Suite("The binary: parley models", .serialized)
struct ModelsCommandTests {
    @Test func listsSortedModelsAndCachesThem() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: .json(#"{"data":[{"id":"zeta"},{"id":"alpha"}]}"#))
            let result = try await runParley(["--base-url", server.baseURL, "models"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "alpha\nzeta\n")
            let cache = try String(contentsOfFile: home.path + "/.local/state/parley/models.json", encoding: .utf8)
            #expect(cache.contains("alpha"))
        }
    }

    @Test func aServerWithoutTheEndpointIsToldClearly() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: .text("404 page not found", status: 404))
            let result = try await runParley(["--base-url", server.baseURL, "models"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 1)
            #expect(result.stderr.contains("this server has no model list"))
        }
    }
}

import Testing
import Tools

@Suite struct ToolNameTests {
    @Test(arguments: ["a", "get_weather", "x-1", String(repeating: "a", count: 64)])
    func valid(_ name: String) {
        #expect(ToolName.isValid(name))
    }

    @Test(arguments: ["", "has space", "dot.name", "é", String(repeating: "a", count: 65)])
    func invalid(_ name: String) {
        #expect(!ToolName.isValid(name))
    }
}

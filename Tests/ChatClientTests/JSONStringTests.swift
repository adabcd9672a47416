import ChatClient
import FoundationEssentials
import Testing

/// The JSON reader's and writer's strings step over plain bytes eight at a time: a character
/// that needs attention is seen wherever it falls in or between those words.
@Suite struct JSONStringTests {
    /// Strings of every length up to 70 with one awkward character at every place: written as
    /// JSONEncoder writes them, and read back as they were.
    @Test func stringsWithAnAwkwardCharacterAnywhere() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for awkward in ["\"", "\\", "\n", "\u{1}", "é", "😀", "/"] {
            for length in 0..<70 {
                for place in 0...length {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: awkward, at: text.index(text.startIndex, offsetBy: place))
                    var writer = JSONWriter(pretty: false)
                    writer.string(text)
                    #expect(writer.bytes == Array(try encoder.encode(text)), "\(text.debugDescription)")
                    let read = try JSONReader.reading(writer.bytes) {
                        (reader: inout JSONReader) throws(JSONReader.Failure) in
                        try reader.string()
                    }
                    #expect(read == text)
                }
            }
        }
    }
}

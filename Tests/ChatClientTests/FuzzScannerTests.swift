import Testing

@testable import ChatClient

/// Inputs the differential fuzz target (Fuzz/Sources/FuzzScanner) found on which ChunkScanner
/// answers but reads something other than the full decoder; their files are in
/// Fuzz/Regressions/FuzzScanner/. The scanner should give up (nil) on each, or agree.
@Suite("Fuzz regressions: the chunk scanner and the full decoder")
struct FuzzScannerTests {
    @Test(arguments: [
        // A repeated key: the scanner keeps the last value, JSONDecoder the first.
        #"{"model":"a","model":"b"}"#,
        #"{"choices":[{"delta":{"content":"a","content":"b"}}]}"#,
        #"{"choices":[],"choices":[{"delta":{"content":"a"}}]}"#,
        // The first choice is the one with index 0 for the decoder (firstChoice), the first in the array for the scanner.
        #"{"choices":[{"index":1,"delta":{"content":"x"}},{"index":0,"delta":{"content":"y"}}]}"#,
        // Both delta and message: the decoder takes delta whole, the scanner merges them field by field.
        #"{"choices":[{"delta":{"content":"a"},"message":{"content":"b"}}]}"#,
        #"{"choices":[{"delta":{"content":"a"},"message":{"refusal":"b"}}]}"#,
        // A name spelt with an escape is still the name.
        #"{"choices":[{"delta":{"con\u0074ent":"a"}}]}"#,
        #"{"choices":[{"index":0,"index":1,"delta":{"content":"a"}}]}"#,
        // Numbers JSON does not allow, in fields the scanner skips.
        #"{"x":+1}"#, #"{"x":.5}"#, #"{"x":e1}"#, #"{"x":[EEEEE15]}"#, #"{"x":01}"#, #"{"x":1.}"#,
        #"{"choices":[{"delta":{"content":"a"},"n":+1}]}"#,
        // A count with a leading zero: the scanner read 7, JSONDecoder no Int (so Usage took 0).
        #"{"choices":[],"usage":{"prompt_tokens":07,"completion_tokens":10,"total_tokens":29}}"#,
        #"{"usage":{"prompt_tokens":1,"completion_tokens":00,"total_tokens":010}}"#,
        // A later choice that is not an object: JSONDecoder drops every choice, the scanner read the first.
        #"{"choices":[{"delta":{"content":"x"}},0]}"#, #"{"choices":[{"delta":{"content":"x"}},null]}"#,
        #"{"choices":[{"index":0,"delta":{"content":"x"}},"y"]}"#, #"{"choices":[{"delta":{"content":"x"}},[]]}"#,
    ])
    func scannerAgreesOrGivesUp(_ data: String) {
        if let fast = ChunkScanner.scan(data) {
            #expect(fast == fullReading(data))
        }
    }
}

import FuzzSupport

@testable import ChatClient

// Differential: whenever ChunkScanner answers for an event's data, the full JSONDecoder path
// (what StreamAssembler.decodeFully does) must accept the same bytes and agree on content,
// reasoning, refusal, finish reason, model and usage.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let fast = ChunkScanner.scan(bytes) else { return 0 }
    let text = String(decoding: bytes, as: UTF8.self)
    let shown = visible(text)
    let body: CompletionBody
    do {
        body = try JSONDecoder().decode(CompletionBody.self, from: Data(text.utf8))
    } catch {
        fuzzFailure("the scanner read \(fast) from data the full decoder rejects (\(error)): \(shown)")
    }
    if let error = body.error, error != .null {
        fuzzFailure("the scanner read \(fast) from a chunk with an error member: \(shown)")
    }
    let choice = body.firstChoice
    let message = choice?.delta ?? choice?.message
    let full = ChunkScanner.Chunk(
        content: message?.content, reasoning: message?.reasoning, refusal: message?.refusal,
        finishReason: choice?.finishReason, model: body.model, usage: body.usage)
    fuzzCheck(fast == full, "scanner and decoder disagree on \(shown):\n  scanner: \(fast)\n  decoder: \(full)")
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzScanner", fuzz) }
}

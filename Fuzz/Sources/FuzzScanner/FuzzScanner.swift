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

// And the template (ChunkTemplate): the input up to its first newline is read first and makes
// the template, then the rest (or the same bytes again) is read through it; the answer must be
// the one the scanner gives that chunk alone.
func fuzzTemplate(_ bytes: UnsafeBufferPointer<UInt8>) {
    let cut = bytes.firstIndex(of: 0x0A)
    let first = UnsafeBufferPointer(rebasing: bytes[..<(cut ?? bytes.endIndex)])
    let second = cut.map { UnsafeBufferPointer(rebasing: bytes[($0 + 1)...]) } ?? first
    for wantsModel in [true, false] {
        var template = ChunkTemplate()
        _ = ChunkScanner.scan(first, wantsModel: wantsModel, template: &template)
        let through = ChunkScanner.scan(second, wantsModel: wantsModel, template: &template)
        let alone = ChunkScanner.scan(second, wantsModel: wantsModel)
        fuzzCheck(
            through == alone,
            "the template reads \(visible(String(decoding: second, as: UTF8.self))) as \(String(describing: through)), "
                + "alone it reads as \(String(describing: alone)) (template from "
                + "\(visible(String(decoding: first, as: UTF8.self))))")
    }
}

// And a whole (non-streamed) reply: read by the scanner, it is what JSONDecoder reads, error or not.
func fuzzWholeReply(_ bytes: UnsafeBufferPointer<UInt8>) {
    let body = Array(bytes)
    // CompletionDecoder.reply refuses text that is not UTF-8 before either reader sees it.
    guard String(validating: body, as: UTF8.self) != nil else { return }
    func outcome(_ read: () throws(ChatClientError) -> ChatReply?) -> Result<ChatReply, ChatClientError>? {
        do throws(ChatClientError) {
            return try read().map { .success($0) }
        } catch {
            return .failure(error)
        }
    }
    guard let fast = outcome({ () throws(ChatClientError) in try CompletionDecoder.scannedReply(body) }) else { return }
    let full = outcome({ () throws(ChatClientError) in try CompletionDecoder.decodedReply(body) })
    fuzzCheck(
        fast == full,
        "a whole reply reads as \(String(describing: fast)) by the scanner, \(String(describing: full)) by the decoder: "
            + visible(String(decoding: bytes, as: UTF8.self)))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = UnsafeBufferPointer(start: data, count: size)
    fuzzTemplate(bytes)
    fuzzWholeReply(bytes)
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

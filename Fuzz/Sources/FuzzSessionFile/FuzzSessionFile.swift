// Session files: any bytes either decode or throw a ParleyError (typed throws make anything
// else impossible), never crash; a file that decodes must survive encode + decode unchanged.
import FuzzSupport

@testable import ChatREPL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let conversation: Conversation
    do {
        conversation = try SessionFile.decode(bytes, path: "fuzz.json")
    } catch {
        _ = "\(error)"
        return 0
    }
    let again: [UInt8]
    do {
        again = try SessionDocument(conversation).encoded()
    } catch {
        fuzzFailure("a session that decodes cannot be encoded again: \(error)")
    }
    do {
        let back = try SessionFile.decode(again, path: "fuzz.json")
        fuzzCheck(back == conversation, "a session changes on a round trip:\n  \(conversation)\n  \(back)")
    } catch {
        fuzzFailure(
            "a re-encoded session does not decode: \(error)\n\(visible(String(decoding: again, as: UTF8.self)))")
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzSessionFile", fuzz) }
}

// Session files: any bytes either decode or throw a ParleyError (typed throws make anything
// else impossible), never crash; a file that decodes must survive encode + decode unchanged.
// The fast way (JSONReader, JSONWriter) must give what the Codable way gives: the same
// document or the same error, and the same bytes.
import FuzzSupport

@testable import ChatREPL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    sameBothWays(bytes)
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

/// The fast reader and writer against JSONDecoder and JSONEncoder on the same bytes.
func sameBothWays(_ bytes: [UInt8]) {
    let fast: Result<SessionDocument, ParleyError>
    let codable: Result<SessionDocument, ParleyError>
    do throws(ParleyError) {
        fast = .success(try SessionFile.readDocument(bytes, path: "fuzz.json"))
    } catch {
        fast = .failure(error)
    }
    do throws(ParleyError) {
        codable = .success(try SessionFile.codableReadDocument(bytes, path: "fuzz.json"))
    } catch {
        codable = .failure(error)
    }
    fuzzCheck(agree(fast, codable), "the fast reader and JSONDecoder differ:\n  \(fast)\n  \(codable)")
    guard case .success(let document) = codable else { return }
    let written = try? document.fastEncoded()
    let reference = try? document.codableEncoded()
    fuzzCheck(written == reference, "the fast writer and JSONEncoder differ on \(document)")
}

/// Whether two outcomes of reading the same file agree. For a file with several faults,
/// JSONDecoder names the first it meets among the keys of an object, in the order of a
/// dictionary, which depends on where the dictionary was allocated: two reads of the same file
/// can name different faults ("is not a valid session (…)"), the Codable way against itself as
/// well. Every other outcome must be the same.
func agree(_ one: Result<SessionDocument, ParleyError>, _ other: Result<SessionDocument, ParleyError>) -> Bool {
    if one == other { return true }
    guard case .failure(.session(let onePath, let oneReason)) = one,
        case .failure(.session(let otherPath, let otherReason)) = other
    else { return false }
    let invalid = "is not a valid session ("
    return onePath == otherPath && oneReason.hasPrefix(invalid) && otherReason.hasPrefix(invalid)
}

@main struct Main {
    static func main() { fuzzMain("FuzzSessionFile", fuzz) }
}

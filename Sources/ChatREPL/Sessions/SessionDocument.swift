import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A session file's whole top level: what `SessionFile` models, and every other key as it was,
/// so a key written by a newer Parley or by another tool survives a load and a save unchanged.
struct SessionDocument: Codable, Equatable {
    var file: SessionFile
    /// The top-level keys `SessionFile` does not model, with their values.
    var otherKeys: [String: JSONValue]

    init(file: SessionFile, otherKeys: [String: JSONValue] = [:]) {
        self.file = file
        self.otherKeys = otherKeys
    }

    /// The file for a conversation, with the keys it was loaded with.
    init(_ conversation: Conversation) {
        self.init(file: SessionFile(conversation), otherKeys: conversation.fileKeys)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        file = try SessionFile(from: decoder)
        let container = try decoder.container(keyedBy: Key.self)
        var others: [String: JSONValue] = [:]
        for key in container.allKeys where !SessionFile.models(key.stringValue) {
            others[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        otherKeys = others
    }

    func encode(to encoder: any Encoder) throws {
        try file.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        // A key this Parley models is written from the model, never from what was kept.
        for (key, value) in otherKeys where !SessionFile.models(key) {
            try container.encode(value, forKey: Key(key))
        }
    }

    /// The file's bytes: pretty-printed, keys sorted. Written by `JSONWriter` (`fastEncoded()`);
    /// a document it cannot write (a number JSON cannot hold) goes through `JSONEncoder` for its error.
    func encoded() throws(ParleyError) -> [UInt8] {
        do throws(JSONWriter.InvalidNumber) {
            return try fastEncoded()
        } catch {
            return try codableEncoded()
        }
    }

    /// The file's bytes as `JSONEncoder` writes them: the reference for `fastEncoded()`.
    func codableEncoded() throws(ParleyError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .data("cannot encode the session: \(error)")
        }
    }
}

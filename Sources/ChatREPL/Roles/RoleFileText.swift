import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The text of a role file that `/role save` writes: the parameters as YAML front matter
/// (each value written as JSON, which YAML reads as the same value), then the prompt.
enum RoleFileText {
    static func make(prompt: String, parameters: RequestParameters) -> String {
        var text = "---\n"
        for (name, value) in parameters.values.sorted(by: { $0.key < $1.key }) {
            text += "\(yamlKey(name)): \(yamlValue(value))\n"
        }
        text += "---\n"
        text += prompt.hasSuffix("\n") ? prompt : prompt + "\n"
        return text
    }

    /// A key as it is, or quoted when YAML would read it otherwise.
    private static func yamlKey(_ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) }
        return plain ? name : yamlValue(.string(name))
    }

    private static func yamlValue(_ value: JSONValue) -> String {
        if case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

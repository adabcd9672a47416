import ChatREPL

/// Reads the chat command's arguments without ArgumentParser, for the lines it can read
/// with certainty: ArgumentParser builds every command's option table by reflection (`Mirror`
/// and protocol-conformance scans over the whole binary), about 2 ms of every run, more than
/// the rest of a one-shot reply to a local server costs.
///
/// Only the plain forms are read here: `--name value`, `--name=value`, `-n value`, each flag
/// alone, each single-value option once, prompt words, and `--`. Anything else (help, a
/// version request, another command, an unknown or combined option, a value that starts with
/// `-`, an empty word, a repeated option, a value that is not accepted) returns nil, and
/// ArgumentParser reads the line as before, with its messages. A differential test holds the
/// two readers to the same result on every line this one reads.
enum QuickChatLine {
    static func parse(_ arguments: [String]) -> ChatArguments? {
        var words = ArgumentOrder.commandFirst(arguments)[...]
        if let first = words.first, ArgumentOrder.commands.contains(first) {
            guard first == "chat" else { return nil }
            words = words.dropFirst()
        }
        var result = ChatArguments()
        var iterator = words.makeIterator()
        while let word = iterator.next() {
            guard !word.isEmpty else { return nil }
            if word == "--" {
                while let rest = iterator.next() { result.prompt.append(rest) }
                break
            }
            guard word.utf8.first == UInt8(ascii: "-") else {
                result.prompt.append(word)
                continue
            }
            guard read(option: word, into: &result, next: { iterator.next() }) else { return nil }
        }
        return result
    }

    /// Reads one option (and its value, from `--name=value` or the next word) into `result`;
    /// false for anything this reader leaves to ArgumentParser.
    private static func read(option word: String, into result: inout ChatArguments, next: () -> String?) -> Bool {
        var name = Substring(word)
        var attached: Substring?
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            name = word[..<equals]
            attached = word[word.index(after: equals)...]
        }
        /// The option's value: attached, or the next word; nil when there is none this reader takes.
        func value() -> String? {
            if let attached { return attached.isEmpty ? nil : String(attached) }
            guard let word = next(), let first = word.utf8.first, first != UInt8(ascii: "-") else { return nil }
            return word
        }
        func single(_ field: inout String?) -> Bool {
            guard field == nil, let text = value() else { return false }
            field = text
            return true
        }
        func list(_ field: inout [String]) -> Bool {
            guard let text = value() else { return false }
            field.append(text)
            return true
        }
        func flag(_ field: inout Bool) -> Bool {
            guard attached == nil, !field else { return false }
            field = true
            return true
        }
        switch name {
        case "-m", "--model": return single(&result.common.model)
        case "--base-url": return single(&result.common.baseURL)
        case "-s", "--system": return single(&result.common.system)
        case "-t", "--temperature": return single(&result.common.temperature)
        case "--max-tokens": return single(&result.common.maxTokens)
        case "--no-save": return flag(&result.common.noSave)
        case "--no-stream": return flag(&result.common.noStream)
        case "--config": return single(&result.common.config)
        case "--profile": return single(&result.common.profile)
        case "--no-markdown": return flag(&result.common.noMarkdown)
        case "--color":
            guard result.common.color == nil, let text = value(), let mode = ColorMode(rawValue: text) else {
                return false
            }
            result.common.color = mode
            return true
        case "--api-key-env": return single(&result.common.apiKeyEnv)
        case "--session": return single(&result.session)
        case "-c", "--continue": return flag(&result.continueLast)
        case "-x", "--extract": return flag(&result.extractFirst)
        case "--extract-last": return flag(&result.extractLast)
        case "--usage": return flag(&result.usage)
        case "-o", "--option": return list(&result.parameterOptions)
        case "--json": return flag(&result.json)
        case "--schema": return single(&result.schema)
        case "-r", "--role": return single(&result.role)
        case "-p", "--param": return list(&result.roleValues)
        case "-a", "--attach": return list(&result.attach)
        case "--image-detail": return single(&result.imageDetail)
        case "-T", "--tool": return list(&result.tools)
        case "--allow-tool": return list(&result.allowTools)
        default: return false
        }
    }
}

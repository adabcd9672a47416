import ChatClient
import Render

/// The handlers of the commands that show things, or ask the server or the user for them.
extension REPL {
    func listModels() async {
        let client = runner.client
        switch await runner.interrupts.run({ try await client.listModels() }) {
        case .success(let models):
            hooks.onModelsListed?(models)
            console.say(
                models.isEmpty ? "the server lists no models" : models.map(SafeText.neutralized).joined(separator: "\n")
            )
        case .failure(let error as ChatClientError):
            if case .http(404, _, _) = error {
                console.error(ErrorWording.noModelList(url: client.settings.url(client.settings.modelsPath)))
            } else {
                console.error(ErrorWording.words(for: error, context: runner.errorContext))
            }
        case .failure:
            console.notice("[interrupted]")
        }
    }

    func edit(_ draft: String) async {
        guard let editor = hooks.editor else {
            console.error(.init(message: "/edit needs a terminal and $VISUAL or $EDITOR"))
            return
        }
        do {
            guard let text = try editor.edit(draft), !text.allSatisfy({ $0.isWhitespace || $0.isNewline }) else {
                console.notice("[nothing to send: the file was left empty]")
                return
            }
            var message = text
            while message.hasSuffix("\n") { message.removeLast() }
            reader.addToHistory(message)
            await send(message)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    func showHistory() {
        var lines: [String] = []
        if let system = conversation.settings.systemPrompt { lines.append("system: \(system)") }
        lines += historyLines(conversation.messages.indices)
        let text = lines.isEmpty ? "the conversation is empty" : lines.joined(separator: "\n")
        console.say(text)
    }

    /// A resumed session shows its last exchange, rendered as it was, so you see where you are.
    public func showLastExchange() {
        guard let start = conversation.messages.lastIndex(where: { $0.role == .user }) else { return }
        let lines = historyLines(start..<conversation.messages.endIndex)
        if !lines.isEmpty { console.say(lines.joined(separator: "\n")) }
    }

    private func historyLines(_ range: Range<Int>) -> [String] {
        HistoryText.lines(conversation, range, style: console.style)
    }

    func showUsage() {
        console.say(UsageLine.describe(conversation, models: runner.models, cap: runner.maxCostPerSession))
    }

    func runDoctor() async {
        if let doctor = hooks.doctor {
            await doctor.checking(model: conversation.settings.model).run(profile: nil)
        } else {
            console.error(.init(message: "/doctor is not available here"))
        }
    }
}

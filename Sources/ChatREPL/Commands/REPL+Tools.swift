import ChatClient
import Render
import Tools

/// The handlers of the tool commands: `/tools`, `/tool NAME on|off`, `/tool-output [N]`.
extension REPL {
    func listTools() {
        guard let tools = runner.tools else {
            console.say("no tools in this run")
            return
        }
        let catalog = tools.catalog
        var rows = catalog.tools.map { tool in
            (tool.name, catalog.isEnabled(tool.name) ? "on" : "off", tool.source)
        }
        for server in catalog.servers {
            let state = catalog.startedServers.contains(server.name) ? "" : " (started at its first use)"
            rows.append(
                (
                    server.name, catalog.enabledServers.contains(server.name) ? "on" : "off",
                    "MCP server: "
                        + (server.url.map { Secrets.redact($0) }
                            ?? ([server.command] + server.args).joined(separator: " ")) + state
                ))
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { name, state, source in
            name + String(repeating: " ", count: width - name.count + 2) + state.padding(3) + "  " + source
        }
        lines.append("(/tool NAME on|off switches one; -T NAME or config \"enabled_tools\" at start)")
        console.say(lines.joined(separator: "\n"))
    }

    func switchTool(_ argument: String) {
        let words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let tools = runner.tools else {
            console.error(.init(message: "no tools in this run"))
            return
        }
        guard words.count == 2, words[1] == "on" || words[1] == "off" else {
            rejectValue("/tool takes a tool's name and on or off, e.g. /tool shell on", got: argument)
            return
        }
        let name = words[0]
        guard tools.catalog.tool(named: name) != nil || tools.catalog.isServer(name) else {
            console.error(
                .init(message: "no tool named '\(name)' (tools: \(tools.catalog.namesList)); nothing changed"))
            return
        }
        if words[1] == "on" {
            tools.catalog.enable([name])
        } else {
            tools.catalog.disable([name])
        }
        console.say("\(name): \(words[1])")
    }

    func showToolOutput(_ argument: String) {
        var number: Int?
        if !argument.isEmpty {
            guard let value = Int(argument), value >= 1 else {
                rejectValue("/tool-output takes a call's number (as the ⚙ #N lines show it)", got: argument)
                return
            }
            number = value
        }
        guard let result = runner.tools?.output(number) else {
            console.error(
                .init(
                    message: number.map { "no tool call #\($0) in this run" } ?? "no tool has been called in this run"))
            return
        }
        let text = "#\(result.number) \(result.tool):\n\(result.content)"
        console.say(console.style.outIsTerminal ? SafeText.neutralized(text) : text)
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

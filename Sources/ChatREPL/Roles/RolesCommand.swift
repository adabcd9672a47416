import Render

/// `parley roles`: every role with its first line (or its `description:`), built-ins marked.
/// A role file that cannot be read is listed too, and its problem said on stderr.
public struct RolesCommand {
    let catalog: RoleCatalog
    let console: Console

    public init(catalog: RoleCatalog, console: Console) {
        self.catalog = catalog
        self.console = console
    }

    public func run() -> ExitStatus {
        var rows: [(name: String, mark: String, summary: String)] = []
        var problems: [ParleyError] = []
        let files = Set(catalog.fileNames())
        for name in catalog.allNames() {
            let builtIn = BuiltInRoles.all[name] != nil
            let mark = builtIn ? (files.contains(name) ? "file, replaces the built-in" : "built in") : ""
            do throws(ParleyError) {
                rows.append((name, mark, try catalog.load(name).summary))
            } catch {
                problems.append(error)
                rows.append((name, mark, "(cannot be read: see below)"))
            }
        }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let markWidth = rows.map(\.mark.count).max() ?? 0
        var text = ""
        for row in rows {
            var line = row.name.padding(to: nameWidth)
            if markWidth > 0 { line += "  " + (row.mark.isEmpty ? "" : "(\(row.mark))").padding(to: markWidth + 2) }
            line += "  " + row.summary
            text += SafeText.neutralized(line) + "\n"
        }
        console.out.write(text)
        for problem in problems { console.error(ErrorWording.words(for: problem, context: nil)) }
        for file in catalog.unusableFileNames() {
            console.notice(
                "\(catalog.directory)/\(SafeText.neutralized(file)) is not listed: a role's name is letters, digits, "
                    + "'-', '_' and '.' (not first); rename the file to use it")
        }
        if rows.count == BuiltInRoles.all.count, files.isEmpty {
            console.notice("add your own as \(catalog.directory)/NAME.md")
        }
        if let failure = console.out.failure {
            console.error(.init(message: "the output could not be written: \(failure)"))
            return .failure
        }
        return problems.first?.exitStatus ?? .ok
    }
}

extension String {
    /// The text with spaces after it up to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

import ArgumentParser
import ChatREPL
import TestSupport
import Testing

@testable import parley

/// `QuickChatLine` reads plain chat lines without ArgumentParser; ArgumentParser reads the
/// rest. The two must never disagree: on every line the quick reader takes (and finds valid),
/// ArgumentParser must read the same values.
@Suite struct QuickChatLineTests {
    /// What ArgumentParser makes of a line, as `main` hands it over.
    private func parsedByArgumentParser(_ line: [String]) -> ChatArguments? {
        guard let command = try? Parley.parseAsRoot(ArgumentOrder.commandFirst(line)) else { return nil }
        return (command as? Chat)?.arguments
    }

    /// The quick reader's answer when `main` would use it: read, and valid.
    private func quick(_ line: [String]) -> ChatArguments? {
        guard let arguments = QuickChatLine.parse(line), (try? arguments.validate()) != nil else { return nil }
        return arguments
    }

    @Test func readsThePlainFormsAsArgumentParserDoes() throws {
        let line = [
            "-m", "gpt-x", "--base-url=http://h/v1", "-t", "0.5", "--max-tokens", "9", "--no-stream", "--color",
            "never", "-o", "seed=4", "--option=top_p=0.5", "-T", "shell", "--allow-tool", "shell", "-a", "f.txt",
            "--attach", "g.txt", "-r", "code", "-p", "lang=go", "--usage", "-x", "hello", "world",
        ]
        let read = try #require(quick(line))
        #expect(read.common.model == "gpt-x")
        #expect(read.common.baseURL == "http://h/v1")
        #expect(read.common.color == .never)
        #expect(read.parameterOptions == ["seed=4", "top_p=0.5"])
        #expect(read.attach == ["f.txt", "g.txt"])
        #expect(read.extractFirst && read.usage && read.common.noStream)
        #expect(read.prompt == ["hello", "world"])
        #expect(parsedByArgumentParser(line) == read)
    }

    @Test func leavesEverythingElseToArgumentParser() {
        let others: [[String]] = [
            ["--help"], ["-h"], ["help"], ["--version"], ["models"], ["-m", "x", "doctor"], ["--unknown"],
            ["-cx"], ["--json=true"], ["-m", "a", "-m", "b"], ["-c", "-c"], ["-m"], ["-m", "--no-save"],
            ["-m", ""], ["--model="], ["--color", "sometimes"], ["-"], ["hi", "-z"], ["", "q"],
            ["--generate-completion-script", "bash"], ["-m=x", "q"],
        ]
        for line in others {
            #expect(QuickChatLine.parse(line) == nil, "\(line)")
        }
    }

    @Test func readsTheCommandNameAndTheSeparator() throws {
        #expect(try #require(quick(["chat", "-m", "x", "q"])).common.model == "x")
        #expect(try #require(quick(["-m", "x", "chat", "q"])).prompt == ["q"])
        // After --, and when quoted, a command's name is a prompt word.
        #expect(try #require(quick(["--", "models", "-m", "--"])).prompt == ["models", "-m", "--"])
        #expect(try #require(quick(["what", "models", "exist"])).prompt == ["what", "models", "exist"])
        // A tool's name is the option's value, not a command: `-T search q` asks q with the tool on.
        #expect(try #require(quick(["-T", "search", "q"])).tools == ["search"])
        #expect(parsedByArgumentParser(["-T", "search", "q"]) == quick(["-T", "search", "q"]))
        for line in [["chat", "-m", "x", "q"], ["--", "models", "-m", "--"], ["what", "models", "exist"]] {
            #expect(parsedByArgumentParser(line) == quick(line), "\(line)")
        }
    }

    /// 500 lines built from every option, in every form, with awkward values and words:
    /// wherever the quick reader answers, ArgumentParser gives the same answer. The lines are read
    /// on a thread of their own (`offPool`): ArgumentParser is slow in a debug build (about 40 ms
    /// a line under AddressSanitizer), and a test holding one of the two cooperative threads for
    /// a minute starves the tests that wait on a clock.
    @Test func agreesWithArgumentParserOnGeneratedLines() async {
        let valued = [
            "-m", "--model", "--base-url", "-s", "--system", "-t", "--temperature", "--max-tokens", "--config",
            "--profile", "--color", "--api-key-env", "--session", "-o", "--option", "--schema", "-r", "--role", "-p",
            "--param", "-a", "--attach", "--image-detail", "-T", "--tool", "--allow-tool",
        ]
        let flags = [
            "--no-save", "--no-stream", "--no-markdown", "-c", "--continue", "-x", "--extract", "--extract-last",
            "--usage", "--json",
        ]
        let values = [
            "gpt", "0.5", "2", "7", "models", "chat", "seed=42", "k=v", "low", "auto", "always", "never", "a b",
            "x.json",
            "name, age int", "-1", "--json", "", "=", "shell", "code", "-",
        ]
        let words = [
            "hello", "models", "chat", "help", "doctor", "--", "-", "-x", "--nope", "", "a=b", "--help", "-cx",
        ]
        var generator = SeededGenerator(seed: 0x5eed)
        var lines: [[String]] = []
        for _ in 0..<500 {
            var line: [String] = []
            for _ in 0..<Int.random(in: 0..<7, using: &generator) {
                switch Int.random(in: 0..<5, using: &generator) {
                case 0, 1:
                    let option = valued[Int.random(in: 0..<valued.count, using: &generator)]
                    let value = values[Int.random(in: 0..<values.count, using: &generator)]
                    if option.hasPrefix("--"), Int.random(in: 0..<3, using: &generator) == 0 {
                        line.append(option + "=" + value)
                    } else {
                        line += [option, value]
                    }
                case 2: line.append(flags[Int.random(in: 0..<flags.count, using: &generator)])
                default: line.append(words[Int.random(in: 0..<words.count, using: &generator)])
                }
            }
            lines.append(line)
        }
        let readers = self
        let generated = lines
        let readings = await offPool { generated.map { (line: $0, quick: readers.quick($0)) } }
        let taken = readings.filter { $0.quick != nil }
        let compared = await offPool {
            taken.map { (line: $0.line, quick: $0.quick, full: readers.parsedByArgumentParser($0.line)) }
        }
        for reading in compared {
            #expect(reading.full == reading.quick, "\(reading.line)")
        }
        // The generator reaches both readers; the exact split does not matter.
        #expect(taken.count > 60)
        #expect(readings.count - taken.count > 60)
    }
}

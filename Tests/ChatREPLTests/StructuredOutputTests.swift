import ChatClient
import Foundation
import TestSupport
import Testing

@testable import ChatREPL

@Suite("Structured output: the schema DSL, the reply check, the request")
struct StructuredOutputTests {
    static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        .object([
            "type": .string("object"), "properties": .object(properties),
            "required": .array(required.map { .string($0) }), "additionalProperties": .bool(false),
        ])
    }

    static let string = JSONValue.object(["type": .string("string")])
    static let integer = JSONValue.object(["type": .string("integer")])

    @Test(arguments: [
        ("name", object(["name": string], required: ["name"])),
        ("name, age int", object(["name": string, "age": integer], required: ["name", "age"])),
        (
            "name str: the full name, score float, ok bool",
            object(
                [
                    "name": .object(["type": .string("string"), "description": .string("the full name")]),
                    "score": .object(["type": .string("number")]), "ok": .object(["type": .string("boolean")]),
                ], required: ["name", "score", "ok"])
        ),
        (
            "tags array: free-form labels",
            object(
                [
                    "tags": .object([
                        "type": .string("array"), "items": string, "description": .string("free-form labels"),
                    ])
                ], required: ["tags"])
        ),
        (
            "title: a title, with a comma\nyear int\n",
            object(
                [
                    "title": .object(["type": .string("string"), "description": .string("a title, with a comma")]),
                    "year": integer,
                ], required: ["title", "year"])
        ),
        (
            "ids array[int]",
            object(["ids": .object(["type": .string("array"), "items": integer])], required: ["ids"])
        ),
    ])
    func dslMakesAnObjectSchemaWithEveryFieldRequired(text: String, schema: JSONValue) throws {
        #expect(try SchemaDSL.parse(text) == schema)
    }

    @Test(arguments: [
        ("", "names no fields"),
        ("name,,age", "has an empty field"),
        ("age integr", "unknown type \"integr\" (types: str, int, float, bool, array"),
        ("name, name int", "names the field \"name\" twice"),
        ("full name str", "more than a name and a type"),
        ("na$me", "may hold only letters"),
        (": no name", "has no name"),
    ])
    func badDSLSaysWhatIsWrong(text: String, message: String) {
        #expect {
            _ = try SchemaDSL.parse(text)
        } throws: { error in
            (error as? ParameterProblem)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        (#"{"name":"a","age":3,"tags":["x"],"address":{}}"#, [String]()),
        (#"{"name":"a","age":3.5,"tags":[],"address":{}}"#, ["$.age: expected an integer, got a number"]),
        (
            #"{"name":"a","tags":[1],"address":{}}"#,
            ["$: the required key \"age\" is missing", "$.tags[0]: expected a string, got a number"]
        ),
        (#"{"name":"a","age":1,"tags":[],"address":{},"extra":1}"#, ["$: the key \"extra\" is not in the schema"]),
        (#"[1]"#, ["$: expected an object, got an array"]),
        (
            #"{"name":null,"age":1,"tags":[],"address":[]}"#,
            ["$.address: expected an object, got an array", "$.name: expected a string, got null"]
        ),
    ])
    func validatorNamesEveryProblemWithItsPlace(reply: String, problems: [String]) throws {
        let value = try #require(JSONValue.parse(reply))
        let person = try SchemaDSL.parse("name, age int, tags array, address object")
        #expect(SchemaValidator.problems(value, schema: person).sorted() == problems.sorted())
    }

    @Test func validatorKnowsEnumsNestingAndTypeLists() throws {
        let schema = try #require(
            JSONValue.parse(
                #"{"type":"object","properties":{"level":{"enum":["low","high"]},"n":{"type":["integer","null"]},"#
                    + #""inner":{"type":"object","properties":{"deep":{"type":"boolean"}},"required":["deep"]}},"required":["inner"]}"#
            ))
        let good = try #require(JSONValue.parse(#"{"level":"low","n":null,"inner":{"deep":true}}"#))
        #expect(SchemaValidator.problems(good, schema: schema).isEmpty)
        let bad = try #require(JSONValue.parse(#"{"level":"mid","n":"1","inner":{}}"#))
        #expect(
            SchemaValidator.problems(bad, schema: schema).sorted() == [
                "$.inner: the required key \"deep\" is missing", "$.level: expected one of \"low\", \"high\"",
                "$.n: expected an integer or null, got a string",
            ])
    }

    @Test(arguments: [
        ("{\"a\":1}", "stop", [String]()),
        ("```json\n{\"a\":1}\n```", "stop", []),
        ("{\"a\":", "length", ["the reply was cut off at the max_tokens limit"]),
        ("{\"a\":", "stop", ["the reply is not valid JSON"]),
        ("[1,2]", "stop", ["the reply is an array, not a JSON object"]),
        ("Sure! {\"a\":1}", "stop", ["the reply is not valid JSON"]),
    ])
    func jsonModeChecksTheReply(reply: String, finish: String, problems: [String]) {
        let found = StructuredOutput(schema: nil).problems(reply: reply, finishReason: finish)
        #expect(found.count == problems.count)
        for (problem, expected) in zip(found, problems) { #expect(problem.hasPrefix(expected)) }
    }

    @Test func jsonModeAddsAnInstructionOnlyWhenNoMessageSaysJSON() {
        var request = ChatRequest(
            model: "m",
            messages: [ChatMessage(role: .system, content: "be terse"), ChatMessage(role: .user, content: "list")],
            stream: true)
        StructuredOutput(schema: nil).apply(to: &request)
        #expect(request.parameters["response_format"] == .object(["type": .string("json_object")]))
        #expect(request.messages.map(\.content) == ["be terse", StructuredOutput.instruction, "list"])
        var mentioned = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "give me Json")])
        StructuredOutput(schema: nil).apply(to: &mentioned)
        #expect(mentioned.messages.count == 1)
    }

    @Test func schemaSourcesFileJSONAndDSL() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/my person.schema.json"
            try #"{"type":"object","properties":{"n":{"type":"string"}},"required":["n"]}"#.write(
                toFile: path, atomically: true, encoding: .utf8)
            let fromFile = try #require(try StructuredOutput.resolve(json: false, schema: path, strict: true))
            #expect(fromFile.name == "my_person_schema")
            #expect(fromFile.responseFormat["json_schema"]?["strict"] == .bool(true))
            let inline = try #require(
                try StructuredOutput.resolve(json: false, schema: #"{"type":"object"}"#, strict: false))
            #expect(inline.responseFormat["json_schema"]?["strict"] == nil)
            #expect(inline.responseFormat["type"] == .string("json_schema"))
            let wrapped = try #require(
                try StructuredOutput.resolve(
                    json: false, schema: #"{"name":"thing","schema":{"type":"object"}}"#, strict: false))
            #expect(wrapped.name == "thing")
            let dsl = try #require(try StructuredOutput.resolve(json: false, schema: "name, age int", strict: false))
            #expect(dsl.schema?["required"] == .array([.string("name"), .string("age")]))
            #expect(try StructuredOutput.resolve(json: false, schema: nil, strict: false) == nil)
        }
    }

    @Test(arguments: [
        (#"{"type":"#, "--schema: not valid JSON"),
        (#"{"properties":{}}"#, "a JSON Schema needs a \"type\""),
        (#"{"type":"array"}"#, "the schema's type must be \"object\""),
        ("a int, b wat", "--schema: the schema field \"b\" has the unknown type \"wat\""),
        ("/nonexistent/person.json", "--schema /nonexistent/person.json: no such file"),
    ])
    func badSchemasAreUsageErrors(text: String, message: String) {
        #expect {
            _ = try StructuredOutput.resolve(json: false, schema: text, strict: false)
        } throws: { error in
            guard case ParleyError.usage(let problem) = error else { return false }
            return problem.contains(message)
        }
    }
}

@Suite("Structured output: a server's refusal is worded with a hint")
struct StructuredRefusalTests {
    @Test(arguments: [
        (#"{"error":"'response_format.type' must be 'json_schema' or 'text'"}"#, "with --json, try --schema"),
        (
            #"{"error":{"message":"Invalid schema for response_format 'reply': In context=(), 'additionalProperties' is required to be supplied and to be false","type":"invalid_request_error","param":"response_format","code":null}}"#,
            "\"additionalProperties\": false"
        ),
    ])
    func refusalsGetAdvice(body: String, advice: String) {
        let detail = ServerErrorDetail.parse(Array(body.utf8))
        let words = ErrorWording.words(
            for: ChatClientError.http(status: 400, detail: detail, requestID: nil), context: nil)
        #expect(words.advice?.contains(advice) == true, "\(words)")
    }

    /// On a terminal the printed reply is neutralised like any reply (a valid JSON string may
    /// hold C1 and bidi characters raw; a wrong reply anything); to a pipe it is the server's bytes.
    @Test(arguments: [true, false])
    func theReplyReachesATerminalOnlyNeutralised(terminal: Bool) {
        for (reply, wrong) in [("{\"a\": \"x\u{202E}y\u{9B}z\"}", false), ("\u{1B}]0;pwned\u{07} not json", true)] {
            let out = RecordingSink()
            let err = RecordingSink()
            let style = Style(colorOut: false, colorErr: false, outIsTerminal: terminal, errIsTerminal: terminal)
            var conversation = Conversation(settings: ConversationSettings(model: "m"))
            conversation.appendUser("q")
            conversation.appendReply(reply, info: TurnInfo(time: "2026-01-01T00:00:00Z"))
            let status = StructuredPrinter(console: Console(out: out, err: err, style: style))
                .print(StructuredOutput(schema: nil), conversation: conversation)
            #expect((status == .dataError) == wrong)
            let printed = wrong ? err.text : out.text
            for raw in ["\u{202E}", "\u{9B}", "\u{1B}", "\u{07}"] where reply.contains(raw) {
                #expect(printed.contains(raw) == !terminal, "\(reply.debugDescription) on a terminal: \(terminal)")
            }
        }
    }
}

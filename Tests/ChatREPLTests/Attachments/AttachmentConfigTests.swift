import ChatClient
import Foundation
import Testing

@testable import ChatREPL

@Suite("Attachments: the config's limits and the flags over them")
struct AttachmentConfigTests {
    func parse(_ json: String) throws(ParleyError) -> ConfigFile {
        try ConfigFile.parse(Data(json.utf8), path: "/c.json")
    }

    @Test func theConfigSetsEveryLimitAndTheFlagWinsForDetail() throws {
        let file = try parse(
            #"{"attachments": {"max_file_mb": 1.5, "max_files": 7, "max_total_mb": 0.5, "image_detail": "LOW", "inline_urls": true}}"#
        )
        #expect(file.attachments.maxFileBytes == 1_572_864)
        #expect(file.attachments.maxFiles == 7)
        #expect(file.attachments.maxTotalBytes == 524_288)
        #expect(file.attachments.imageDetail == .low)
        #expect(file.attachments.inlineURLs == true)
        let paths = Paths(environment: ["HOME": "/home/test"])
        var flags = CommandLineSettings()
        flags.baseURL = "http://localhost:11434/v1"
        #expect(
            try RunSettings.resolve(flags: flags, environment: [:], file: file, paths: paths).attachments.imageDetail
                == .low)
        flags.imageDetail = .high
        let settings = try RunSettings.resolve(flags: flags, environment: [:], file: file, paths: paths)
        #expect(settings.attachments.imageDetail == .high)
        #expect(settings.attachments.maxFiles == 7)
    }

    @Test func defaultsWithoutTheKey() throws {
        let file = try parse("{}")
        #expect(file.attachments == AttachmentSettings())
        #expect(file.attachments.maxFileBytes == 20 << 20 && file.attachments.maxFiles == 100)
        #expect(file.attachments.maxTotalBytes == 2 << 20 && file.attachments.inlineURLs == nil)
    }

    @Test(arguments: [
        (#"{"attachments": 3}"#, "key 'attachments': expected an object with max_file_mb"),
        (#"{"attachments": {"max_mb": 3}}"#, "unknown key 'attachments.max_mb'"),
        (#"{"attachments": {"image_detail": "ultra"}}"#, "expected low, high or auto, got \"ultra\""),
        (#"{"attachments": {"max_files": 1.5}}"#, "key 'attachments.max_files': expected a whole number"),
        (#"{"attachments": {"inline_urls": "yes"}}"#, "key 'attachments.inline_urls': expected true or false"),
        (#"{"attachments": {"max_file_mb": 0}}"#, "key 'attachments.max_file_mb': expected a number from 0.001"),
    ])
    func mistakesNameTheKeyAndWhatIsAccepted(json: String, message: String) {
        do {
            _ = try parse(json)
            Issue.record("\(json) was accepted")
        } catch {
            guard case .config(_, let problem) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(problem.contains(message), "\(problem)")
        }
    }
}

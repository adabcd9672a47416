import Foundation
import Testing

@testable import parley

/// Parley reads `environ` itself (Foundation's reader costs a conformance scan at every start):
/// it must read what Foundation reads. (The environment is not changed here: other tests run
/// alongside, and setenv is not safe while another thread reads `environ`.)
@Suite struct ProcessEnvironmentTests {
    @Test func readsWhatFoundationReads() {
        let read = ProcessEnvironment.read()
        #expect(!read.isEmpty)
        #expect(read == ProcessInfo.processInfo.environment)
    }
}

import Testing
@testable import DocCtlCore
@Test func smoke() { #expect(1 + 1 == 2) }

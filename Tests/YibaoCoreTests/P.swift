import Testing
@testable import YibaoCore
@Test func placeholder() { #expect(true) }

import Testing
import YibaoTestSupport
@testable import YibaoStore

@Test func idsAreUniqueAndIncreasingUnderConcurrency() async {
    let generator = IDGenerator(node: 3)
    let ids = await withTaskGroup(of: [Int64].self) { group in
        for _ in 0..<4 {
            group.addTask { (0..<20_000).map { _ in generator.next() } }
        }
        var all: [Int64] = []
        for await chunk in group {
            // Within one task the sequence only grows.
            #expect(chunk == chunk.sorted())
            all += chunk
        }
        return all
    }
    #expect(Set(ids).count == 80_000)
    #expect(ids.allSatisfy { ($0 >> 14) & 0xFF == 3 })
}

import Foundation
import Testing
import YibaoTestSupport

/// CI must exercise PostgreSQL: a missing server there is a failure, never a silent skip.
@Test func postgresIsConfiguredInCI() {
    let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    if inCI {
        #expect(TestBackend.postgresURL != nil, "CI=true but YIBAO_TEST_POSTGRES_URL is not set: the PostgreSQL suite would be skipped")
    }
    print("storage backends under test: \(TestBackend.all.map(\.rawValue).joined(separator: ", "))")
}

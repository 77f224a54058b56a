import DocCtlCore
import Foundation

extension FixtureSet {
    /// The valid set with the manual released twice: A/0 (sealed with a stand-in digest) superseded by
    /// A/1, sealed with the digest of the current content — so copies of A/0 are due for recall.
    public static func withSupersededManual() throws -> FixtureSet {
        var fixture = FixtureSet.valid()
        let digest = try fixture.digest(of: manualNumber)
        fixture.write("manual/history.yaml", """
            - revision: "A/0"
              date: 2025-06-15
              change: 新建
              sections: 全部
              author: 林若溪
              approver: 周明远
              digest: sha256:\(String(repeating: "0", count: 64))
            - revision: "A/1"
              date: 2025-09-01
              change: 修订
              sections: 0.1
              author: 林若溪
              approver: 周明远
              digest: \(digest)

            """)
        // A/1 is approved, issued and effective on its own date.
        fixture.write("manual/document.yaml", Approvals.approving(fixture.text("manual/document.yaml") ?? "", on: "2025-09-01"))
        return fixture
    }
}

import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Distribution and recall (发放回收): the register of issued copies, distribution.yaml.
@Suite struct DistributionRuleTests {
    static let register = "manual/distribution.yaml"

    // MARK: copy-not-recalled

    @Test func copyOfASupersededRevisionStillOutIsAWarning() throws {
        var fixture = try FixtureSet.withSupersededManual()
        fixture.write(Self.register, """
            - { copy: "01", holder: 总经理, revision: "A/0", issued: 2025-06-16, returned: 2025-09-02 }
            - { copy: 1️⃣"02", holder: 体系与质量部, revision: "A/0", issued: 2025-06-16 }
            - { copy: "01", holder: 总经理, revision: "A/1", issued: 2025-09-02 }

            """)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.copyNotRecalled, at: fixture.marker())
        #expect(finding?.message == "copy 02 (体系与质量部) of CS-ITSM-M-01 A/0 has not been recalled; A/1 supersedes it")
        #expect(outcome.diagnostics(Rules.copyNotRecalled).count == 1, "copies of the current revision and returned copies are fine")
        #expect(outcome.exitStatus == 0)
    }

    @Test func returnedLostReplacedAndRetainedCopiesAreAccountedFor() throws {
        var fixture = try FixtureSet.withSupersededManual()
        fixture.write(Self.register, """
            # 发放回收登记
            - { copy: "01", holder: 总经理, revision: "A/0", issued: 2025-06-16, returned: 2025-09-02 }
            - { copy: "02", revision: "A/0", issued: 2025-06-16, replaced: 2025-07-01 }
            - copy: "02"
              revision: "A/0"
              issued: 2025-07-01
              retained: 2025-09-02
              note: 作废留存
            - { copy: "03", holder: 运维服务部, revision: "A/0", issued: 2025-06-16, lost: 2025-08-01 }
            - { copy: "01", holder: 总经理, revision: "A/1", issued: 2025-09-02 }

            """)
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        let manual = try #require(outcome.set.document(number: FixtureSet.manualNumber))
        #expect(manual.copyIssues.count == 5)
        #expect(manual.copyIssues[1].holder == "体系与质量部", "the holder defaults to the distribution list's")
        #expect(manual.copyIssues.map(\.closing) == [.returned, .replaced, .retained, .lost, nil])
    }

    @Test func withoutANewerReleaseNothingIsDueForRecall() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.register, "- { copy: \"01\", holder: 总经理, revision: \"A/0\", issued: 2025-06-16 }\n")
        expectClean(try fixture.check(strict: true))
    }

    // MARK: copy-number-void

    @Test func aLostCopyNumberIsNeverIssuedAgain() throws {
        var fixture = try FixtureSet.withSupersededManual()
        fixture.write(Self.register, """
            - { copy: "02", holder: 体系与质量部, revision: "A/0", issued: 2025-06-16, lost: 2025-08-01 }
            - { copy: 1️⃣"02", holder: 体系与质量部, revision: "A/1", issued: 2025-09-02 }

            """)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.copyNumberVoid, at: fixture.marker())
        #expect(finding?.message == "copy number 02 of CS-ITSM-M-01 is void: it was lost on 2025-08-01")
        #expect(finding?.notes.first?.location?.line == 1)
        #expect(outcome.exitStatus == 1)
    }

    // MARK: register entries

    @Test func anIssueOfARevisionTheHistoryDoesNotHaveIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.register, "- { copy: \"01\", revision: 1️⃣\"A/7\", issued: 2025-06-16 }\n")
        let finding = expectFinding(try fixture.check(), Rules.invalidValue, at: fixture.marker())
        #expect(finding?.message.contains("revision A/7, which history.yaml does not have") == true)
    }

    @Test func aCopyIsClosedOnceAndNotBeforeItWasIssued() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.register, """
            - { copy: "01", revision: "A/0", issued: 2025-06-16, returned: 2025-07-01, lost: 1️⃣2025-07-02 }
            - { copy: "02", revision: "A/0", issued: 2025-06-16, returned: 2️⃣2025-06-01 }

            """)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.invalidValue, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.badDate, at: fixture.marker("2️⃣"))
    }

    @Test func misspeltRegisterKeysAreReported() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.register, "- { copy: \"01\", revision: \"A/0\", issued: 2025-06-16, 1️⃣retuned: 2025-07-01 }\n")
        let finding = expectFinding(try fixture.check(), Rules.unknownKey, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'returned'?")
    }
}

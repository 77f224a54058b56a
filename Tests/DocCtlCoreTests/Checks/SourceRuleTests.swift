import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Rules on the sources themselves: files, encodings, YAML, CSV, keys, values, paths, Markdown.
@Suite struct SourceRuleTests {
    static let manual = FixtureSet.manualFolder
    static let procedure = FixtureSet.procedureFolder

    @Test func validSetPassesStrictCheck() throws {
        let outcome = try FixtureSet.valid().check(strict: true)
        expectClean(outcome)
        #expect(outcome.set.documents.map(\.number) == [FixtureSet.manualNumber, FixtureSet.procedureNumber])
    }

    // MARK: unreadable-file

    @Test func folderWhereAFileShouldBeIsUnreadableWithExitStatus2() throws {
        var fixture = FixtureSet.valid()
        fixture.remove("manual/history.yaml")
        fixture.folders.insert("manual/history.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unreadableFile, inFile: "manual/history.yaml")
        #expect(finding?.message.contains("folder") == true)
        #expect(outcome.exitStatus == 2)
    }

    // MARK: encoding

    /// `# 4 组织环境\n\n本公司的管理体系。\n` in GB18030.
    static let gb18030Chapter: [UInt8] = [
        0x23, 0x20, 0x34, 0x20, 0xd7, 0xe9, 0xd6, 0xaf, 0xbb, 0xb7, 0xbe, 0xb3, 0x0a, 0x0a, 0xb1, 0xbe, 0xb9, 0xab,
        0xcb, 0xbe, 0xb5, 0xc4, 0xb9, 0xdc, 0xc0, 0xed, 0xcc, 0xe5, 0xcf, 0xb5, 0xa1, 0xa3, 0x0a,
    ]

    @Test func gb18030FileIsNamedAsSuch() throws {
        var fixture = FixtureSet.valid()
        let path = FixtureSet.chapterPath(4)
        fixture.write(path, data: Data(Self.gb18030Chapter))
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.encoding, at: Place(path: path, line: 1, column: 1))
        #expect(finding?.message.contains("GB18030") == true)
        #expect(finding?.fix?.contains("iconv -f GB18030") == true)
        #expect(outcome.exitStatus == 1)
        // Never mojibake: the message holds no replacement characters.
        #expect(!outcome.summary.contains("\u{FFFD}"))
    }

    @Test func encodingErrorIsReportedAtTheLineOfTheFirstBadByte() throws {
        var fixture = FixtureSet.valid()
        let path = "\(Self.procedure)/body.md"
        fixture.write(path, data: Data("# 1 Purpose\n\nplain text\n".utf8) + Data(Self.gb18030Chapter))
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.encoding, at: Place(path: path, line: 4, column: 1))
    }

    // MARK: file-too-large

    @Test func markdownLargerThanTheLimitIsRefused() throws {
        var fixture = FixtureSet.valid()
        let line = String(repeating: "很长的一行文字。", count: 100) + "\n"
        let text = String(repeating: line, count: SourceReader.defaultLimit / line.utf8.count + 1)
        fixture.write("manual/50-large.md", data: Data(text.utf8))
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.fileTooLarge, inFile: "manual/50-large.md")
    }

    // MARK: yaml-syntax

    @Test func yamlSyntaxErrorIsReportedAtItsLine() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: IT服务管理手册\n", with: "title: IT服务管理手册\n  1️⃣type: manual\n", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let place = fixture.marker()
        let finding = expectFinding(outcome, Rules.yamlSyntax, at: place, column: false)
        #expect(finding?.message.hasPrefix("YAML syntax error") == true)
    }

    @Test func unclosedFlowSequenceIsASyntaxErrorNotACrash() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4]", with: "clauses: [7.5.1, 7.5.2", in: "\(Self.procedure)/document.yaml")
        let outcome = try fixture.check()
        #expect(outcome.diagnostics(Rules.yamlSyntax).first?.location?.path == "\(Self.procedure)/document.yaml")
        #expect(outcome.exitStatus == 1)
    }

    @Test func yamlNestedDeeperThanTheLimitIsRefusedAtItsLine() throws {
        var fixture = FixtureSet.valid()
        fixture.write("records.yaml", "# deep\n" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.yamlSyntax, at: Place(path: "records.yaml", line: 2, column: 1))
        #expect(finding?.message.contains("deeper") == true)
    }

    // MARK: csv-syntax

    @Test func unclosedQuoteInTheMatrixIsReportedWhereTheCellStarts() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("5,领导作用,●,○,\n", with: "1️⃣5,\"领导作用,●,○,\n", in: "responsibilities.csv")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.csvSyntax, at: fixture.marker(), column: false)
    }

    @Test func matrixWithoutAClauseHeaderIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("clause,title", with: "条目,title", in: "responsibilities.csv")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.csvSyntax, at: Place(path: "responsibilities.csv", line: 1, column: 1))
    }

    @Test func matrixRowWiderThanTheHeaderIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("8,服务管理体系的运行,,○,●", with: "8,服务管理体系的运行,,○,●,○", in: "responsibilities.csv")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.csvSyntax, at: Place(path: "responsibilities.csv", line: 5, column: 1))
    }

    // MARK: unknown-key

    @Test func unknownKeySuggestsTheClosestKnownKey() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: IT服务管理手册", with: "1️⃣titel: IT服务管理手册", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownKey, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'title'?")
        #expect(finding?.message.contains("'titel'") == true)
    }

    @Test func unknownKeyInHistoryEntryIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  approver: 周明远", with: "  1️⃣aprover: 周明远", in: "manual/history.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownKey, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'approver'?")
    }

    // MARK: missing-key

    @Test func documentWithoutOwnerIsMissingAKey() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("owner: quality\n", with: "", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.missingKey, at: Place(path: "manual/document.yaml", line: 1, column: 1))
        #expect(finding?.message.contains("'owner'") == true)
    }

    @Test func docsetWithoutStandardIsMissingAKey() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018\n", with: "", in: "docset.yaml")
        let outcome = try fixture.check()
        #expect(outcome.diagnostics(Rules.missingKey).contains { $0.location?.path == "docset.yaml" && $0.message.contains("'standard'") })
    }

    // MARK: invalid-value

    @Test func documentTypeOutsideTheListIsAnInvalidValue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("type: manual", with: "type: 1️⃣manuel", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.invalidValue, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'manual'?")
    }

    @Test func reviewPeriodThatIsNotAPeriodIsAnInvalidValue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("review-every: 12 months", with: "review-every: 1️⃣sometimes", in: "manual/document.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.invalidValue, at: fixture.marker())
    }

    @Test func keyWrittenTwiceIsAnInvalidValue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("type: manual\n", with: "type: manual\n1️⃣type: manual\n", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.invalidValue, at: fixture.marker())
        #expect(finding?.message == "key 'type' appears twice in a mapping")
        #expect(finding?.notes.first?.location?.line == 3)
        // The message names the key; it does not repeat the file.
        #expect(finding?.message.contains("\n") == false)
    }

    // MARK: bad-date

    @Test func impossibleCalendarDateIsABadDate() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("issued: 2025-06-15", with: "issued: 1️⃣2025-02-30", in: "manual/document.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.badDate, at: fixture.marker())
        #expect(finding?.message.contains("2025-02-30") == true)
    }

    @Test func dateInAnotherFormatIsABadDate() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  date: 2025-06-15", with: "  date: 1️⃣2025/6/15", in: "manual/history.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.badDate, at: fixture.marker())
    }

    // MARK: duplicate-document-number

    @Test func duplicateDocumentNumbersAreReportedOnTheSecondDocument() throws {
        var fixture = FixtureSet.valid()
        for name in ["document.yaml", "history.yaml", "body.md"] {
            fixture.files["procedures/QP-01-zz-copy/\(name)"] = fixture.files["\(Self.procedure)/\(name)"]
        }
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.duplicateDocument, at: Place(path: "procedures/QP-01-zz-copy/document.yaml", line: 1, column: 1))
        #expect(finding?.notes.first?.location?.path == "\(Self.procedure)/document.yaml")
        #expect(outcome.diagnostics(Rules.duplicateDocument).count == 1)
    }

    // MARK: path-outside-set

    @Test func linkClimbingOutOfTheSetIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 链接\n\n见1️⃣[口令文件](../../etc/passwd)。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker())
        #expect(finding?.message.contains("../../etc/passwd") == true)
    }

    @Test func absoluteLinkAndFileURLAreReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 链接\n\n1️⃣![图](/etc/hosts) 和 2️⃣[文件](file:///etc/passwd)\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker("2️⃣"))
    }

    @Test func webLinksAndLinksInsideTheSetAreAccepted() throws {
        var fixture = FixtureSet.valid()
        fixture.write("manual/forms/form.txt", "form\n")
        fixture.append("manual/99-appendices.md", "# 附录C 链接\n\n见[表单](forms/form.txt)、[网站](https://example.com/a)和[本节](#sec-4)。\n")
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
    }

    @Test func symlinkedFolderLeavingTheSetIsReported() throws {
        let outside = try TemporaryFolder(prefix: "docctl-outside")
        defer { outside.remove() }
        var elsewhere = FixtureSet()
        for name in ["document.yaml", "history.yaml", "body.md"] {
            elsewhere.files[name] = FixtureSet.valid().files["\(Self.procedure)/\(name)"]
        }
        try elsewhere.materialize(in: outside.url)
        let outcome = try FixtureSet.valid().check { root in
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("procedures/QP-02-linked"), withDestinationURL: outside.url)
        }
        let finding = expectFinding(outcome, Rules.pathOutsideSet, inFile: "procedures/QP-02-linked")
        #expect(finding?.message.contains("outside the document set") == true)
        // The linked folder is not read: its document would otherwise duplicate QP-01.
        expectNoFinding(outcome, Rules.duplicateDocument)
    }

    @Test func symlinkedBodyFileLeavingTheSetIsReported() throws {
        let outside = try TemporaryFolder(prefix: "docctl-outside")
        defer { outside.remove() }
        try Data("# secret\n\ntext\n".utf8).write(to: outside.url.appendingPathComponent("secret.md"))
        let outcome = try FixtureSet.valid().check { root in
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("manual/50-secret.md"),
                withDestinationURL: outside.url.appendingPathComponent("secret.md"))
        }
        expectFinding(outcome, Rules.pathOutsideSet, inFile: "manual/50-secret.md")
        #expect(outcome.set.sources["manual/50-secret.md"] == nil)
    }

    /// Regression: only body files were checked; a register linked out of the set was read.
    @Test func symlinkedRegisterLeavingTheSetIsReportedAndNotRead() throws {
        let outside = try TemporaryFolder(prefix: "docctl-outside")
        defer { outside.remove() }
        let secret = outside.url.appendingPathComponent("records.yaml")
        try Data("- { id: REC-01, title: 秘密, owner: quality, retention: 1 year }\n".utf8).write(to: secret)
        var fixture = FixtureSet.valid()
        fixture.remove("records.yaml")
        let outcome = try fixture.check { root in
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("records.yaml"), withDestinationURL: secret)
        }
        expectFinding(outcome, Rules.pathOutsideSet, inFile: "records.yaml")
        #expect(outcome.set.records.isEmpty)
    }

    /// Regression: reading a FIFO (or a link to /dev/zero) never finished.
    @Test func fifoOrDeviceInPlaceOfAFileIsUnreadable() throws {
        var fixture = FixtureSet.valid()
        fixture.remove("organization.yaml")
        fixture.remove("\(Self.procedure)/history.yaml")
        let outcome = try fixture.check { root in
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("organization.yaml"),
                                                       withDestinationURL: root.appendingPathComponent("zero"))
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("zero"), withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
            #expect(mkfifo(root.appendingPathComponent("\(Self.procedure)/history.yaml").path, 0o644) == 0)
        }
        expectFinding(outcome, Rules.unreadableFile, inFile: "\(Self.procedure)/history.yaml")
        #expect(outcome.diagnostics.contains { $0.location?.path == "organization.yaml" && $0.rule == Rules.pathOutsideSet.id })
    }

    /// Regression: three links back to the root made discovery exponential.
    @Test func symlinksLoopingBackIntoTheSetAreWalkedOnce() throws {
        let start = ContinuousClock.now
        let outcome = try FixtureSet.valid().check(strict: true) { root in
            for name in ["loop-a", "loop-b", "loop-c"] {
                try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("procedures/\(name)"), withDestinationURL: root)
            }
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        expectClean(outcome)
    }

    // MARK: missing-file

    @Test func documentWithoutHistoryIsMissingAFile() throws {
        var fixture = FixtureSet.valid()
        fixture.remove("\(Self.procedure)/history.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.missingFile, inFile: "\(Self.procedure)/history.yaml")
        #expect(outcome.exitStatus == 1)
    }

    @Test func documentWithoutBodyIsMissingAFile() throws {
        var fixture = FixtureSet.valid()
        fixture.remove("\(Self.procedure)/body.md")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.missingFile, inFile: Self.procedure)
    }

    @Test func linkToAMissingLocalFileIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 表单\n\n见1️⃣[表单](forms/none.docx)。\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.missingFile, at: fixture.marker())
    }

    @Test func frontMatterKeepsLineNumbers() throws {
        var fixture = FixtureSet.valid()
        fixture.write("manual/98-extra.md", "---\ntitle: 附加\nowner: quality\n---\n\n# 附录C 附加\n\n见1️⃣[[QP-77]]。\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker())
        #expect(outcome.set.documents[0].allSections.contains { $0.title == "附录C 附加" && $0.location.line == 6 })
    }

    // MARK: raw-html

    @Test func rawHTMLBlockIsReportedAsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n1️⃣<div class=\"x\">内容</div>\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.rawHTML, .warning, at: fixture.marker())
        #expect(outcome.exitStatus == 0)
    }

    @Test func inlineRawHTMLIsReportedAtItsColumn() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n文字1️⃣<span>红色</span>文字\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.rawHTML, at: fixture.marker())
    }

    // MARK: unparsed-emphasis

    @Test func strayEmphasisAfterFullWidthPunctuationIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 说明\n\n1️⃣**注：**本条适用于全部部门。\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unparsedEmphasis, .warning, at: fixture.marker())
    }

    @Test func emphasisWithPunctuationOutsideIsAccepted() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 说明\n\n**注**：本条适用于全部部门。\n")
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.unparsedEmphasis)
    }
}

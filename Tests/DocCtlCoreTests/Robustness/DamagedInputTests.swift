import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// A deterministic pseudo-random generator (SplitMix64): the same damage on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<bound` (bound > 0); modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

/// One way of damaging the valid fixture set.
struct Damage: Sendable, CustomTestStringConvertible {
    var name: String
    var apply: @Sendable (inout FixtureSet) -> Void
    /// Changes to the written folder that a file map cannot express (links, FIFOs).
    var prepare: @Sendable (URL) throws -> Void = { _ in }

    var testDescription: String { name }
}

/// Every malformed input ends in diagnostics and exit status 1 or 2 — never a crash, a hang or an
/// error other than ``DocCtlError`` (issue 2, "Bad input").
@Suite(.timeLimit(.minutes(2))) struct DamagedInputTests {
    static let valid = FixtureSet.valid()
    static let textFiles = valid.files.keys.sorted()
    static let yamlFiles = textFiles.filter { $0.hasSuffix(".yaml") }
    static let markdownFiles = textFiles.filter { $0.hasSuffix(".md") }
    static let megabyte = 1 << 20

    /// Per-file damage drawn from a seeded generator: truncation, garbage, NUL, deletion, empty
    /// file, a folder in the file's place, BOM and line-end mixes.
    static let perFile: [Damage] = {
        var random = SplitMix64(seed: 20_000_1_2018)
        var result: [Damage] = []
        for path in textFiles {
            let size = valid.files[path]?.count ?? 0
            let cut = random.below(size)
            result.append(Damage(name: "truncate \(path) at \(cut)") { $0.files[path] = $0.files[path]?.prefix(cut) })
            let at = random.below(size), garbage = random.bytes(8 + random.below(56))
            result.append(Damage(name: "garbage in \(path) at \(at)") { set in
                var bytes = [UInt8](set.files[path] ?? Data())
                bytes.insert(contentsOf: garbage, at: min(at, bytes.count))
                set.files[path] = Data(bytes)
            })
            let nul = random.below(size)
            result.append(Damage(name: "NUL in \(path) at \(nul)") { set in
                var bytes = [UInt8](set.files[path] ?? Data())
                bytes.insert(0, at: min(nul, bytes.count))
                set.files[path] = Data(bytes)
            })
            result.append(Damage(name: "delete \(path)") { $0.remove(path) })
            result.append(Damage(name: "empty \(path)") { $0.files[path] = Data() })
            result.append(Damage(name: "folder instead of \(path)") { set in
                set.remove(path)
                set.folders.insert(path)
            })
            let pattern = random.next()
            result.append(Damage(name: "BOM and mixed line ends in \(path)") { set in
                var text = "\u{FEFF}"
                var index: UInt64 = 0
                for character in set.text(path) ?? "" {
                    if character == "\n" {
                        let choice = (pattern >> (index % 62)) & 3
                        text += choice == 0 ? "\n" : choice == 1 ? "\r\n" : choice == 2 ? "\r" : "\u{FEFF}\n"
                        index += 1
                    } else {
                        text.append(character)
                    }
                }
                set.files[path] = Data(text.utf8)
            })
            let flips = (0..<4).map { _ in (random.below(size), UInt8(truncatingIfNeeded: random.next())) }
            result.append(Damage(name: "flipped bytes in \(path)") { set in
                var bytes = [UInt8](set.files[path] ?? Data())
                for (offset, value) in flips where offset < bytes.count { bytes[offset] ^= value | 1 }
                set.files[path] = Data(bytes)
            })
        }
        return result
    }()

    /// Hostile shapes: deep nesting, huge lines, pathological Markdown and YAML, odd file types.
    static let hostile: [Damage] = {
        var result: [Damage] = []
        for path in yamlFiles {
            result.append(Damage(name: "10 000 [ in \(path)") { $0.write(path, "key: " + String(repeating: "[", count: 10_000) + "\n") })
            result.append(Damage(name: "10 000 { in \(path)") { $0.write(path, String(repeating: "{a: ", count: 10_000) + "\n") })
            result.append(Damage(name: "5 000 nested '- ' in \(path)") { $0.write(path, String(repeating: "- ", count: 5_000) + "x\n") })
        }
        let history = "\(FixtureSet.procedureFolder)/history.yaml"
        let document = "\(FixtureSet.procedureFolder)/document.yaml"
        let body = "\(FixtureSet.procedureFolder)/body.md"
        result += [
            Damage(name: "deep block indentation in docset.yaml") { set in
                set.write("docset.yaml", (0..<2_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined())
            },
            Damage(name: "nested '? ' complex keys") { $0.write("records.yaml", String(repeating: "? ", count: 3_000) + "x\n") },
            Damage(name: "billion laughs in records.yaml") { set in
                var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
                for level in 1...9 {
                    text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
                }
                set.write("records.yaml", text)
            },
            Damage(name: "1 MB scalar in document.yaml") { $0.replace("title: 成文信息控制程序", with: "title: " + String(repeating: "长", count: megabyte), in: document) },
            Damage(name: "1 MB unknown clause id") { $0.replace("clauses: [", with: "clauses: [" + String(repeating: "9", count: megabyte) + ", ", in: document) },
            Damage(name: "1 MB unknown key") { $0.append(document, String(repeating: "k", count: megabyte) + ": 1\n") },
            Damage(name: "1 MB line in the matrix") { $0.append("responsibilities.csv", "4.1," + String(repeating: "○,", count: megabyte / 4) + "\n") },
            Damage(name: "10 000 matrix columns") { set in
                set.write("responsibilities.csv", "clause," + (0..<10_000).map { "d\($0)" }.joined(separator: ",") + "\n4," + String(repeating: "●,", count: 10_000) + "\n")
            },
            Damage(name: "unclosed quote at the start of the matrix") { $0.write("responsibilities.csv", "\"" + String(repeating: "a,b\n", count: 10_000)) },
            Damage(name: "review date 9999-12-31") { $0.replace("last-review: 2025-12-01", with: "last-review: 9999-12-31", in: document) },
            Damage(name: "history dates at the edges of the calendar") { set in
                set.write(history, "- { revision: \"A/0\", date: 9999-12-31, change: x, author: y }\n- { revision: \"A/9999\", date: 1900-01-01, change: x, author: y }\n")
            },
            Damage(name: "revision numbers near the limit") { set in
                set.write(history, "- { revision: \"ZZZ/9999\", date: 2025-01-01, change: x, author: y }\n- { revision: \"AAAA/0\", date: 2025-01-02, change: x, author: y }\n")
            },
            Damage(name: "huge section numbers") { $0.append(body, "# 99999999999999999999999.1 大\n\n文字\n\n## " + String(repeating: "1.", count: 5_000) + "1 深\n\n文字\n") },
            Damage(name: "5 000 nested blockquotes") { $0.append(body, String(repeating: ">", count: 5_000) + " 引用\n") },
            Damage(name: "5 000 nested blockquotes on separate lines") { set in
                set.append(body, (1...5_000).map { String(repeating: "> ", count: $0) + "x\n" }.joined())
            },
            Damage(name: "5 000 nested list items") { $0.append(body, String(repeating: "- ", count: 5_000) + "项\n") },
            Damage(name: "5 000 nested indented list items") { set in
                set.append(body, (0..<5_000).map { String(repeating: "  ", count: $0) + "- 项\n" }.joined())
            },
            Damage(name: "10 000 nested emphasis") { $0.append(body, String(repeating: "*", count: 10_000) + "强调" + String(repeating: "*", count: 10_000) + "\n") },
            Damage(name: "nested links and images") { $0.append(body, String(repeating: "[![", count: 3_000) + "x" + String(repeating: "](a)](b)", count: 3_000) + "\n") },
            Damage(name: "1 MB line in Markdown") { $0.append(body, String(repeating: "长文字", count: megabyte / 9) + "\n") },
            Damage(name: "1 MB heading") { $0.append(body, "# 8 " + String(repeating: "题", count: megabyte / 3) + "\n\n文字\n") },
            Damage(name: "100 000 unclosed [[") { $0.append(body, String(repeating: "[[", count: 100_000) + "\n") },
            Damage(name: "100 000 《 and one 》") { $0.append(body, String(repeating: "《", count: 100_000) + "》\n") },
            Damage(name: "100 000 《 without 》 on many lines") { $0.append(body, String(repeating: "《文字\n", count: 100_000)) },
            Damage(name: "long reference target") { $0.append(body, "[[" + String(repeating: "Q", count: 150) + "]] 《" + String(repeating: "题", count: 50_000) + "》\n") },
            Damage(name: "10 000 placeholders") { $0.append(body, String(repeating: "{{x}}\n\n", count: 10_000)) },
            Damage(name: "5 000 table columns") { set in
                set.append(body, "|" + String(repeating: "a|", count: 5_000) + "\n|" + String(repeating: "-|", count: 5_000) + "\n|" + String(repeating: "[[X]]|", count: 5_000) + "\n")
            },
            Damage(name: "20 000 table rows") { set in
                set.append(body, "| a | b |\n| - | - |\n" + String(repeating: "| [[QP-01]] | 《成文信息控制程序》 |\n", count: 20_000))
            },
            Damage(name: "10 000 raw HTML tags") { $0.append(body, String(repeating: "<b>", count: 10_000) + "\n") },
            Damage(name: "10 000 identical headings") { $0.append(body, String(repeating: "# 1 同\n", count: 10_000)) },
            // Past the structure bounds of one file (MarkdownComplexity): refused before cmark parses it.
            Damage(name: "30 000 unnumbered headings") { $0.append(body, String(repeating: "# 同\n", count: 30_000)) },
            Damage(name: "300 000 emphasis markers on one line") { $0.append(body, String(repeating: "*a* ", count: 150_000) + "\n") },
            Damage(name: "10 000 records") { set in
                set.write("records.yaml", (0..<10_000).map { "- { id: REC-\($0), title: 记录\($0), owner: quality, retention: 1 year }\n" }.joined())
            },
            Damage(name: "10 000 records with one id") { set in
                set.write("records.yaml", String(repeating: "- { id: REC-01, title: 记录, owner: quality, retention: 1 year }\n", count: 10_000))
            },
            Damage(name: "5 000 departments in one cycle") { set in
                set.write("organization.yaml", "departments:\n" + (0..<5_000).map { "  - { id: d\($0), name: 部门\($0), parent: d\($0 == 0 ? 4_999 : $0 - 1) }\n" }.joined())
            },
            Damage(name: "5 000 unknown matrix rows") { set in
                set.append("responsibilities.csv", (0..<5_000).map { "9.\($0),x,●,,\n" }.joined())
            },
            Damage(name: "10 000 history entries") { set in
                set.write(history, (0..<10_000).map { "- { revision: \"A/\($0)\", date: 2025-01-01, change: x, author: y }\n" }.joined())
            },
            Damage(name: "10 000 copies with one number") { set in
                set.replace("distribution:\n", with: "distribution:\n" + String(repeating: "  - { copy: \"01\", holder: x }\n", count: 10_000), in: document)
            },
            Damage(name: "front matter never closed") { $0.write(body, "---\ntitle: x\n" + String(repeating: "a\n", count: 1_000)) },
            Damage(name: "only front matter") { $0.write(body, "---\ntitle: x\n---\n") },
            Damage(name: "heading attribute block torture") { $0.append(body, "# 8 {" + String(repeating: "{clause=", count: 10_000) + "}\n\n# {}\n\n# {clause=,,,}\n\n# 9 {clause= none }\n") },
            Damage(name: "500 body files") { set in
                for index in 0..<500 { set.write("\(FixtureSet.procedureFolder)/\(String(format: "%03d", index)).md", "# \(index) 节\n\n文字\n") }
            },
            Damage(name: "document folders nested 40 deep") { set in
                let deep = (0..<40).map { "d\($0)" }.joined(separator: "/")
                set.write("procedures/\(deep)/document.yaml", "number: QP-99\n")
            },
            Damage(name: "folder named like a Markdown file") { $0.folders.insert("\(FixtureSet.procedureFolder)/zz.md") },
            Damage(name: "docset.yaml is a list") { $0.write("docset.yaml", "- a\n- b\n") },
            Damage(name: "every YAML file is a scalar") { set in for path in yamlFiles { set.write(path, "just text\n") } },
            Damage(name: "every YAML file is a list of lists") { set in for path in yamlFiles { set.write(path, "- [1, [2, [3]]]\n- {a: [b]}\n") } },
            Damage(name: "anchors and merge keys") { $0.write(document, "base: &b { number: QP-01, title: t }\n<<: *b\nnumber: *b\n") },
            Damage(name: "invalid clause tree in standards/") { $0.write("standards/x.xml", "<standard xmlns=\"urn:docctl:clause-tree:1\"><clause id=\"1\">" + String(repeating: "<clause>", count: 1_000) + "\n") },
            Damage(name: "binary clause tree in standards/") { $0.write("standards/y.xml", data: Data(SplitMix64(seed: 7).bytesArray(4_096))) },
        ]
        result += [
            Damage(name: "three symbolic links looping back to the root", apply: { _ in }, prepare: { root in
                for name in ["loop-a", "loop-b", "loop-c"] {
                    try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("procedures/\(name)"), withDestinationURL: root)
                }
            }),
            Damage(name: "organization.yaml links to /dev/zero", apply: { $0.remove("organization.yaml") }, prepare: { root in
                try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("organization.yaml"), withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
            }),
            Damage(name: "records.yaml links to /etc/passwd", apply: { $0.remove("records.yaml") }, prepare: { root in
                try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("records.yaml"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
            }),
            Damage(name: "history.yaml is a FIFO", apply: { $0.remove(history) }, prepare: { root in
                guard mkfifo(root.appendingPathComponent(history).path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }),
            Damage(name: "body.md is a FIFO", apply: { $0.remove(body) }, prepare: { root in
                guard mkfifo(root.appendingPathComponent(body).path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }),
            Damage(name: "dangling symbolic link as body", apply: { _ in }, prepare: { root in
                try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("\(FixtureSet.procedureFolder)/zz.md"),
                                                           withDestinationURL: root.appendingPathComponent("nowhere.md"))
            }),
        ]
        return result
    }()

    /// Damaged images (a body showing `media/flow.png`): cut, garbage, the wrong type, too large,
    /// a folder, thousands of references, paths out of the set.
    static let images: [Damage] = {
        let body = "\(FixtureSet.procedureFolder)/body.md"
        let image = "\(FixtureSet.procedureFolder)/media/flow.png"
        let png = TestImages.bluePNG
        func shown(_ name: String, markdown: String = "![流程图](media/flow.png)\n", _ data: Data?) -> Damage {
            Damage(name: "image: \(name)") { set in
                set.append(body, "\n" + markdown)
                if let data { set.write(image, data: data) }
            }
        }
        var random = SplitMix64(seed: 2_018_2_0000)
        var result = [4, 8, 16, png.count - 1].map { cut in shown("PNG cut at \(cut) bytes", png.prefix(cut)) }
        result += [
            shown("garbage after the PNG signature", png.prefix(8) + Data(random.bytes(64))),
            shown("garbage", Data(random.bytes(256))),
            shown("NUL bytes", Data(repeating: 0, count: 64)),
            shown("empty file", Data()),
            shown("SVG with a script named .png", TestImages.svg),
            shown("JPEG named .png", TestImages.jpeg),
            shown("11 MiB", png + Data(repeating: 0, count: 11 << 20)),
            shown("missing", nil),
            shown("1 000 references", markdown: String(repeating: "![图](media/flow.png) ", count: 1_000) + "\n", png),
            shown("1 MB target", markdown: "![图](" + String(repeating: "a/", count: megabyte / 2) + "x.png)\n", png),
            shown("escapes and schemes", markdown: "![a](../../../../etc/passwd) ![b](/etc/passwd) ![c](file:///etc/passwd) "
                  + "![d](javascript:alert(1)) ![e](data:text/html,x) ![f](%2e%2e/%2e%2e/x.png)\n", png),
            Damage(name: "image: a folder in its place") { set in
                set.append(body, "\n![流程图](media/flow.png)\n")
                set.folders.insert(image)
            },
        ]
        return result
    }()

    static let all = perFile + hostile + images

    @Test func damageIsDeterministicAndPlentiful() {
        #expect(Self.perFile.count == Self.textFiles.count * 8)
        #expect(Self.all.count >= 150)
        var first = SplitMix64(seed: 1), second = SplitMix64(seed: 1)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        #expect(Set(Self.all.map(\.name)).count == Self.all.count)
    }

    /// Damage after which the set is still one docctl must accept (see damagedInputEndsInDiagnostics).
    static let harmless: Set<String> = [
        "1 MB heading",
        "1 MB line in Markdown",
        "10 000 history entries",
        "10 000 nested emphasis",
        "100 000 unclosed [[",
        "100 000 《 and one 》",
        "100 000 《 without 》 on many lines",
        "20 000 table rows",
        "5 000 nested blockquotes",
        "5 000 nested list items",
        "BOM and mixed line ends in manual/00-front.md",
        "BOM and mixed line ends in manual/04-chapter.md",
        "BOM and mixed line ends in manual/05-chapter.md",
        "BOM and mixed line ends in manual/06-chapter.md",
        "BOM and mixed line ends in manual/07-chapter.md",
        "BOM and mixed line ends in manual/08-chapter.md",
        "BOM and mixed line ends in manual/09-chapter.md",
        "BOM and mixed line ends in manual/10-chapter.md",
        "BOM and mixed line ends in manual/99-appendices.md",
        "BOM and mixed line ends in manual/history.yaml",
        "BOM and mixed line ends in procedures/QP-01-documented-information/body.md",
        "BOM and mixed line ends in procedures/QP-01-documented-information/history.yaml",
        "BOM and mixed line ends in records.yaml",
        "delete manual/00-front.md",
        "delete manual/99-appendices.md",
        "delete responsibilities.csv",
        "document folders nested 40 deep",
        "empty manual/00-front.md",
        "empty manual/99-appendices.md",
        "empty procedures/QP-01-documented-information/body.md",
        "front matter never closed",
        "image: 1 000 references",
        "only front matter",
        "review date 9999-12-31",
        "three symbolic links looping back to the root",
        "truncate manual/00-front.md at 69",
        "truncate manual/99-appendices.md at 87",
    ]

    @Test(arguments: DamagedInputTests.all)
    func damagedInputEndsInDiagnostics(_ damage: Damage) throws {
        // DOCCTL_DAMAGE=<part of a name> runs only the matching damage (to find the one that crashes).
        if let only = ProcessInfo.processInfo.environment["DOCCTL_DAMAGE"], !damage.name.contains(only) { return }
        var fixture = Self.valid
        damage.apply(&fixture)
        // DOCCTL_DAMAGE_OUT=<folder> writes the damaged set there for `docctl check` instead of checking it.
        if let out = ProcessInfo.processInfo.environment["DOCCTL_DAMAGE_OUT"] {
            let url = URL(fileURLWithPath: out)
            try fixture.materialize(in: url)
            try damage.prepare(url)
            return
        }
        try TemporaryFolder.with(prefix: "docctl-damaged") { folder in
            try fixture.materialize(in: folder.url)
            try damage.prepare(folder.url)
            let outcome: CheckOutcome
            do {
                outcome = try CheckOutcome.check(folder.url, strict: true)
            } catch {
                // Typed throws: only a DocCtlError (no set at all) can get here; that is exit status 2.
                #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("docset.yaml").path)
                        || damage.name.contains("docset.yaml"), "\(damage.name): \(error)")
                return
            }
            // Everything a command does after checking must cope too.
            // Text is what `docctl check` prints by default, so it sees every finding; the CI formats
            // see the first thousand (encoding tens of thousands is slow in a debug build, not broken).
            let formatter = DiagnosticFormatter(pathPrefix: "set", sources: outcome.set.sources)
            _ = formatter.format(outcome.diagnostics, as: .text)
            for format in DiagnosticFormat.allCases where format != .text {
                _ = formatter.format(Array(outcome.diagnostics.prefix(1_000)), as: format)
            }
            if let report = CoverageReport.compute(outcome.set) {
                _ = CoverageFormatter.text(report, language: .zhCN)
                _ = CoverageFormatter.json(report, language: .en)
                _ = CoverageFormatter.csv(report, language: .zhCN)
            }
            // Damage is found, not only survived: every damage that leaves no valid set behind gives at
            // least one diagnostic. The ones below leave a set docctl must accept as it is (line ends, a
            // BOM, optional files removed, large but well-formed content, a cut at a harmless place).
            if !Self.harmless.contains(damage.name) {
                #expect(!outcome.diagnostics.isEmpty, "\(damage.name): damaged input passed check without a diagnostic")
            }
            let status = outcome.exitStatus
            #expect([0, 1, 2].contains(status))
            let errors = outcome.diagnostics.filter { $0.severity == .error }
            #expect((status == 0) == errors.isEmpty)
            for error in errors {
                #expect(error.location.map { !$0.path.isEmpty } == true, "\(damage.name): error without a file: \(error.message)")
            }
        }
    }
}

extension SplitMix64 {
    /// `count` bytes from a fresh generator (for building fixtures in constant initialisers).
    func bytesArray(_ count: Int) -> [UInt8] {
        var copy = self
        return copy.bytes(count)
    }
}

/// The hostile inputs of issue 12, each with the finding it must produce (not only an exit status)
/// and, where the damage was in rendering, a render of the site that must end. Their sizes at the
/// 4 MiB limit, with the time and memory budget, are measured by `bash bench/run.sh hostile`.
@Suite(.timeLimit(.minutes(5))) struct HostileInputTests {
    static let procedure = FixtureSet.procedureFolder
    static let document = "\(procedure)/document.yaml"
    static let body = "\(procedure)/body.md"

    static func render(_ outcome: CheckOutcome) throws -> [String: Data] {
        try SiteRenderer(set: outcome.set, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today).render()
    }

    // MARK: Blank required keys

    @Test(arguments: ["number", "title", "type", "owner", "classification", "control"])
    func blankRequiredValueIsAMissingKeyAtTheKey(_ key: String) throws {
        for blank in ["\"\"", "\" \"", "'\u{3000}'"] {
            var fixture = FixtureSet.valid()
            let text = fixture.text(Self.document)!
            let line = text.split(separator: "\n").first { $0.hasPrefix("\(key):") }!
            fixture.replace(String(line) + "\n", with: "1️⃣\(key): \(blank)\n", in: Self.document)
            let outcome = try fixture.check()
            let finding = expectFinding(outcome, Rules.missingKey, at: fixture.marker())
            #expect(finding?.message.contains("'\(key)'") == true)
            #expect(outcome.exitStatus == 1)
        }
    }

    @Test func documentWithABlankNumberIsReportedAndItsReferencesAreNotReportedAgain() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("number: QP-01\n", with: "1️⃣number: \"\"\n", in: Self.document)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.missingKey, at: fixture.marker())
        // The manual's [[QP-01]] and the records' `procedure: QP-01` point into the folder that
        // failed to load: the load error says it once. (The manual's 《成文信息控制程序》 names a title
        // no loaded document has: a warning.)
        expectOnly(outcome, Rules.missingKey, Rules.unknownTitle)
        #expect(outcome.set.documents.map(\.number) == [FixtureSet.manualNumber])
    }

    @Test func blankDocumentYAMLIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.document, " \n\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.missingKey, at: Place(path: Self.document, line: 1, column: 1))
        #expect(outcome.exitStatus == 1)
    }

    // MARK: Document folder names

    @Test func numbersThatShareAFolderAreReportedAtTheNumber() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("number: QP-01\n", with: "number: QP-98/A\n", in: Self.document)
        let copy = "procedures/QP-98-copy"
        for name in ["history.yaml", "body.md"] { fixture.files["\(copy)/\(name)"] = fixture.files["\(Self.procedure)/\(name)"] }
        fixture.write("\(copy)/document.yaml", fixture.text(Self.document)!.replacingOccurrences(of: "number: QP-98/A", with: "1️⃣number: QP-98/a"))
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.documentFolderName, at: Place(path: "\(copy)/document.yaml", line: 1, column: 9))
        #expect(finding?.message.contains("'QP-98/a' and 'QP-98/A' both become the site folder") == true)
    }

    @Test(arguments: ["index.html", "assets", "SHA256SUMS", "Coverage.html"])
    func reservedSiteNameIsNotADocumentNumber(_ number: String) throws {
        var fixture = FixtureSet.valid()
        fixture.replace("number: QP-01\n", with: "number: \(number)\n", in: Self.document)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.documentFolderName, at: Place(path: Self.document, line: 1, column: 9))
    }

    @Test func numberLongerThanAFileNameAllowsIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("number: QP-01\n", with: "number: QP-" + String(repeating: "号", count: 70) + "\n", in: Self.document)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.documentFolderName, at: Place(path: Self.document, line: 1, column: 9))
        #expect(finding?.message.contains("213 bytes") == true)
    }

    // MARK: Columns

    @Test(arguments: ["*a* ", "*文* "])
    func columnsAfterManyInlinesOnOneLineCountScalars(_ unit: String) throws {
        var fixture = FixtureSet.valid()
        let count = 20_000
        fixture.append(Self.body, "\n" + String(repeating: unit, count: count) + "1️⃣[[QP-404]]\n")
        let outcome = try fixture.check()
        let place = fixture.marker()
        #expect(place.column == count * unit.unicodeScalars.count + 1)
        expectFinding(outcome, Rules.unresolvedReference, at: place)
    }

    // MARK: Expansion

    @Test func generatedBlockRepeatedInADocumentIsReportedAndGeneratedOnce() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.body, "\n{{coverage-matrix}}\n\n1️⃣{{coverage-matrix}}\n\n2️⃣{{coverage-matrix}}\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.duplicateGeneratedBlock, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.duplicateGeneratedBlock, at: fixture.marker("2️⃣"))
        #expect(outcome.diagnostics(Rules.duplicateGeneratedBlock).count == 2)
        let page = try Self.render(outcome).first { $0.key.hasPrefix("QP-01/A-") && $0.key.hasSuffix("/index.html") }
        let html = String(decoding: page?.value ?? Data(), as: UTF8.self)
        #expect(html.components(separatedBy: "generated-coverage-matrix").count == 2)
        #expect(html.components(separatedBy: "placeholder-repeated").count == 3)
    }

    @Test func referencesExpandingPastTheCapAreRefusedWithAClearError() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: 成文信息控制程序", with: "title: " + String(repeating: "长", count: 10_000), in: Self.document)
        fixture.append(Self.body, "\n" + String(repeating: "[[QP-01]]", count: 1_200) + "\n")
        let outcome = try fixture.check()
        #expect(throws: DocCtlError.self) { _ = try Self.render(outcome) }
        do {
            _ = try Self.render(outcome)
        } catch {
            #expect("\(error)".contains("QP-01: its references and generated blocks expand to more than 32 MiB"))
        }
    }

    // MARK: Organisation depth

    @Test func departmentChainDeeperThanTheChartIsReportedAndStillRenders() throws {
        var fixture = FixtureSet.valid()
        var text = fixture.text("organization.yaml")!
        var parent = "service"
        for index in 0..<2_000 {
            text += "  - { id: chain\(index), name: 层级\(index), parent: \(parent) }\n"
            parent = "chain\(index)"
        }
        fixture.write("organization.yaml", text)
        fixture.append(Self.body, "\n{{org-chart}}\n")
        let outcome = try fixture.check()
        // gm is level 1, service 2, chain0 3: chain30 is level 33.
        let found = outcome.diagnostics(Rules.organizationTree)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("'chain30' is 33 levels deep") == true)
        #expect(found.first?.location?.path == "organization.yaml")
        // Build used to overflow the stack here (check passed, build crashed).
        let page = try Self.render(outcome).first { $0.key.hasPrefix("QP-01/A-") && $0.key.hasSuffix("/index.html") }
        let html = String(decoding: page?.value ?? Data(), as: UTF8.self)
        #expect(html.contains("<title>层级29</title>"))
        #expect(!html.contains("<title>层级30</title>"))
    }

    // MARK: Text diagnostics

    @Test func controlCharactersInTextDiagnosticsAreShownEscaped() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("type: procedure", with: "type: \"x\\e]0;pwned\\a\\r\\nchecked 2 documents: 0 errors\"", in: Self.document)
        fixture.append(Self.body, "\n1️⃣[[Q\u{1B}2J\u{9B}]]\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.invalidValue, at: Place(path: Self.document, line: 3, column: 7))
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker())
        let text = DiagnosticFormatter(pathPrefix: "set", sources: outcome.set.sources).format(outcome.diagnostics, as: .text)
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("x\\u{1B}]0;pwned\\u{7}\\u{D}\\u{A}checked 2 documents"))
        #expect(text.contains("[[Q\\u{1B}2J\\u{9B}]]"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("checked") })
    }

    // MARK: Anchors

    @Test func repeatedAndClashingExplicitAnchorsAreReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.body, """

            # 附录A 甲 {id=forms}

            文字

            1️⃣# 附录B 乙 {id=forms}

            文字

            2️⃣# 附录C 丙 {id=sec-1}

            文字

            """)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.duplicateAnchor, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.duplicateAnchor, at: fixture.marker("2️⃣"))
        #expect(outcome.diagnostics(Rules.duplicateAnchor).count == 2)
    }

    @Test func generatedAnchorTakenByAnEarlierExplicitOneIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 1 目的", with: "# 前言 {id=sec-2}\n\n文字\n\n# 1 目的", in: Self.body)
        let outcome = try fixture.check()
        let finding = outcome.diagnostics(Rules.duplicateAnchor).first
        #expect(finding?.location?.path == Self.body)
        #expect(finding?.message.contains("#sec-2-2") == true)
    }

    // MARK: Bidirectional controls

    @Test func bidiControlInATitleOrNumberIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: 成文信息控制程序", with: "1️⃣title: 成文信息\u{202E}控制程序", in: Self.document)
        fixture.replace("number: QP-01", with: "2️⃣number: \"QP-01\u{2066}\"", in: Self.document)
        let outcome = try fixture.check()
        var title = fixture.marker("1️⃣")
        title.column += 7
        var number = fixture.marker("2️⃣")
        number.column += 8
        expectFinding(outcome, Rules.bidiControl, at: title)
        expectFinding(outcome, Rules.bidiControl, at: number)
    }
}

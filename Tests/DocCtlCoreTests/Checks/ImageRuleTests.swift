import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Images in document bodies: only PNG, JPEG, GIF and WebP files of the set, by their bytes, within
/// the size limit — every other image is a diagnostic at its line.
@Suite struct ImageRuleTests {
    static let folder = FixtureSet.procedureFolder
    static let body = "\(folder)/body.md"

    /// The valid set with `markdown` appended to the procedure's body and `files` (relative to the
    /// procedure's folder) added.
    static func fixture(_ markdown: String, files: [String: Data] = [:]) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.append(body, "\n" + markdown + "\n")
        for (path, data) in files { fixture.write("\(folder)/\(path)", data: data) }
        return fixture
    }

    @Test func pngJPEGGIFAndWebPFilesOfTheSetAreAccepted() throws {
        let fixture = Self.fixture("""
            ![流程图](media/flow.png)

            照片 ![机房](media/room.jpeg) ![动画](media/spin.gif) ![图标](media/icon.webp "图标")
            """, files: ["media/flow.png": TestImages.bluePNG, "media/room.jpeg": TestImages.jpeg,
                         "media/spin.gif": TestImages.gif, "media/icon.webp": TestImages.webp])
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        let document = try #require(outcome.set.document(number: FixtureSet.procedureNumber))
        #expect(document.images.map(\.source) == ["flow.png", "icon.webp", "room.jpeg", "spin.gif"].map { "\(Self.folder)/media/\($0)" })
        #expect(document.images.map(\.format) == [.png, .webp, .jpeg, .gif])
        #expect(document.image(target: "media/flow.png")?.data == TestImages.bluePNG)
    }

    @Test func anImageShownTwiceIsReadOnce() throws {
        let fixture = Self.fixture("![一](media/flow.png) ![二](./media/flow.png)", files: ["media/flow.png": TestImages.bluePNG])
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.images.count == 1)
    }

    // MARK: remote-image

    @Test func remoteImagesAreReportedAtTheirLine() throws {
        let fixture = Self.fixture("1️⃣![流程图](https://example.com/flow.png) 和 2️⃣![图](http://intranet/a.gif)")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.remoteImage, at: fixture.marker("1️⃣"))
        #expect(finding?.message.contains("https://example.com/flow.png") == true)
        #expect(finding?.fix?.contains("relative path") == true)
        expectFinding(outcome, Rules.remoteImage, at: fixture.marker("2️⃣"))
        #expect(outcome.exitStatus == 1)
    }

    @Test func dataURLImagesAreNotFilesOfTheSet() throws {
        let fixture = Self.fixture("1️⃣![点](data:image/png;base64,iVBORw0KGgo=)")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.remoteImage, at: fixture.marker())
        #expect(finding?.message.contains("not a file of the document set") == true)
    }

    // MARK: missing-file

    @Test func aMissingImageIsAnErrorAtItsLine() throws {
        let fixture = Self.fixture("1️⃣![流程图](media/missing.png)")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.missingFile, at: fixture.marker())
        #expect(finding?.message.contains("\(Self.folder)/media/missing.png") == true)
        // A sealed document's missing image is one error, not two: ImageWorkflowTests.
    }

    @Test func aFolderIsNotAnImage() throws {
        let fixture = Self.fixture("1️⃣![图](media)", files: ["media/flow.png": TestImages.bluePNG])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.missingFile, at: fixture.marker())
        #expect(finding?.message.contains("is a folder") == true)
        #expect(outcome.exitStatus == 1)
    }

    // MARK: path-outside-set

    @Test func imagesClimbingOutOfTheSetOrAbsoluteAreReported() throws {
        let fixture = Self.fixture("1️⃣![图](../../../../etc/logo.png) 2️⃣![图](/usr/share/logo.png) 3️⃣![图](file:///etc/logo.png)")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker("2️⃣"))
        expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker("3️⃣"))
    }

    @Test func anImageInAnotherFolderOfTheSetIsAccepted() throws {
        var fixture = Self.fixture("![组织](../../shared/org.png)")
        fixture.write("shared/org.png", data: TestImages.bluePNG)
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.images.map(\.source) == ["shared/org.png"])
    }

    @Test func aSymlinkedImageLeavingTheSetIsReportedAndNotRead() throws {
        let outside = try TemporaryFolder(prefix: "docctl-outside")
        defer { outside.remove() }
        let secret = outside.url.appendingPathComponent("secret.png")
        try TestImages.bluePNG.write(to: secret)
        let fixture = Self.fixture("1️⃣![图](media/linked.png)")
        let outcome = try fixture.check { root in
            try FileManager.default.createDirectory(at: root.appendingPathComponent("\(Self.folder)/media"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("\(Self.folder)/media/linked.png"),
                                                       withDestinationURL: secret)
        }
        let finding = expectFinding(outcome, Rules.pathOutsideSet, at: fixture.marker())
        #expect(finding?.message.contains("symbolic link") == true)
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.images.isEmpty == true)
    }

    // MARK: image-format

    @Test func svgIsRefusedWhateverItIsCalled() throws {
        let fixture = Self.fixture("1️⃣![图](media/chart.svg) 2️⃣![图](media/chart.png)",
                                   files: ["media/chart.svg": TestImages.svg, "media/chart.png": TestImages.svg])
        let outcome = try fixture.check()
        for marker in ["1️⃣", "2️⃣"] {
            let finding = expectFinding(outcome, Rules.imageFormat, at: fixture.marker(marker))
            #expect(finding?.message.contains("SVG") == true)
            #expect(finding?.message.contains("script") == true)
            #expect(finding?.fix == "export the drawing as PNG")
        }
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.images.isEmpty == true)
    }

    /// A file cut short (an interrupted copy) is reported, format by format, at the image's place.
    @Test func imagesCutShortAreDamaged() throws {
        let files: [String: Data] = [
            "media/a.png": TestImages.bluePNG.dropLast(1), "media/b.png": TestImages.bluePNG.prefix(40),
            "media/c.jpg": TestImages.jpeg.dropLast(2), "media/d.gif": TestImages.gif.dropLast(1),
            "media/e.webp": TestImages.webp.dropLast(4),
            "media/f.png": TestImages.bluePNG.prefix(8) + TestImages.bluePNG.suffix(12),
        ]
        let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]
        let names = files.keys.sorted()
        let fixture = Self.fixture(zip(markers, names).map { "\($0)![图](\($1))" }.joined(separator: " "), files: files)
        let outcome = try fixture.check()
        let expected = ["cut short (no IEND chunk)", "cut short (no IEND chunk)", "cut short (no end-of-image marker)",
                        "cut short (no trailer)", "its RIFF header says 30 bytes, the file has 26", "its first chunk is not IHDR"]
        for (marker, (name, reason)) in zip(markers, zip(names, expected)) {
            let finding = expectFinding(outcome, Rules.imageFormat, at: fixture.marker(marker))
            #expect(finding?.message.contains("\(Self.folder)/\(name) is a damaged") == true, "\(name): \(finding?.message ?? "-")")
            #expect(finding?.message.contains(reason) == true, "\(name): \(finding?.message ?? "-")")
        }
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.images.isEmpty == true)
    }

    @Test func wholeFramesAreNotDamaged() {
        for (data, format) in [(TestImages.bluePNG, DocumentImage.Format.png), (TestImages.redPNG, .png), (TestImages.jpeg, .jpeg),
                               (TestImages.gif, .gif), (TestImages.webp, .webp)] {
            #expect(DocumentImage.damage(data, format: format) == nil, "\(format)")
        }
        // A chunk length beyond the file, however large, is a cut, not a crash.
        var huge = [UInt8](TestImages.bluePNG)
        huge.replaceSubrange(33..<37, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(DocumentImage.damage(Data(huge), format: .png) == "it is cut short (no IEND chunk)")
    }

    /// Width and height come from each format's header; a header that does not say gives none.
    @Test func dimensionsAreReadFromTheHeader() {
        typealias Size = DocumentImage.PixelSize
        func size(_ data: Data, _ format: DocumentImage.Format) -> Size? { DocumentImage.pixelSize(data, format: format) }
        #expect(size(TestImages.bluePNG, .png) == Size(width: 2, height: 2))
        // GIF: 16-bit little-endian width and height after the signature.
        #expect(size(Data("GIF89a".utf8) + Data([0x40, 0x01, 0xF0, 0x00, 0, 0, 0, 0x3B]), .gif) == Size(width: 320, height: 240))
        // JPEG: an APP0 segment, then SOF2 (progressive) with height 0x01E0 and width 0x0280.
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80,
                         0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9])
        #expect(size(jpeg, .jpeg) == Size(width: 640, height: 480))
        // DHT (C4) is not a frame header; the image data (DA) before any frame header gives none.
        #expect(size(Data([0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x02]), .jpeg) == nil)
        func webp(_ chunk: String, _ payload: [UInt8]) -> Data {
            Data("RIFF".utf8) + Data([0x20, 0, 0, 0]) + Data("WEBP".utf8) + Data(chunk.utf8) + Data([0x10, 0, 0, 0]) + Data(payload)
        }
        #expect(size(webp("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x90, 0x01, 0x2C, 0x01]), .webp) == Size(width: 400, height: 300))
        // VP8L: width − 1 = 399 and height − 1 = 299 packed in 14-bit fields after the 0x2F signature.
        let packed = 399 | 299 << 14
        #expect(size(webp("VP8L", [0x2F] + (0..<4).map { UInt8(packed >> (8 * $0) & 0xFF) }), .webp) == Size(width: 400, height: 300))
        #expect(size(webp("VP8X", [0, 0, 0, 0, 0x8F, 0x01, 0x00, 0x2B, 0x01, 0x00]), .webp) == Size(width: 400, height: 300))
        #expect(size(TestImages.webp, .webp) == nil)
        #expect(size(TestImages.bluePNG.prefix(20), .png) == nil)
    }

    @Test func theMagicBytesDecideNotTheExtension() throws {
        let fixture = Self.fixture("1️⃣![图](media/flow.jpg) 2️⃣![图](media/notes.png) 3️⃣![图](media/scan.png)",
                                   files: ["media/flow.jpg": TestImages.bluePNG, "media/notes.png": Data("not an image\n".utf8),
                                           "media/scan.png": Data("%PDF-1.7\n".utf8)])
        let outcome = try fixture.check()
        let renamed = expectFinding(outcome, Rules.imageFormat, at: fixture.marker("1️⃣"))
        #expect(renamed?.message.contains("is a PNG file, but its extension says JPEG") == true)
        #expect(renamed?.fix == "rename it to flow.png")
        let text = expectFinding(outcome, Rules.imageFormat, at: fixture.marker("2️⃣"))
        #expect(text?.message.contains("PNG, JPEG, GIF or WebP") == true)
        let pdf = expectFinding(outcome, Rules.imageFormat, at: fixture.marker("3️⃣"))
        #expect(pdf?.message.contains("a PDF file") == true)
    }

    // MARK: file-too-large

    @Test func anImageOverTheSizeLimitIsRefused() throws {
        var big = TestImages.bluePNG
        big.append(Data(repeating: 0, count: DocumentImage.sizeLimit))
        let fixture = Self.fixture("1️⃣![大图](media/big.png)", files: ["media/big.png": big])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.fileTooLarge, at: fixture.marker())
        #expect(finding?.message.contains("the limit is 10 MiB per image") == true)
    }

    @Test func anImageAtTheSizeLimitIsAccepted() throws {
        var large = TestImages.bluePNG
        large.append(Data(repeating: 0, count: DocumentImage.sizeLimit - large.count))
        let outcome = try Self.fixture("![大图](media/big.png)", files: ["media/big.png": large]).check(strict: true)
        expectClean(outcome)
    }

    // MARK: Sniffing

    @Test func sniffingReadsTheFirstBytes() {
        #expect(DocumentImage.sniff(TestImages.bluePNG) == .image(.png))
        #expect(DocumentImage.sniff(TestImages.jpeg) == .image(.jpeg))
        #expect(DocumentImage.sniff(TestImages.gif) == .image(.gif))
        #expect(DocumentImage.sniff(TestImages.webp) == .image(.webp))
        #expect(DocumentImage.sniff(TestImages.svg) == .svg)
        #expect(DocumentImage.sniff(Data("<!-- drawn by hand -->\n<svg>".utf8)) == .svg)
        #expect(DocumentImage.sniff(Data("RIFF\0\0\0\0WAVE".utf8)) == .other(nil))
        #expect(DocumentImage.sniff(Data()) == .other(nil))
    }
}

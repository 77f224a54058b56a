import DocCtlCore
import Foundation
import Testing

/// The one spelling of a hash: 64 lower-case hex digits, leading zeros kept.
@Suite struct SHA256HexTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("受控文件清单", "b28e011f7e50fcd607938c5f86ff5bec72dc5b58906a282995e64c96cc5af317"),
    ])
    func knownDigests(_ text: String, _ expected: String) {
        #expect(SHA256Hex.of(Data(text.utf8)) == expected)
    }
}

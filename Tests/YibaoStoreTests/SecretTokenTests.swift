import Testing
@testable import YibaoStore

/// Tokens are stored as the hex of their SHA-256; the hex must stay the standard lower-case form, or
/// every stored token and answer digest would stop matching.
@Suite struct SecretTokenTests {
    @Test func digestIsTheStandardSHA256Hex() {
        // FIPS 180-2's test vectors.
        #expect(SecretToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretToken.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hexWritesEveryByteAsTwoDigits() {
        #expect(SecretToken.hex([0x00, 0x0f, 0x10, 0xa5, 0xff]) == "000f10a5ff")
        #expect(SecretToken.hex([UInt8]()) == "")
    }

    @Test func generatedTokensCarryTheirPrefixAnd64HexDigits() {
        let token = SecretToken.generate(prefix: "ybs_")
        #expect(token.hasPrefix("ybs_"))
        let digits = token.dropFirst(4)
        #expect(digits.count == 64)
        #expect(digits.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(SecretToken.generate(prefix: "ybs_") != token)
    }
}

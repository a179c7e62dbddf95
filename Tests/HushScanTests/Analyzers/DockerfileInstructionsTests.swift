import Testing
@testable import HushScan

/// The Dockerfile reader: instructions as BuildKit splits them, and which stages reach the image.
@Suite struct DockerfileInstructionsTests {
    static func read(_ text: String) -> DockerfileInstructions {
        Array(text.utf8).withUnsafeBytes { DockerfileInstructions($0) }
    }

    @Test func continuationsJoinAndKeepTheirFileOffsets() {
        let text = "FROM alpine\nENV A=1 \\\n# a comment inside\n    DB_PASSWORD=x\nRUN true\n"
        let file = Self.read(text)
        #expect(file.instructions.map(\.keyword) == ["FROM", "ENV", "RUN"])
        let env = file.instructions[1]
        #expect(env.line == 2)
        let pairs = DockerfileAnalyzer.pairs(env.arguments, legacy: true)
        #expect(pairs.map(\.key) == ["A", "DB_PASSWORD"])
        let range = env.fileRange(pairs[1].keyRange)
        #expect(String(decoding: Array(text.utf8)[range], as: UTF8.self) == "DB_PASSWORD")
    }

    @Test func theEscapeDirectiveAndHeredocs() {
        let file = Self.read("# escape=`\nFROM x\nRUN a `\n  b\nRUN <<EOF\nFROM not-an-instruction\nEOF\nUSER app\n")
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUN", "RUN", "USER"])
        #expect(file.instructions[1].text == "a   b")
        #expect(file.instructions[2].text.contains("FROM not-an-instruction"))
        #expect(file.stages.count == 1)
    }

    @Test func legacyAndQuotedPairs() {
        #expect(DockerfileAnalyzer.pairs(Array("API_TOKEN some value".utf8), legacy: true).map(\.value) == ["some value"])
        let quoted = DockerfileAnalyzer.pairs(Array(#"A="x y" B='z' C"#.utf8), legacy: false)
        #expect(quoted.map(\.key) == ["A", "B", "C"])
        #expect(quoted.map(\.value) == ["x y", "z", nil])
    }

    @Test func stagesReachTheImageThroughFromAndCopies() {
        let file = Self.read("""
            FROM golang AS build
            FROM alpine AS base
            FROM scratch AS unused
            FROM base AS final
            COPY --from=build /out /out
            """)
        #expect(file.stagesInHistory == [1, 3])
        #expect(file.stagesInImage == [0, 1, 3])
    }

    @Test func copySourcesAndSecretFileNames() {
        #expect(DockerfileAnalyzer.sources(Array("--chown=a:b id_rsa .env /dest/".utf8)).map(\.path) == ["id_rsa", ".env"])
        #expect(DockerfileAnalyzer.sources(Array(#"["a b.key", "/x"]"#.utf8)).map(\.path) == ["a b.key"])
        for name in ["id_rsa", "keys/server.key", ".npmrc", "home/.docker/config.json", ".env.production", "kubeconfig"] {
            #expect(SecretFileName.matches(name), "\(name)")
        }
        for name in ["id_rsa.pub", "certs/server-cert.pem", "ca.pem", ".env.example", "*.key", "config.json", "keys/"] {
            #expect(!SecretFileName.matches(name), "\(name)")
        }
    }

    @Test func fillerKeysAreNotLiteralValues() {
        let filler = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + String(repeating: "X", count: 70) + "\n-----END OPENSSH PRIVATE KEY-----"
        #expect(!StructuredValue.isLiteral(filler))
        #expect(StructuredValue.isLiteral("-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----"))
        #expect(!StructuredValue.isLiteral("${DB_PASSWORD}"))
        #expect(!StructuredValue.isLiteral("changeme"))
    }
}

import Testing
@testable import HushScan

@Suite struct GenericAssignmentDetectorTests {
    struct Expected: Hashable, CustomStringConvertible, Sendable {
        var key: String
        var value: String
        var syntax: GenericCandidate.Syntax
        var description: String { "\(key)=\(value) (\(syntax))" }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: [Expected]
        var testDescription: String { String(text.prefix(60)) }
        init(_ text: String, _ expected: Expected...) {
            self.text = text
            self.expected = expected
        }
    }

    static let v = DetectFixtures.random(24, seed: 501)
    static let w = DetectFixtures.random(32, DetectFixtures.base64, seed: 502)

    static func e(_ key: String, _ value: String, _ syntax: GenericCandidate.Syntax) -> Expected {
        Expected(key: key, value: value, syntax: syntax)
    }

    static let positives: [Case] = [
        Case("DB_PASSWORD=\(v)\n", e("DB_PASSWORD", v, .equalsPair)),
        Case("export API_TOKEN=\"\(v)\"\n", e("API_TOKEN", v, .shellExport)),
        Case("ENV APP_SECRET=\(v)\n", e("APP_SECRET", v, .shellExport)),
        Case("  ARG NPM_TOKEN='\(v)'\n", e("NPM_TOKEN", v, .shellExport)),
        Case("password: \(v)  # prod\n", e("password", v, .colonPair)),
        Case("db:\n  password: \"\(v)\"\n", e("password", v, .colonPair)),
        Case("  - DB_PASSWORD=\(v)\n", e("DB_PASSWORD", v, .equalsPair)),
        Case("{\"api_key\": \"\(v)\", \"name\": \"x\"}", e("api_key", v, .quotedKeyPair)),
        Case("{\"apiKey\":\"\(v)\",\"password\":\"\(w)\"}", e("apiKey", v, .quotedKeyPair), e("password", w, .quotedKeyPair)),
        Case("client_secret = \"\(v)\"\n", e("client_secret", v, .equalsPair)),
        Case("[database]\npassword = \(v)\n", e("password", v, .equalsPair)),
        Case("spring.datasource.password=\(v)\n", e("spring.datasource.password", v, .equalsPair)),
        Case("mail.smtp.password: \(v)\n", e("mail.smtp.password", v, .colonPair)),
        Case("<connection user=\"app\" password=\"\(v)\"/>", e("password", v, .xmlAttribute)),
        Case("<config>\n  <password>\(v)</password>\n</config>", e("password", v, .xmlElement)),
        Case("<add key=\"DbPassword\" value=\"\(v)\" />", e("DbPassword", v, .xmlAttribute)),
        Case("    const apiKey = '\(v)';\n", e("apiKey", v, .codeAssignment)),
        Case("let token: String = \"\(v)\"\n", e("token", v, .codeAssignment)),
        Case("private static final String SECRET_KEY = \"\(v)\";", e("SECRET_KEY", v, .codeAssignment)),
        Case("\ttoken := \"\(v)\"\n", e("token", v, .codeAssignment)),
        Case("cfg := Config{\n\tPassword: \"\(v)\",\n}", e("Password", v, .colonPair)),
        Case("$password = '\(v)';\n", e("password", v, .codeAssignment)),
        Case("$config['db_password'] = '\(v)';", e("db_password", v, .quotedKeyPair)),
        Case("self.secret_key = \"\(v)\"\n", e("self.secret_key", v, .equalsPair)),
        Case("db = connect(host=\"h\", password=\"\(v)\")", e("password", v, .keywordArgument)),
        Case("conn = psycopg2.connect(password=r\"\(v)\")", e("password", v, .keywordArgument)),
        Case("new Client({ apiKey: '\(v)' })", e("apiKey", v, .objectLiteral)),
        Case("client = Foo(region, { token: \"\(v)\", retries: 3 })", e("token", v, .objectLiteral)),
        Case("{ :password => \"\(v)\" }", e("password", v, .codeAssignment)),
        Case("deploy --password \(v) --host h", e("--password", v, .commandLineFlag)),
        Case("deploy --api-key=\(v)\n", e("--api-key", v, .commandLineFlag)),
        Case("tool --token \"\(v)\"", e("--token", v, .commandLineFlag)),
        Case("docker run -e POSTGRES_PASSWORD=\(v) postgres", e("POSTGRES_PASSWORD", v, .commandLineFlag)),
        Case("helm install x --set db.password=\(v)", e("db.password", v, .commandLineFlag)),
        Case("mysql -u root -p\(v) app", e("-p", v, .commandLineFlag)),
        Case("mysqldump -h db -p'\(v)' app > out.sql", e("-p", v, .commandLineFlag)),
        Case("sshpass -p \(v) ssh host", e("-p", v, .commandLineFlag)),
        Case("Authorization: Bearer \(v)\n", e("Authorization", v, .authorizationHeader)),
        Case("curl -H \"Authorization: token \(v)\" https://api", e("Authorization", v, .authorizationHeader)),
        Case("headers = {\"Authorization\": \"Bearer \(v)\"}", e("Authorization", v, .authorizationHeader)),
        Case("Authorization: Basic \(LenientBase64.encode(Array("deploy:\(v)".utf8)))\n", e("Authorization", v, .basicAuthorization)),
        Case("{\"auths\":{\"r.io\":{\"auth\":\"\(LenientBase64.encode(Array("bot:\(w)".utf8)))\"}}}", e("auth", w, .basicAuthorization)),
        Case("X-Api-Key: \(v)\n", e("X-Api-Key", v, .httpHeader)),
        Case("curl -H 'X-Api-Key: \(v)' https://x", e("X-Api-Key", v, .httpHeader)),
        Case("GET https://h/x?user=a&access_token=\(v)&page=2", e("access_token", v, .queryParameter)),
        Case("curl -d 'user=a&password=\(v)' https://x", e("password", v, .queryParameter)),
        Case("env:\n  - name: DB_PASSWORD\n    value: \(v)\n", e("DB_PASSWORD", v, .nameValuePair)),
        Case("env:\n- name: API_TOKEN\n  value: \"\(v)\"\n", e("API_TOKEN", v, .nameValuePair)),
        Case("[{\"name\": \"SECRET_KEY\", \"value\": \"\(v)\"}]", e("SECRET_KEY", v, .nameValuePair)),
        Case("PGPASSWORD=\(v) psql -h db", e("PGPASSWORD", v, .equalsPair)),
        Case("//registry.npmjs.org/:_authToken=\(v)\n", e("_authToken", v, .equalsPair)),
        Case("machine api.internal login deploy password \(v)\n", e("password", v, .spaceSeparated)),
        Case("machine h\n  login u\n  password \(v)\n", e("password", v, .spaceSeparated)),
        Case("ENV DB_PASSWORD \(v)\n", e("DB_PASSWORD", v, .spaceSeparated)),
        Case("CREATE USER app WITH PASSWORD '\(v)';", e("PASSWORD", v, .spaceSeparated)),
        Case("{\"auth\": {\"token\": \"\(v)\"}}", e("token", v, .quotedKeyPair)),
        Case("redis-cli -h cache -a '\(v)' PING", e("-a", v, .commandLineFlag)),
        Case("valkey-cli -a \(v) -p 6380", e("-a", v, .commandLineFlag)),
        // Base64 padding before the line end is part of the value, not a `: Type =` annotation.
        Case("data:\n  password: \(w)=\n  user: YXBw\n", e("password", w + "=", .colonPair)),
        Case("let password: String = \"\(v)\"\n", e("password", v, .codeAssignment)),
    ]

    @Test(arguments: positives)
    func findsAssignment(_ c: Case) {
        let found = GenericAssignmentDetector().candidates(in: Array(c.text.utf8))
        #expect(found.map { Self.e($0.key, $0.value, $0.syntax) } == c.expected)
        for candidate in found where candidate.syntax != .basicAuthorization {
            let bytes = Array(c.text.utf8)
            #expect(String(decoding: bytes[candidate.valueRange], as: UTF8.self) == candidate.value)
            #expect(String(decoding: bytes[candidate.keyRange], as: UTF8.self) == candidate.key)
        }
    }

    /// Key names that are not secrets, and secret names with no literal value.
    static let negatives: [String] = [
        "tokenizer = AutoTokenizer.from_pretrained(name)\n",
        "passthrough: \(v)\n", "author: \(v)\n", "secretary = \"\(v)\"\n", "password_hint: \(v)\n",
        "token_type: bearer\n", "auth_url: https://auth.internal/x\n", "password_length = 12\n",
        "max_tokens: 4096\n", "\"max_tokens\": 256,", "csrf_token = \"\(v)\"", "access_key_id: \(v)\n",
        "secretName: db-creds\n",
        "connect(password=pw)\n", "new Client({ apiKey: key })\n", "const token = await getToken();\n",
        "if password == \"\(v)\":\n", "assert token != \"\(v)\"\n", "password:\n  secretKeyRef:\n    name: x\n",
        "key: \(v)\n", "public_key = \"\(v)\"\n", "mysql -u root -p app\n", "mysql -P 3306 -h db\n",
        "Authorization: \"Bearer \" + token\n", "secret: |\n  \(v)\n", "password: &pw \(v)\n",
        "https://example.com/token/\(v)\n", "std::cout << token << std::endl;\n",
        "String password;\n", "# set the password here\n", "passwords are hashed with argon2\n",
        "<input type=\"password\" name=\"password\" value=\"\">", "token::Token", "x = y ? password : token;\n",
        "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n", "Please enter the password again\n",
        "password [success=1 default=ignore] pam_unix.so\n", "the token expired yesterday\n",
        "Password string `json:\"password\"`\n", "password := r.FormValue(\"password\")\n",
        "func getpw(_ pwd: UnsafeMutablePointer<passwd>,\n    _ buffer: UnsafeMutablePointer<CChar>)\n",
        "<password> is read from the environment, see <docs>\n", "redis-cli -a\n", "redis-cli -p 6380 PING\n",
        // Code that an indented `name: value` / `name = value` reading would take for YAML or INI.
        "        self.inboundEncryptionKey = inboundEncryptionKey\n", "            startToken: startToken,\n",
        "    _M_token = _S_token_eof;\n", "  SEC_ERROR_BAD_PASSWORD = SEC_ERROR_BASE + 15,\n",
        "        credentials: RPCCredentials,\n", "            token: .deadEnd,\n", "        password = readLine() ?? \"\"\n",
        "            password: OpenAPI.OAuthFlows.Password(\n", "    ResultPass = AnalysisImpl.second;\n",
        "        components.percentEncodedPassword = creds[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics)\n",
        "struct Key: StorageKey, LockKey {\n    typealias Value = HTTPClient\n}\n",
        "        privateKey: NIOSSLPrivateKeySource\n", "        currentX509PrivateKey: newPair.x509Key\n",
        "        fields[\"progressToken\"] = .string(s)\n",
        "    info.usri1_password = UnsafeMutablePointer<WCHAR>(mutating: passwordW)\n",
        // Badge tokens sit in every page that shows the image.
        "[![codecov](https://codecov.io/gh/o/r/graph/badge.svg?token=3k47sRmxXn)](https://codecov.io/gh/o/r)\n",
        "<a href=\"https://codecov.io/gh/o/r\"><img src=\"https://img.shields.io/codecov/c/gh/o/r?token=Qz81LmNo4x\"></a>\n",
    ]

    @Test(arguments: negatives)
    func ignoresNonAssignments(_ text: String) {
        #expect(GenericAssignmentDetector().candidates(in: Array(text.utf8)).isEmpty)
    }

    /// Assignments the detector reports as written, which judgement then rejects.
    static let judgedNegatives: [String] = [
        "password = get_password()\n", "token = os.environ[\"TOKEN\"]\n", "DB_PASSWORD=${DB_PASSWORD}\n",
        "password: \"{{ .Values.password }}\"\n", "api_key: your-api-key-here\n", "password=changeme\n",
        "secret: /run/secrets/app\n", "token: 3600\n", "password: true\n", "password = None\n",
        "PASSWORD=\n", "password: \"\"\n", "password: '********'\n", "<password>TODO</password>",
        "SECRET_KEY = 'django-insecure-change-me'\n", "token: ${{ secrets.GITHUB_TOKEN }}\n",
        "password: ENC[AES256_GCM,data:\(w),iv:a,tag:b,type:str]\n",
        "password: $2b$12$\(DetectFixtures.random(53, "./" + DetectFixtures.alphanumeric, seed: 504))\n",
        "Authorization: Bearer <token>\n", "export GITHUB_TOKEN=$(gh auth token)\n",
        "checksum_secret_salt = DATABASE_PASSWORD\n", "password    required    pam_unix.so sha512\n",
        "password sufficient pam_ldap.so\n",
        "      pass = (const unsigned char *)buf;\n", "    ctx.password = ctx.password != NULL ? NULL : \"\";\n",
        "      output_bytes_this_pass = (ULONG)requested;\n", "export ANTHROPIC_API_KEY=sk-ant-api03-...\n",
        "\"apiKey\": \"AIzaSyD…\",\n",
        "    let password: String = \"Password\\(randomString(length: 10))\"\n",
        "    print(\"password: description=\\(password) hashValue=\\(password.hashValue)\")\n",
        "        let password = \"md522d085ed8dc3377968dc1c1a40519a2a\"\n", "      token = nullptr\n",
        "        let token = \"\\(Self.base64URL(#\"{\"alg\":\"HS256\"}\"#)).AAAA\"\n",
        "    authorization: \"Basic dGVzdA==\"\n",
    ]

    @Test(arguments: judgedNegatives)
    func judgementRejectsWhatIsNotASecret(_ text: String) {
        let reported = GenericAssignmentDetector().candidates(in: Array(text.utf8)).filter {
            SecretValueJudgement.judge($0.value, key: $0.key).reportConfidence != nil
        }
        #expect(reported.isEmpty, "\(reported.map(\.value))")
    }

    /// The engine hands the detector the offsets where Vectorscan saw its fragments; reading only
    /// there must find exactly what reading every byte finds.
    @Test(arguments: positives.map(\.text) + negatives + judgedNegatives)
    func fragmentOffsetsFindWhatAFullPassFinds(_ text: String) {
        let bytes = Array(text.utf8)
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let fragments = AssignmentScan.fragments.map { Array($0.utf8) }
        let starts = bytes.indices.filter { i in fragments.contains { lowered[i...].starts(with: $0) } }
        let full = GenericAssignmentDetector().candidates(in: bytes)
        let fromOffsets = bytes.withUnsafeBytes { GenericAssignmentDetector().candidates(in: $0, fragmentStarts: starts) }
        #expect(fromOffsets == full)
    }

    /// Windows line endings: every case ends with CRLF and is followed by another line; the
    /// detector must finish and find the same values as with LF (a CR once stalled the mysql/-p
    /// scanner in an endless loop on `MySQL x\r\n`).
    @Test(arguments: positives.map(\.text) + negatives + ["MySQL x", "mysql -u root", "sshpass -p", "the MySQL ::"])
    func crlfLineEndingsFindWhatLFFinds(_ text: String) {
        let lf = GenericAssignmentDetector().candidates(in: Array((text + "\nnext line\n").utf8)).map(\.value)
        let crlf = GenericAssignmentDetector().candidates(in: Array((text + "\r\nnext line\r\n").utf8)).map(\.value)
        #expect(crlf.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 } == lf)
    }

    @Test func rangesPointIntoTheBuffer() {
        let text = "a=1\nDB_PASSWORD=\(Self.v)\nb: 2\n  api_key: '\(Self.w)'\n"
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBytes { GenericAssignmentDetector().candidates(in: $0) }
        #expect(found.count == 2)
        #expect(found.map { String(decoding: bytes[$0.valueRange], as: UTF8.self) } == [Self.v, Self.w])
        #expect(found.map(\.quoted) == [false, true])
        #expect(found.map(\.kind) == [.password, .apiKey])
    }

    @Test func valuesLongerThanTheLimitAreSkipped() {
        let long = DetectFixtures.random(200, seed: 503)
        let detector = GenericAssignmentDetector(maximumValueLength: 100)
        #expect(detector.candidates(in: Array("token = \"\(long)\"\n".utf8)).isEmpty)
        #expect(detector.candidates(in: Array("token = \"\(Self.v)\"\n".utf8)).count == 1)
    }

    /// A `key: password` inside a `secretKeyRef` names which key of a Secret to read; the `value:`
    /// two lines on belongs to the next env item, whose own name says what the value is.
    @Test func aNameValuePairNeverBorrowsTheNextItemsValue() {
        let value = DetectFixtures.random(32, seed: 77)
        let yaml = """
            env:
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef:
                    name: db-creds
                    key: password
              - name: API_TOKEN
                value: "\(value)"
            """
        let found = GenericAssignmentDetector().findings(in: Array(yaml.utf8))
        #expect(found.map(\.ruleID) == ["generic-token"])
        let json = "[\n  {\n    \"name\": \"API_KEY\",\n    \"value\": \"\(value)\"\n  }\n]\n"
        #expect(GenericAssignmentDetector().findings(in: Array(json.utf8)).map(\.ruleID) == ["generic-api-key"])
    }
}
